/**
 * The content model's schemas. Types are inferred from them (z.infer), never written twice.
 * Messages read "<what was found> is not <what is expected>" so editors know the fix.
 */
import { IANAZone } from "luxon";
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

/**
 * Text readers see: at least one character that shows (text/visible-text.ts), and its
 * bidirectional controls closed. (Empty text is the length check's to report.)
 */
const shown = <T extends z.ZodString>(schema: T): T =>
  schema
    .refine((value) => invisibleTextProblem(value) === null, {
      error: (iss) => invisibleTextProblem(String(iss.input)) ?? "",
    })
    .refine((value) => unbalancedBidiProblem(value) === null, {
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

const isoDateTime = z
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

const httpUrl = (expected: string) =>
  z
    .string({ error: (iss) => found(iss.input, expected) })
    .refine((value) => /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/.test(value), {
      error: (iss) => `${describeValue(iss.input)} is not ${expected}`,
    });

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

export const publisherSchema = mapping(
  {
    name: text("the publisher's name"),
    url: originUrl,
    description: text("a one-sentence description of the site"),
    logo: mapping(
      {
        svg: text("the path of the SVG logo (e.g. /assets/logo.svg)"),
        width: positiveInteger("the logo's width in pixels (e.g. 240)"),
        height: positiveInteger("the logo's height in pixels (e.g. 40)"),
      },
      "the logo (svg, width, height)",
    ),
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
    /** The newsroom's address for readers (shown on the contact page, and in JSON-LD). */
    email: z
      .string({ error: (iss) => found(iss.input, "an e-mail address (e.g. redaction@example.fr)") })
      .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, {
        error: (iss) => `${describeValue(iss.input)} is not an e-mail address (e.g. redaction@example.fr)`,
      })
      .optional(),
    /** Pages about the publisher (src/pages/<slug>.md), in the footer's order. */
    pages: z
      .array(trustPageRefSchema, { error: (iss) => found(iss.input, "a list of pages (- slug: a-propos)") })
      .default([]),
    appeal: mapping(
      {
        title: text("the appeal's heading"),
        paragraphs: z
          .array(text("a paragraph"), { error: (iss) => found(iss.input, "a list of paragraphs") })
          .min(1, { error: "is empty; expected at least one paragraph" }),
      },
      "the readers' appeal (title, paragraphs)",
    ),
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

/** Build and presentation settings. */
export const settingsSchema = mapping(
  {
    homeArticleCount: positiveInteger("a whole number of articles (e.g. 10)").default(10),
    wordsPerMinute: positiveInteger("a whole number of words per minute (e.g. 230)").default(230),
    /** Articles per page on section, topic and archive pages. */
    pageSize: positiveInteger("a whole number of articles per page (e.g. 20)").default(20),
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
