/**
 * The content model's schemas. Types are inferred from them (z.infer), never written twice.
 * Messages read "<what was found> is not <what is expected>" so editors know the fix.
 */
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { isoWithOffsetProblem, parseIsoWithOffset } from "../text/dates.ts";
import { didYouMean } from "../text/did-you-mean.ts";
import { SLUG_PATTERN } from "../text/slug.ts";
import { invisibleTextProblem, unbalancedBidiProblem } from "../text/visible-text.ts";

export const MAX_TITLE_LENGTH = 110;
export const MAX_BIO_LENGTH = 600;
/** A standfirst is one or two sentences; lists and feeds copy it whole. */
export const MAX_STANDFIRST_LENGTH = 400;
/** Tags name topics readers follow: a few per article, a few words each. */
export const MAX_TAGS = 12;
export const MAX_TAG_LENGTH = 60;

/** How a found value is quoted in messages: strings in quotes, the rest as YAML would show it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? "" : "s"})`;
  if (value === null) return "an empty value";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

const found = (input: unknown, expected: string) =>
  input === undefined
    ? `is missing; expected ${expected}`
    : input === null
      ? `is empty; expected ${expected}`
      : `${describeValue(input)} is not ${expected}`;

/** The checks of text readers see, by name: the CMS's configuration knows them (scripts/output/cms-config.ts). */
export const showsSomething = (value: string): boolean => invisibleTextProblem(value) === null;
export const closesBidiControls = (value: string): boolean => unbalancedBidiProblem(value) === null;

/**
 * Text readers see: at least one character that shows (text/visible-text.ts), and its
 * bidirectional controls closed. (Empty text is the length check's to report.)
 */
const shown = <T extends z.ZodString>(schema: T): T =>
  schema
    .refine(showsSomething, {
      error: (iss) => invisibleTextProblem(String(iss.input)) ?? "",
    })
    .refine(closesBidiControls, {
      error: (iss) => `${describeValue(iss.input)} ${unbalancedBidiProblem(String(iss.input))}`,
    }) as T;

const text = (expected: string) =>
  shown(
    z
      .string({ error: (iss) => found(iss.input, expected) })
      .trim()
      .min(1, { error: `is empty; expected ${expected}` }),
  );

/** Text of at most `max` characters, said with its length when longer. */
const shortText = (expected: string, max: number) =>
  text(expected).max(max, {
    error: (iss) =>
      `${describeValue(iss.input)} is ${String(iss.input).trim().length} characters long; expected at most ${max}`,
  });

/** An ISO 8601 date-time with its offset; the CMS's configuration gives it a date picker (scripts/output/cms-config.ts). */
export const isoDateTime = z
  .string({ error: (iss) => found(iss.input, "an ISO 8601 date-time with offset (e.g. 2023-04-18T14:05:00+02:00)") })
  .refine((value) => parseIsoWithOffset(value) !== null, {
    error: (iss) => `${describeValue(iss.input)} ${isoWithOffsetProblem(String(iss.input))}`,
  });

const positiveInteger = (expected: string) => {
  const notExpected = (iss: { input?: unknown }) => `${describeValue(iss.input)} is not ${expected}`;
  return z
    .number({ error: (iss) => found(iss.input, expected) })
    .int({ error: notExpected })
    .positive({ error: notExpected });
};

/** A nested block of fields (YAML mapping); unknown keys inside it are reported by toProblems. */
const mapping = <T extends z.core.$ZodLooseShape>(shape: T, expected: string) =>
  z.strictObject(shape, { error: (iss) => (iss.code === "unrecognized_keys" ? "" : found(iss.input, expected)) });

const slug = (expected: string) =>
  z
    .string({ error: (iss) => found(iss.input, expected) })
    .regex(SLUG_PATTERN, { error: (iss) => `${describeValue(iss.input)} is not ${expected}` });

/** The site's origin only: a path prefix comes from PATH_PREFIX (scripts/input/site-url.ts). */
const originUrl = z
  .string({ error: (iss) => found(iss.input, "the site's http(s) origin (e.g. https://www.example.fr)") })
  .regex(/^https?:\/\/[^\s/?#@]+\/?$/, {
    error: (iss) =>
      `${describeValue(iss.input)} is not an http(s) origin (e.g. https://www.example.fr); a path prefix goes in PATH_PREFIX`,
  });

/** An http(s) URL with a dotted host: a regex, so that the CMS's configuration can ask for the same. */
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/;

const httpUrl = (expected: string) =>
  z
    .string({ error: (iss) => found(iss.input, expected) })
    .regex(HTTP_URL_PATTERN, { error: (iss) => `${describeValue(iss.input)} is not ${expected}` });

/**
 * Checks across the fields of a mapping run whatever else in it is wrong (every problem of a
 * file in one run): they see the fields as parsed so far, valid or not, and must not trust them.
 */
const always = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
};

/** Reports every item whose slug an earlier item already has, at `<list>.<index>.slug` (items not yet valid are skipped). */
function uniqueSlugs(items: unknown, list: string, ctx: z.RefinementCtx): void {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  items.forEach((item: { slug?: unknown } | null, index) => {
    if (typeof item?.slug !== "string") return;
    if (seen.has(item.slug)) {
      ctx.addIssue({
        code: "custom",
        path: [list, index, "slug"],
        message: `"${item.slug}" is declared twice; expected unique ${list.replace(/s$/, "")} slugs`,
      });
    }
    seen.add(item.slug);
  });
}

/** A correction notice of an article: when it was made and what it says. */
export const correctionSchema = mapping(
  {
    date: isoDateTime,
    text: text("what was corrected, in a sentence or two"),
  },
  "a correction (date, text)",
);

const percent = (expected: string) => {
  const notExpected = (iss: { input?: unknown }) => `${describeValue(iss.input)} is not ${expected}`;
  return z
    .number({ error: (iss) => found(iss.input, expected) })
    .min(0, { error: notExpected })
    .max(100, { error: notExpected });
};

/** A lead photo (scripts/input/images.ts checks the file itself). */
const leadPhoto = mapping(
  {
    src: text("the path of a photo beside the article (e.g. 2023-04-18-moscou.jpg)"),
    // Required, and may be empty: an empty alt says the photo is decorative, a missing one is an oversight.
    alt: shown(
      z
        .string({
          error: (iss) =>
            found(iss.input, 'a description of the photo for readers who cannot see it ("" for a decorative photo)'),
        })
        .trim(),
    ),
    caption: text("a caption: what the photo shows, where and when").optional(),
    credit: text("the photographer and agency (e.g. Alexander Zemlianichenko / AP)"),
    focus: mapping(
      {
        x: percent("a percentage of the width from the left, 0 to 100"),
        y: percent("a percentage of the height from the top, 0 to 100"),
      },
      "the point crops keep in view (x and y, in percent)",
    ).optional(),
  },
  "a lead photo (src, alt, caption, credit)",
);

/** One tag of an article. */
export const tagSchema = shortText(`a tag of at most ${MAX_TAG_LENGTH} characters`, MAX_TAG_LENGTH);

/**
 * Live coverage (« En direct »): when it started and, once it is over, when it ended. The updates
 * are in the body (scripts/input/live.ts).
 */
export const liveSchema = mapping(
  {
    start: isoDateTime,
    end: isoDateTime.optional(),
  },
  "live coverage (start, and end once it is over)",
).superRefine((data, ctx) => {
  const start = parseIsoWithOffset(data.start);
  const end = data.end === undefined ? null : parseIsoWithOffset(data.end);
  if (start && end && end <= start) {
    ctx.addIssue({
      code: "custom",
      path: ["end"],
      message: `"${data.end}" is not after live.start "${data.start}"; expected the time the coverage ended`,
      input: data.end,
    });
  }
});

/** An IndexNow key: 8 to 128 letters, digits and dashes (https://www.indexnow.org/documentation). */
const INDEXNOW_KEY = /^[a-zA-Z0-9-]{8,128}$/;

/**
 * Telling search engines and feed readers at once what a build published (`npm run ping`,
 * scripts/publish/ping.ts): off unless publisher.yaml says where to.
 */
export const pingSchema = mapping(
  {
    indexnow: mapping(
      {
        key: z
          .string({ error: (iss) => found(iss.input, "an IndexNow key: 8 to 128 letters, digits and dashes") })
          .regex(INDEXNOW_KEY, {
            error: (iss) =>
              `${describeValue(iss.input)} is not an IndexNow key; expected 8 to 128 letters, digits and dashes`,
          }),
        endpoint: httpUrl("the IndexNow endpoint (e.g. https://api.indexnow.org/indexnow)").default(
          "https://api.indexnow.org/indexnow",
        ),
      },
      "IndexNow (key, endpoint)",
    ).optional(),
    websub: mapping(
      { hub: httpUrl("a WebSub hub's URL (e.g. https://pubsubhubbub.appspot.com/)") },
      "a WebSub hub (hub)",
    ).optional(),
  },
  "pings (indexnow, websub)",
);

export type PingSettings = z.infer<typeof pingSchema>;

/** Front matter of an article source file. */
/** An article signed by nobody: the schema's check across fields, also run alone when other fields fail (article.ts). */
export const BYLINE_MISSING =
  "is missing; expected the byline (e.g. La Rédaction) or `authors` (slugs from authors.yaml)";

export const articleFrontMatterSchema = mapping(
  {
    title: shortText(`a headline of at most ${MAX_TITLE_LENGTH} characters`, MAX_TITLE_LENGTH),
    standfirst: shortText(
      `a standfirst (chapô): one or two sentences, at most ${MAX_STANDFIRST_LENGTH} characters`,
      MAX_STANDFIRST_LENGTH,
    ),
    date: isoDateTime,
    modified: isoDateTime.optional(),
    section: slug("a section slug declared in the publisher metadata (e.g. international)"),
    /** The free byline (desk and agency copy); after `authors`, it ends the byline (« avec AFP »). */
    author: text("the byline (e.g. La Rédaction)").optional(),
    /** Named authors: slugs of _data/authors.yaml, whose pages the byline links to. */
    authors: z
      .array(slug("an author's slug from authors.yaml (e.g. claire-martin)"), {
        error: (iss) => found(iss.input, "a list of author slugs (e.g. [claire-martin])"),
      })
      .optional(),
    tags: z
      .array(tagSchema, {
        error: (iss) => found(iss.input, "a list of tags (e.g. [Chine, Russie])"),
      })
      .max(MAX_TAGS, {
        error: (iss) =>
          `is a list of ${(iss.input as unknown[]).length} tags; expected at most ${MAX_TAGS}: the topics readers would follow`,
      })
      .default([]),
    draft: z.boolean({ error: (iss) => found(iss.input, "true or false") }).default(false),
    corrections: z
      .array(correctionSchema, {
        error: (iss) => found(iss.input, "a list of corrections (- date: …, text: …)"),
      })
      .default([]),
    image: leadPhoto.optional(),
    /** Present on live coverage only. */
    live: liveSchema.optional(),
  },
  "front matter fields (title, standfirst, date, …)",
).superRefine((data, ctx) => {
  // A byline given wrongly is that field's problem, not a missing one.
  const authors: unknown = data.authors;
  if (data.author === undefined && (authors === undefined || (Array.isArray(authors) && authors.length === 0))) {
    ctx.addIssue({
      code: "custom",
      path: ["author"],
      message: BYLINE_MISSING,
      input: data.author,
    });
  }
  if (typeof data.modified !== "string" || typeof data.date !== "string") return;
  const published = parseIsoWithOffset(data.date);
  const modified = parseIsoWithOffset(data.modified);
  if (published && modified && modified < published) {
    ctx.addIssue({
      code: "custom",
      path: ["modified"],
      message: `"${data.modified}" is before the publication date "${data.date}"; expected the same time or later`,
      input: data.modified,
    });
  }
}, always);

export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;

export const sectionSchema = mapping(
  {
    slug: slug("an ASCII slug (e.g. international)"),
    name: text("the section's display name"),
    description: text("a one-sentence description of the section"),
  },
  "a section (slug, name, description)",
);

/**
 * What a page about the publisher is to search engines: the NewsMediaOrganization's
 * properties its URL fills in (https://schema.org/NewsMediaOrganization), `contactPoint` for
 * the contact page.
 */
export const TRUST_PAGE_ROLES = [
  "publishingPrinciples",
  "ethicsPolicy",
  "correctionsPolicy",
  "masthead",
  "contactPoint",
] as const;

export const trustPageRefSchema = mapping(
  {
    slug: slug("an ASCII slug, the page's file name without .md (e.g. a-propos)"),
    roles: z
      .array(z.enum(TRUST_PAGE_ROLES, { error: (iss) => found(iss.input, `one of ${TRUST_PAGE_ROLES.join(", ")}`) }), {
        error: (iss) => found(iss.input, `a list of roles (${TRUST_PAGE_ROLES.join(", ")})`),
      })
      .default([]),
  },
  "a page (slug, roles)",
);

/**
 * A value the publisher has not given yet, marked as such so that no one takes it for a real one:
 * `telephone: { placeholder: "à confirmer par le service juridique" }`. The legal notice shows
 * it as « à compléter » and the build warns (scripts/input/legal-notice.ts); it is never published
 * as a value.
 */
export const placeholderSchema = mapping(
  { placeholder: text("what is still to be given, and by whom (e.g. à confirmer par le service juridique)") },
  "a placeholder ({ placeholder: what is still to be given })",
);

export type Placeholder = z.infer<typeof placeholderSchema>;

/**
 * A field of the legal notice: its value, a placeholder, or nothing yet (absent or empty): the
 * schema accepts a gap, the legal notice's own check says which gaps a production build refuses.
 */
const legalField = <T extends z.ZodType<string>>(value: T, expected: string) =>
  z
    .union([value, placeholderSchema], {
      error: (iss) => {
        if (typeof iss.input === "number") {
          // `telephone: 0123456789` reads as the number 123456789.
          return `is the number ${iss.input} (YAML reads unquoted digits as a number, without leading zeros); expected ${expected}, in quotes`;
        }
        return iss.input !== null && typeof iss.input === "object" && !Array.isArray(iss.input)
          ? `is a mapping but not a placeholder; expected ${expected}, or { placeholder: what is still to be given }`
          : found(iss.input, expected);
      },
    })
    .nullish();

const legalText = (expected: string) => legalField(text(expected), expected);

const TELEPHONE = "a telephone number (e.g. +33 1 23 45 67 89)";
const telephone = legalField(
  text(TELEPHONE).regex(/^\+?[\d\s.()-]{6,}$/, {
    error: (iss) => `${describeValue(iss.input)} is not ${TELEPHONE}`,
  }),
  TELEPHONE,
);

/** The kinds of publisher the law tells apart: what the legal notice must say depends on it. */
export const LEGAL_PUBLISHER_KINDS = ["company", "association", "person"] as const;

const shareholderSchema = mapping(
  {
    name: text("the shareholder's name"),
    share: z
      .number({ error: (iss) => found(iss.input, "the share of the capital held, in percent (10 to 100)") })
      .min(10, {
        error: (iss) =>
          `${describeValue(iss.input)} is below 10; expected shareholders holding at least 10 % (loi n° 86-897, art. 5)`,
      })
      .max(100, { error: (iss) => `${describeValue(iss.input)} is not a percentage; expected 10 to 100` }),
  },
  "a shareholder (name, share)",
);

/** publisher.yaml `legal`: who publishes, directs the publication and hosts the site (the legal notice). */
export const legalSchema = mapping(
  {
    publisher: mapping(
      {
        kind: z.enum(LEGAL_PUBLISHER_KINDS, {
          error: (iss) =>
            found(
              iss.input,
              '"company" (a company registered at the RCS), "association" (another legal person) or "person"',
            ),
        }),
        name: legalText("the company name (dénomination sociale) or the person's full name"),
        legalForm: legalText("the legal form (e.g. SAS, SARL, association loi 1901)"),
        capital: legalText("the share capital (e.g. 10 000 €)"),
        registration: legalText("the registration number (e.g. RCS Paris 123 456 789)"),
        vatNumber: legalText("the intra-community VAT number (e.g. FR12 123456789)"),
        address: legalText("the postal address of the registered office (or of the person's home)"),
        telephone,
        representative: legalText("the name of the legal representative"),
        shareholders: z
          .union([z.array(shareholderSchema), placeholderSchema], {
            error: (iss) =>
              found(iss.input, "a list of the shareholders holding at least 10 % (- name: …, share: 35), or []"),
          })
          .nullish(),
      },
      "the publisher's identity (kind, name, legalForm, address, telephone, …)",
    ),
    director: legalText("the name of the director of publication (directeur de la publication)"),
    editorInChief: legalText("the name of the editor in chief (responsable de la rédaction)"),
    host: mapping(
      {
        name: legalText("the host's name or company name"),
        address: legalText("the host's postal address"),
        telephone,
      },
      "the host (name, address, telephone)",
    ).nullish(),
  },
  "the legal notice's fields (publisher, director, editorInChief, host)",
);

export type Legal = z.infer<typeof legalSchema>;

const EMAIL_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const EMAIL = "an e-mail address (e.g. redaction@example.fr)";
const email = z
  .string({ error: (iss) => found(iss.input, EMAIL) })
  .regex(EMAIL_PATTERN, { error: (iss) => `${describeValue(iss.input)} is not ${EMAIL}` });

/** A service the publisher runs on other sites (newsletter sign-up, contact form): who runs it, where. */
const outsideService = (what: string) =>
  mapping(
    {
      provider: text(`who runs the ${what} for the publisher (e.g. Brevo)`),
      url: httpUrl(`the https URL of the ${what}`),
      retention: text(`how long what it collects is kept (e.g. jusqu'à la désinscription)`).optional(),
    },
    `the ${what} (provider, url, retention)`,
  );

/** The longest the CNIL lets audience measurement data be kept without consent. */
export const CNIL_AUDIENCE_RETENTION_MONTHS = 25;

/** publisher.yaml `privacy`: what the publisher processes besides reader pages (which collect nothing). */
export const privacySchema = mapping(
  {
    /** Where readers exercise their rights; the publisher's `email` by default. */
    contact: email.optional(),
    newsletter: outsideService("newsletter sign-up").optional(),
    contactForm: outsideService("contact form").optional(),
    audienceMeasurement: mapping(
      {
        tool: text("the tool that measures the audience (e.g. GoAccess, from the server's logs)"),
        provider: text("who runs it (e.g. the host), when not the publisher itself").optional(),
        retentionMonths: positiveInteger(`a whole number of months, at most ${CNIL_AUDIENCE_RETENTION_MONTHS}`).max(
          CNIL_AUDIENCE_RETENTION_MONTHS,
          {
            error: (iss) =>
              `${describeValue(iss.input)} is more than ${CNIL_AUDIENCE_RETENTION_MONTHS}; expected at most ${CNIL_AUDIENCE_RETENTION_MONTHS} months, the longest the CNIL's exemption from consent allows`,
          },
        ),
        cnilExemption: z.literal(true, {
          error: (iss) =>
            found(
              iss.input,
              "true: the tool meets the CNIL's conditions for measuring audience without consent (reader pages cannot ask for consent: they run no script)",
            ),
        }),
      },
      "audience measurement (tool, provider, retentionMonths, cnilExemption)",
    ).optional(),
  },
  "what the publisher processes (contact, newsletter, contactForm, audienceMeasurement)",
);

export type Privacy = z.infer<typeof privacySchema>;

const parameterName = (expected: string) =>
  z
    .string({ error: (iss) => found(iss.input, expected) })
    .regex(/^[A-Za-z0-9_.-]+$/, { error: (iss) => `${describeValue(iss.input)} is not ${expected}` });

/**
 * Search (the /recherche/ page, the field in every page's header, the index): on unless turned
 * off. `engine` adds to the page, for readers without JavaScript, a form to an outside search
 * engine restricted to the site: off unless named.
 */
export const searchSettingsSchema = mapping(
  {
    enabled: z.boolean({ error: (iss) => found(iss.input, "true or false") }).default(true),
    engine: mapping(
      {
        name: text("the engine's name (e.g. DuckDuckGo)"),
        url: httpUrl("the https URL its form sends queries to (e.g. https://duckduckgo.com/)").refine(
          (value) => value.startsWith("https://"),
          { error: (iss) => `${describeValue(iss.input)} is not an https URL (e.g. https://duckduckgo.com/)` },
        ),
        query: parameterName("the name of the query's parameter (e.g. q)").default("q"),
        site: parameterName(
          "the name of the parameter that restricts results to a site (e.g. sites for DuckDuckGo, as_sitesearch for Google)",
        ),
      },
      "an outside search engine (name, url, query, site)",
    ).optional(),
  },
  "search settings (enabled, engine; `enabled: false` below `search:` turns search off)",
);

export type SearchSettings = z.infer<typeof searchSettingsSchema>;

export const publisherSchema = mapping(
  {
    name: text("the publisher's name"),
    url: originUrl,
    description: text("a one-sentence description of the site"),
    /**
     * The publisher's own logo file for the header. Without it, the header writes the name as the
     * site's wordmark, as the PNG logo and the social cards draw it (scripts/output/social-card.ts).
     */
    logo: mapping(
      {
        svg: text("the path of the SVG logo (e.g. /assets/logo.svg)"),
        width: positiveInteger("the logo's width in pixels (e.g. 240)"),
        height: positiveInteger("the logo's height in pixels (e.g. 40)"),
      },
      "the logo (svg, width, height)",
    ).optional(),
    language: z.literal("fr", { error: (iss) => found(iss.input, '"fr"') }),
    locale: z.literal("fr-FR", { error: (iss) => found(iss.input, '"fr-FR"') }),
    timeZone: z
      .string({ error: (iss) => found(iss.input, "an IANA time zone (e.g. Europe/Paris)") })
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: (iss) => `${describeValue(iss.input)} is not an IANA time zone (e.g. Europe/Paris)`,
      }),
    sections: z
      .array(sectionSchema, { error: (iss) => found(iss.input, "a list of sections") })
      .min(1, { error: "is empty; expected at least one section" }),
    /** The newsroom's address for readers (shown on the contact page, in the legal notice and in JSON-LD). */
    email: email.optional(),
    /** Pages about the publisher (src/pages/<slug>.md), in the footer's order. */
    pages: z
      .array(trustPageRefSchema, { error: (iss) => found(iss.input, "a list of pages (- slug: a-propos)") })
      .default([]),
    /** `npm run ping`: off when absent. */
    ping: pingSchema.optional(),
    appeal: mapping(
      {
        title: text("the appeal's heading"),
        paragraphs: z
          .array(text("a paragraph"), { error: (iss) => found(iss.input, "a list of paragraphs") })
          .min(1, { error: "is empty; expected at least one paragraph" }),
      },
      "the readers' appeal (title, paragraphs)",
    ),
    /** The legal notice (scripts/input/legal-notice.ts checks what the law asks for). */
    legal: legalSchema.optional(),
    /** What the page « Données personnelles » says the publisher processes elsewhere. */
    privacy: privacySchema.optional(),

    search: searchSettingsSchema.default({ enabled: true }),
  },
  "publisher fields (name, url, …)",
).superRefine((data, ctx) => {
  uniqueSlugs(data.sections, "sections", ctx);
  uniqueSlugs(data.pages, "pages", ctx);
  const pages: unknown = data.pages;
  if (!Array.isArray(pages)) return;
  const given = new Map<string, number>();
  pages.forEach((page: { roles?: unknown } | null, index) => {
    if (!Array.isArray(page?.roles)) return;
    for (const role of page.roles) {
      if (typeof role !== "string") continue;
      if (given.has(role)) {
        ctx.addIssue({
          code: "custom",
          path: ["pages", index, "roles"],
          message: `"${role}" is already the role of "${pages[given.get(role) as number]?.slug}"; expected each role on one page`,
        });
      }
      given.set(role, index);
    }
  });
}, always);

export type Publisher = z.infer<typeof publisherSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type TrustPageRef = z.infer<typeof trustPageRefSchema>;
export type TrustPageRole = TrustPageRef["roles"][number];

/** One author of _data/authors.yaml. */
export const authorSchema = mapping(
  {
    slug: slug("an ASCII slug (e.g. claire-martin)"),
    name: text("the name bylines show (e.g. Claire Martin)"),
    role: text("the author's role (e.g. Journaliste, service International)"),
    bio: text(`a short biography of at most ${MAX_BIO_LENGTH} characters`).max(MAX_BIO_LENGTH, {
      error: (iss) =>
        `is ${String(iss.input).trim().length} characters long; expected at most ${MAX_BIO_LENGTH} (a short biography)`,
    }),
    /** A person by default; « La Rédaction » or an agency is an organization. */
    kind: z
      .enum(["person", "organization"], { error: (iss) => found(iss.input, '"person" or "organization"') })
      .default("person"),
    /** The author's pages elsewhere (a social profile, a personal site): sameAs in JSON-LD. */
    links: z
      .array(httpUrl("an http(s) URL (e.g. https://x.com/nom)"), {
        error: (iss) => found(iss.input, "a list of URLs"),
      })
      .default([]),
  },
  "an author (slug, name, role, bio, links)",
);

/** _data/authors.yaml. */
export const authorsFileSchema = mapping(
  {
    authors: z.array(authorSchema, { error: (iss) => found(iss.input, "a list of authors (- slug: …)") }),
  },
  "authors (a list under `authors:`)",
).superRefine((data, ctx) => uniqueSlugs(data.authors, "authors", ctx), always);

export type AuthorEntry = z.infer<typeof authorSchema>;

/** Front matter of a page about the publisher (src/pages/<slug>.md). */
export const trustPageFrontMatterSchema = mapping(
  {
    title: shortText(`a title of at most ${MAX_TITLE_LENGTH} characters`, MAX_TITLE_LENGTH),
    description: text("a one-sentence description of the page"),
    updated: isoDateTime.optional(),
  },
  "page fields (title, description, updated)",
);

/** A calendar day, YYYY-MM-DD (an audit's date, a statement's). */
const isoDay = (expected: string) =>
  z
    .string({ error: (iss) => found(iss.input, `${expected}, YYYY-MM-DD (e.g. 2026-11-20)`) })
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, {
      error: (iss) => `${describeValue(iss.input)} is not a date YYYY-MM-DD (e.g. 2026-11-20)`,
    });

const list = <T extends z.ZodType>(item: T, expected: string) =>
  z.array(item, { error: (iss) => found(iss.input, expected) }).default([]);

/** The RGAA version audits are made against unless the audit says otherwise. */
export const RGAA_VERSION = "4.1.2";

/**
 * What an accessibility audit found (RGAA's model statement: « Résultats des tests », « Contenus
 * non accessibles », « Établissement de cette déclaration »). Its rate, or the counts of criteria
 * it is worked out from, is all the conformity status is derived from (scripts/input/accessibility.ts).
 */
export const auditSchema = mapping(
  {
    date: isoDay("the day the audit ended"),
    auditor: text("who audited (e.g. Access42, or audit interne)"),
    rgaaVersion: text(`the RGAA version audited against (e.g. ${RGAA_VERSION})`).default(RGAA_VERSION),
    /** The share of applicable RGAA criteria met, in percent: what the audit report gives. */
    rate: percent("the share of applicable RGAA criteria met, in percent (0 to 100)").optional(),
    /** Or the counts the rate is worked out from (met / (met + not met)). */
    criteria: mapping(
      {
        met: z.number().int().nonnegative({ error: "is negative; expected a count" }),
        notMet: z.number().int().nonnegative({ error: "is negative; expected a count" }),
      },
      "the counts of applicable criteria met and not met (met, notMet)",
    ).optional(),
    pages: z
      .array(
        mapping(
          { name: text("the page's name (e.g. Accueil)"), url: text("its URL (e.g. / or /contact/)") },
          "an audited page (name, url)",
        ),
        { error: (iss) => found(iss.input, "the list of pages audited (- name: Accueil, url: /)") },
      )
      .min(1, { error: "is empty; expected the pages the audit checked (at least one)" }),
    nonConformities: list(text("a non-conformity, in a sentence"), "a list of non-conformities"),
    /** Dérogations pour charge disproportionnée. */
    derogations: list(
      mapping(
        { content: text("what is not made accessible"), reason: text("why making it so is a disproportionate burden") },
        "a derogation (content, reason)",
      ),
      "a list of derogations (- content: …, reason: …)",
    ),
    /** Contenus non soumis à l'obligation d'accessibilité. */
    exemptions: list(text("content the obligation does not cover, in a sentence"), "a list of exempted contents"),
    environment: list(text("a browser with an assistive technology (e.g. Firefox 128 et NVDA 2024.1)"), "a list"),
    tools: list(text("a tool the audit used (e.g. Colour Contrast Analyser)"), "a list of tools"),
  },
  "an audit (date, auditor, rate, pages, nonConformities, …)",
);

export type Audit = z.infer<typeof auditSchema>;

/** _data/accessibility.yaml: the accessibility statement's data. */
export const accessibilityFileSchema = mapping(
  {
    /** « Cette déclaration a été établie le … ». */
    established: isoDay("the day the statement was established"),
    updated: isoDay("the day the statement was last updated").optional(),
    /** The latest audit; none: the site is « non conforme » (RGAA). */
    audit: auditSchema.optional(),
    /** How readers report a problem (RGAA: « Retour d'information et contact »); the publisher's e-mail by default. */
    contact: mapping(
      {
        email: email.optional(),
        url: text("the URL of a page or form to report a problem (e.g. /contact/)").optional(),
      },
      "how to report a problem (email, url)",
    ).optional(),
  },
  "accessibility statement fields (established, audit, contact)",
);

export type AccessibilityFile = z.infer<typeof accessibilityFileSchema>;

const boolean = () => z.boolean({ error: (iss) => found(iss.input, "true or false") });

/**
 * The CMS on the deployed site (/admin/, docs/editing.md): off unless `deploy: true`; then the
 * git host it edits through, with its OAuth, and whether saves go through pull requests.
 */
export const cmsSettingsSchema = mapping(
  {
    deploy: boolean().default(false),
    backend: z
      .enum(["github", "gitlab"], { error: (iss) => found(iss.input, '"github" or "gitlab"') })
      .default("github"),
    /** owner/name on the git host. */
    repo: z
      .string({ error: (iss) => found(iss.input, "the repository as owner/name (e.g. journal/site)") })
      .regex(/^[\w.-]+\/[\w.-]+$/, {
        error: (iss) => `${describeValue(iss.input)} is not a repository as owner/name (e.g. journal/site)`,
      })
      .optional(),
    branch: text("the branch the site is built from (e.g. main)").default("main"),
    /** The OAuth service that signs editors in to the git host (its origin, e.g. an auth worker). */
    authUrl: originUrl.optional(),
    /** Draft → review → ready → published, each article a pull request. */
    editorialWorkflow: boolean().default(true),
  },
  "the CMS's settings (deploy, backend, repo, branch, authUrl, editorialWorkflow)",
).superRefine((data, ctx) => {
  if (data.deploy && data.repo === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["repo"],
      message: "is missing; expected the repository the CMS edits (e.g. journal/site) when deploy is true",
    });
  }
});

export type CmsSettings = z.infer<typeof cmsSettingsSchema>;

/** Build and presentation settings. */
export const settingsSchema = mapping(
  {
    homeArticleCount: positiveInteger("a whole number of articles (e.g. 10)").default(10),
    wordsPerMinute: positiveInteger("a whole number of words per minute (e.g. 230)").default(230),
    /** Articles per page on section, topic and archive pages. */
    pageSize: positiveInteger("a whole number of articles per page (e.g. 20)").default(20),
    /** Without it, the CMS is not deployed. */
    cms: cmsSettingsSchema.optional(),
  },
  "site settings",
);

export type Settings = z.infer<typeof settingsSchema>;

/** The field names a schema accepts at a path (["logo"] → svg, width, height), in declaration order. */
export function knownFields(schema: z.core.$ZodType, fieldPath: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  let index = 0;
  while (current) {
    const def = current._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") {
      current = def.innerType as z.core.$ZodType;
    } else if (def.type === "pipe") {
      current = def.in as z.core.$ZodType;
    } else if (index < fieldPath.length && def.type === "array") {
      current = def.element as z.core.$ZodType;
      index += 1;
    } else if (def.type === "object") {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (index === fieldPath.length) return Object.keys(shape);
      current = shape[String(fieldPath[index])];
      index += 1;
    } else {
      return [];
    }
  }
  return [];
}

function unknownFieldMessage(key: string, known: string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion) return `is not a known field; did you mean \`${suggestion}\`?`;
  return known.length > 0 ? `is not a known field; expected one of ${known.join(", ")}` : "is not a known field";
}

/**
 * Turns zod issues into problems that name the file and field. With the schema, a misspelt
 * field name gets the name it probably meant.
 */
export function toProblems(
  file: string,
  error: z.ZodError,
  schema?: z.core.$ZodType,
): { file: string; field: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = schema ? knownFields(schema, issue.path) : [];
      return issue.keys.map((key) => ({
        file,
        field: [...issue.path, key].join("."),
        message: unknownFieldMessage(key, known),
      }));
    }
    return [{ file, field: issue.path.length > 0 ? issue.path.join(".") : "(file)", message: issue.message }];
  });
}
