/**
 * The CMS's configuration (Decap CMS, /admin/config.yml), generated from our own schemas
 * (scripts/input/schema.ts) and the publisher's metadata, never written by hand: the CMS can
 * only offer what the build accepts.
 *
 * The schemas are walked generically: an object is a group of fields, a list of objects a list
 * widget, a list of texts a list of strings, an enum a select, a boolean a switch, a number a
 * number with its bounds, a text a string whose pattern says what the build's checks say
 * (trimmed, at least n, at most m characters; a regex). A field whose meaning the schema cannot
 * tell (a date, a photo file, an author's slug) gets its widget from FIELD_WIDGETS, by path. A new
 * front-matter field therefore appears in the CMS as soon as the schema has it, and
 * tests/unit/output/cms-config.test.ts fails, naming it, if it has no counterpart.
 */
import path from "node:path";
import { stringify } from "yaml";
import type { z } from "zod";
import {
  articleFrontMatterSchema,
  authorSchema,
  type CmsSettings,
  closesBidiControls,
  HTTP_URL_PATTERN,
  isoDateTime,
  type Publisher,
  showsSomething,
  trustPageFrontMatterSchema,
} from "../input/schema.ts";
import { SLUG_PATTERN } from "../text/slug.ts";
import { cmsPageHtml, deployedCmsPolicy } from "./cms-page.ts";

/** One field of the CMS's configuration (Decap's field options). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required: boolean;
  hint?: string;
  default?: unknown;
  /** [regular expression, message]: what a text must match. */
  pattern?: [string, string];
  min?: number;
  max?: number;
  value_type?: "int" | "float";
  options?: string[];
  fields?: CmsField[];
  /** A list of single values (`tags: [a, b]`): the widget of each. */
  field?: CmsField;
  [option: string]: unknown;
}

/** Where the CMS reads and writes: Decap's `backend`. */
export type CmsBackend =
  /** `npm run cms`: the local backend on 127.0.0.1 (scripts/publish/cms-backend.ts). */
  | { name: "proxy"; proxy_url: string; branch?: string }
  /** The deployed site: the git host, through its OAuth. */
  | { name: "github" | "gitlab"; repo: string; branch: string; base_url?: string; auth_endpoint?: string };

export interface CmsConfigOptions {
  publisher: Publisher;
  /** Relative to the repository's root, with forward slashes. */
  folders: { articles: string; data: string; pages: string };
  backend: CmsBackend;
  /** Draft → review → publish through pull requests (GitHub and GitLab only). */
  editorialWorkflow: boolean;
  /** Where « Voir la page » links go (the preview, or the site). */
  siteUrl: string;
}

/** The front matter's dates: ISO 8601 with the offset, as the build requires (dayjs tokens). */
export const CMS_DATE_FORMAT = "YYYY-MM-DDTHH:mm:ssZ";

const DATE_TIME = {
  widget: "datetime",
  format: CMS_DATE_FORMAT,
  date_format: "DD/MM/YYYY",
  time_format: "HH:mm",
  picker_utc: false,
};

/**
 * What a field is, when the schema cannot tell: keyed by the field's path in its schema
 * (`image.src`, `corrections.date`), `*` for any path. `section` is set per collection below.
 */
const FIELD_WIDGETS: Record<string, Partial<CmsField>> = {
  standfirst: { widget: "text" },
  "image.src": { widget: "image", choose_url: false },
  "corrections.text": { widget: "text" },
  bio: { widget: "text" },
  description: { widget: "text" },
};

/**
 * Where the CMS is stricter than the schema, and why: a rule across fields that a widget cannot
 * express is kept by asking for one of its fields.
 */
export const STRICTER_IN_CMS: Record<string, string> = {
  // An article needs `author` or `authors`: the CMS asks for named authors, the free byline stays optional.
  authors: "the byline rule: an article names at least one author of authors.yaml in the CMS",
};

/** French labels and hints, by path; a field without one is shown with its name. */
const LABELS: Record<string, [string, string?]> = {
  title: ["Titre", "Le titre de l’article, 110 caractères au plus."],
  standfirst: ["Chapô", "Une ou deux phrases qui résument l’article."],
  date: ["Date de publication", "Jour et heure de publication (heure de Paris)."],
  modified: ["Mis à jour le", "Facultatif : seulement après une mise à jour importante."],
  section: ["Rubrique"],
  author: ["Signature libre", "Facultatif : « avec AFP », ou une signature sans fiche auteur."],
  authors: ["Auteurs", "Les auteurs de l’article, déclarés dans la fiche des auteurs."],
  tags: ["Mots-clés", "Un sujet par mot-clé : Chine, Russie…"],
  draft: ["Brouillon", "Un brouillon n’est jamais publié."],
  corrections: ["Corrections", "Une notice datée par erreur corrigée."],
  "corrections.date": ["Date de la correction"],
  "corrections.text": ["Ce qui a été corrigé"],
  image: ["Photo principale"],
  "image.src": ["Fichier", "JPEG, PNG, WebP ou AVIF, 1200 px de large au moins (2400 px conseillés)."],
  "image.alt": ["Description", "Ce que montre la photo, pour qui ne la voit pas."],
  "image.caption": ["Légende", "Facultatif : ce que montre la photo, où et quand."],
  "image.credit": ["Crédit", "Photographe / agence."],
  "image.focus": ["Point à garder dans les recadrages", "Facultatif : en pourcentage depuis le coin haut gauche."],
  "image.focus.x": ["Horizontal (%)"],
  "image.focus.y": ["Vertical (%)"],
  body: ["Texte", "Paragraphes séparés par une ligne vide ; intertitres avec « ## »."],
  slug: ["Identifiant", "Lettres minuscules, chiffres et tirets : son adresse /auteurs/<identifiant>/."],
  name: ["Nom"],
  role: ["Fonction"],
  bio: ["Biographie", "600 caractères au plus."],
  kind: ["Type", "person : une personne ; organization : une rédaction, une agence."],
  links: ["Liens", "Ses pages ailleurs : https://…"],
  description: ["Description", "Sous le titre, et pour les moteurs de recherche."],
  updated: ["Mis à jour le", "Facultatif."],
};

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, unknown>;

const defOf = (schema: Schema) => schema._zod.def as Def;

/** The schema inside optional() and default(), whether it may be left out, and its default. */
export function unwrapField(schema: Schema): { inner: Schema; optional: boolean; defaultValue?: unknown } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(inner);
    if (def.type === "optional") optional = true;
    else if (def.type === "default") {
      optional = true;
      defaultValue = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
    } else break;
    inner = def.innerType as Schema;
  }
  return { inner, optional, defaultValue };
}

/** The checks of a schema, as zod stores them. */
function checksOf(schema: Schema): Record<string, unknown>[] {
  return ((defOf(schema).checks ?? []) as unknown as { _zod: { def: Record<string, unknown> } }[]).map(
    (check) => check._zod.def,
  );
}

/**
 * A text's checks as one regular expression (whole value) and its message, or undefined when
 * they are none. zod trims before measuring (`overwrite`), and so does `\s` here (the same
 * characters as String.prototype.trim).
 */
export function textPattern(schema: Schema): [string, string] | undefined {
  const checks = checksOf(schema);
  const trims = checks.some((check) => check.check === "overwrite");
  const min = checks.find((check) => check.check === "min_length")?.minimum as number | undefined;
  const max = checks.find((check) => check.check === "max_length")?.maximum as number | undefined;
  const regexes = checks
    .filter((check) => check.check === "string_format" && check.format === "regex")
    .map((check) => (check.pattern as RegExp).source);
  const custom = checks.filter((check) => check.check === "custom");
  if (custom.some((check) => check.fn !== showsSomething && check.fn !== closesBidiControls)) {
    throw new Error("a text checked by a function has no CMS counterpart; give its path a widget in FIELD_WIDGETS");
  }
  // Something that shows, or nothing at all (an empty text is the length's to judge): a lookahead. Bidirectional controls left
  // open cannot be told by a regular expression: the build says so in one line.
  const visible = custom.some((check) => check.fn === showsSomething) ? `(?=\\s*$|[\\s\\S]*${SHOWN_CHARACTER})` : "";
  if (regexes.length > 0) {
    if (regexes.length > 1 || trims || min !== undefined || max !== undefined || visible) {
      throw new Error("a text with several checks besides one regex has no CMS counterpart");
    }
    const [regex] = regexes as [string];
    return [regex, PATTERN_MESSAGES[regex] ?? "Format refusé par le site."];
  }
  if (min === undefined && max === undefined) return visible ? [`^${visible}`, VISIBLE_MESSAGE] : undefined;
  const low = Math.max(min ?? 0, 0);
  const message = visible ? `${lengthMessage(low, max)} ${VISIBLE_MESSAGE}` : lengthMessage(low, max);
  if (!trims) return [`^${visible}[\\s\\S]{${low},${max ?? ""}}$`, message];
  // Trimmed length in [low, max]: surrounding spaces, then a text that starts and ends with a non-space.
  const middle = (n: number | undefined) => (n === undefined ? "" : String(Math.max(n - 2, 0)));
  const core =
    max === 1
      ? "\\S"
      : low <= 1
        ? `\\S(?:[\\s\\S]{0,${middle(max)}}\\S)?`
        : `\\S[\\s\\S]{${middle(low)},${middle(max)}}\\S`;
  return [`^${visible}\\s*${low === 0 ? `(?:${core})?` : core}\\s*$`, message];
}

/**
 * A character that shows, for Decap's patterns (compiled without the `u` flag, so without
 * Unicode's classes): anything but white space, controls and the invisible characters
 * text/visible-text.ts names (zero-width spaces and joiners, the BOM, bidirectional controls,
 * Hangul fillers, variation selectors, the braille blank). Rarer invisible text (combining marks
 * alone, tag characters) passes it, and the build refuses it in one line.
 */
export const SHOWN_CHARACTER =
  "[^\\s\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u2800\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0]";

const VISIBLE_MESSAGE = "Au moins un caractère visible.";

function lengthMessage(min: number, max: number | undefined): string {
  if (max === undefined) return min <= 1 ? "Ne peut pas être vide." : `${min} caractères au moins.`;
  return min <= 1 ? `${max} caractères au plus.` : `De ${min} à ${max} caractères.`;
}

/** What the CMS says when a text does not match a pattern of the schema's. */
const PATTERN_MESSAGES: Record<string, string> = {
  [SLUG_PATTERN.source]: "Lettres minuscules sans accents, chiffres et tirets (ex. claire-martin).",
  [HTTP_URL_PATTERN.source]: "Une adresse web complète (ex. https://x.com/nom).",
};

/** A number's bounds and whether it is whole. */
function numberOptions(schema: Schema): Partial<CmsField> {
  const options: Partial<CmsField> = { value_type: "float" };
  for (const check of checksOf(schema)) {
    if (check.check === "greater_than") {
      if (!check.inclusive) throw new Error("an exclusive lower bound has no CMS counterpart");
      options.min = check.value as number;
    } else if (check.check === "less_than") {
      if (!check.inclusive) throw new Error("an exclusive upper bound has no CMS counterpart");
      options.max = check.value as number;
    } else if (check.check === "number_format") {
      options.value_type = "int";
      // z.int() positive: the format's own bounds are the safe integers.
    }
  }
  return options;
}

/** The field for `schema` at `fieldPath` (dotted, without list indexes). */
export function cmsField(name: string, schema: Schema, fieldPath: string, optionalGroup?: string): CmsField {
  try {
    return fieldFor(name, schema, fieldPath, optionalGroup);
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith(`${fieldPath}:`))
      error.message = `${fieldPath}: ${error.message}`;
    throw error;
  }
}

/**
 * Decap checks the fields of a group even when the group is left empty, so a group the schema
 * makes optional (a lead photo) could never be left out if its fields were required there: they
 * are optional in the form, and the schema itself checks the whole entry before it is saved
 * (scripts/authoring/cms-admin.ts), a photo without its credit included.
 */
function fieldFor(name: string, schema: Schema, fieldPath: string, optionalGroup: string | undefined): CmsField {
  const { inner, optional, defaultValue } = unwrapField(schema);
  const def = defOf(inner);
  const [label, given] = LABELS[fieldPath] ?? [name];
  // The form marks it « optionnel »: say when it is not.
  const requiredInGroup = optionalGroup !== undefined && !optional;
  const hint = requiredInGroup ? `${given ? `${given} ` : ""}Obligatoire avec « ${optionalGroup} ».` : given;
  const base: CmsField = {
    name,
    label,
    widget: "string",
    required: optionalGroup === undefined && (!optional || fieldPath in STRICTER_IN_CMS),
    ...(hint ? { hint } : {}),
    ...(defaultValue !== undefined && !Array.isArray(defaultValue) ? { default: defaultValue } : {}),
  };
  const special = inner === isoDateTime ? DATE_TIME : FIELD_WIDGETS[fieldPath];
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      return {
        ...base,
        widget: "object",
        // An optional group stays closed, and absent, until the editor opens it.
        ...(optional ? { collapsed: true } : {}),
        fields: Object.entries(shape).map(([key, value]) =>
          cmsField(key, value, `${fieldPath}.${key}`, optional ? label : optionalGroup),
        ),
      };
    }
    case "array": {
      const element = def.element as Schema;
      const elementDef = defOf(unwrapField(element).inner);
      if (elementDef.type === "object") {
        const shape = elementDef.shape as Record<string, Schema>;
        return {
          ...base,
          widget: "list",
          fields: Object.entries(shape).map(([key, value]) => cmsField(key, value, `${fieldPath}.${key}`)),
        };
      }
      const item = cmsField(name, element, `${fieldPath}.*`);
      return { ...base, widget: "list", field: { ...item, required: true }, ...special };
    }
    case "boolean":
      return { ...base, widget: "boolean", ...special };
    case "number":
      return { ...base, widget: "number", ...numberOptions(inner), ...special };
    case "enum":
      return { ...base, widget: "select", options: Object.values(def.entries as Record<string, string>), ...special };
    case "string": {
      const pattern = special?.widget === "datetime" || special?.widget === "image" ? undefined : textPattern(inner);
      return { ...base, ...(pattern ? { pattern } : {}), ...special };
    }
    default:
      throw new Error(`${fieldPath}: no CMS widget for a schema of type ${def.type}; add one to FIELD_WIDGETS`);
  }
}

/** The fields of an object schema. */
function fieldsOf(schema: Schema): CmsField[] {
  const { shape } = defOf(unwrapField(schema).inner) as unknown as { shape: Record<string, Schema> };
  return Object.entries(shape).map(([key, value]) => cmsField(key, value, key));
}

const BODY: CmsField = {
  name: "body",
  label: (LABELS.body as [string, string])[0],
  hint: (LABELS.body as [string, string])[1],
  widget: "markdown",
  required: true,
  // What the build renders: paragraphs, ## subheadings, links, emphasis, lists, quotes.
  buttons: ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
  editor_components: ["image"],
  // Markdown first: the text is saved as typed (rich text rewrites the whole body's Markdown).
  modes: ["raw", "rich_text"],
};

/** The file collection that edits authors.yaml; relation widgets point at it. */
const NEWSROOM = { collection: "redaction", file: "auteurs" } as const;

/** The article fields of one section's collection: the section is the folder, fixed. */
function articleFields(section: string): CmsField[] {
  return [
    ...fieldsOf(articleFrontMatterSchema).map((field): CmsField => {
      if (field.name === "section") {
        return { ...field, widget: "hidden", default: section, pattern: undefined };
      }
      if (field.name === "authors") {
        return {
          ...field,
          widget: "relation",
          collection: NEWSROOM.collection,
          file: NEWSROOM.file,
          search_fields: ["authors.*.name"],
          display_fields: ["authors.*.name"],
          value_field: "authors.*.slug",
          multiple: true,
          min: 1,
          field: undefined,
          pattern: undefined,
        };
      }
      return field;
    }),
    BODY,
  ].map(withoutUndefined);
}

function withoutUndefined(field: CmsField): CmsField {
  return Object.fromEntries(Object.entries(field).filter(([, value]) => value !== undefined)) as CmsField;
}

/** The whole configuration, as an object. */
export function cmsConfig(options: CmsConfigOptions): Record<string, unknown> {
  const { publisher, folders } = options;
  const articleSlug = "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}";
  return {
    locale: "fr",
    backend: options.backend,
    ...(options.editorialWorkflow ? { publish_mode: "editorial_workflow" } : {}),
    site_url: options.siteUrl,
    display_url: options.siteUrl,
    // Photos live beside their article; Decap asks for a site-wide folder too.
    media_folder: folders.articles,
    public_folder: "",
    // File names and URLs are ASCII slugs, accents removed, as the build requires.
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    // The preview is the site itself (npm run cms), not Decap's unstyled pane.
    editor: { preview: false },
    collections: [
      ...publisher.sections.map((section) => ({
        name: section.slug,
        label: section.name,
        label_singular: `Article (${section.name})`,
        description: section.description,
        folder: path.posix.join(folders.articles, section.slug),
        extension: "md",
        format: "news-frontmatter",
        create: true,
        slug: articleSlug,
        // Photos beside the article, named like it.
        media_folder: "",
        public_folder: "",
        summary: "{{title}} — {{fields.date | date('DD/MM/YYYY HH:mm')}}",
        sortable_fields: ["date", "title"],
        view_filters: [
          { label: "Brouillons", field: "draft", pattern: true },
          { label: "Publiables", field: "draft", pattern: false },
        ],
        fields: articleFields(section.slug),
      })),
      {
        name: NEWSROOM.collection,
        label: "Rédaction",
        files: [
          {
            name: NEWSROOM.file,
            label: "Auteurs",
            file: path.posix.join(folders.data, "authors.yaml"),
            format: "yaml",
            fields: [
              {
                name: "authors",
                label: "Auteurs",
                widget: "list",
                required: true,
                summary: "{{fields.name}} ({{fields.slug}})",
                fields: fieldsOf(authorSchema),
              },
            ],
          },
        ],
      },
      {
        name: "pages",
        label: "Pages de l’éditeur",
        files: publisher.pages.map((page) => ({
          name: page.slug,
          label: page.slug,
          file: path.posix.join(folders.pages, `${page.slug}.md`),
          format: "news-frontmatter",
          fields: [...fieldsOf(trustPageFrontMatterSchema), BODY].map(withoutUndefined),
        })),
      },
    ],
  };
}

/** The configuration as /admin/config.yml. */
export function cmsConfigYaml(options: CmsConfigOptions): string {
  return `# Generated from scripts/input/schema.ts and ${options.folders.data}/publisher.yaml (scripts/output/cms-config.ts): do not edit.\n${stringify(cmsConfig(options), { lineWidth: 0 })}`;
}

/**
 * The CMS as the deployed site has it, or null when settings.yaml does not deploy it: the git
 * host's backend (with its OAuth service), the editorial workflow if asked for.
 */
export function deployedCms(options: {
  publisher: Publisher;
  cms: CmsSettings | undefined;
  folders: CmsConfigOptions["folders"];
  siteUrl: string;
}): { page: string; config: string; contentSecurityPolicy: string } | null {
  const { cms } = options;
  const contentSecurityPolicy = deployedCmsPolicy(cms);
  if (!cms || !contentSecurityPolicy || !cms.repo) return null;
  return {
    contentSecurityPolicy,
    page: cmsPageHtml({ siteName: options.publisher.name, contentSecurityPolicy }),
    config: cmsConfigYaml({
      publisher: options.publisher,
      folders: options.folders,
      backend: {
        name: cms.backend,
        repo: cms.repo,
        branch: cms.branch,
        ...(cms.authUrl ? { base_url: cms.authUrl.replace(/\/$/, "") } : {}),
      },
      editorialWorkflow: cms.editorialWorkflow,
      siteUrl: options.siteUrl,
    }),
  };
}

/** The content folders as the CMS names them: relative to the repository's root, with forward slashes. */
export function cmsFolders(
  root: string,
  paths: { articlesDir: string; dataDir: string; pagesDir?: string | undefined },
): CmsConfigOptions["folders"] {
  const relative = (dir: string) => path.relative(root, dir).split(path.sep).join("/");
  return {
    articles: relative(paths.articlesDir),
    data: relative(paths.dataDir),
    pages: relative(paths.pagesDir ?? path.join(root, "src", "pages")),
  };
}
