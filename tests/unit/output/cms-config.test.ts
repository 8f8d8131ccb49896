/**
 * The CMS's configuration and the build can never disagree: every field of the schemas has a
 * counterpart in the generated configuration (the test names the one missing), and what the
 * CMS accepts for a field is what the schema accepts (strings sampled around every limit with
 * fast-check, bounds, choices, dates), except where STRICTER_IN_CMS says why.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { readMetadata } from "../../../scripts/input/load-sources.ts";
import {
  articleFrontMatterSchema,
  authorSchema,
  isoDateTime,
  trustPageFrontMatterSchema,
} from "../../../scripts/input/schema.ts";
import {
  CMS_DATE_FORMAT,
  type CmsField,
  cmsConfig,
  cmsConfigYaml,
  cmsField,
  SHOWN_CHARACTER,
  STRICTER_IN_CMS,
  textPattern,
  unwrapField,
} from "../../../scripts/output/cms-config.ts";
import { ROOT } from "../../helpers/build.ts";

const publisher = readMetadata(`${ROOT}/_data`).publisher;
const options = {
  publisher,
  folders: { articles: "src/articles", data: "_data", pages: "src/pages" },
  backend: { name: "proxy" as const, proxy_url: "http://127.0.0.1:8081/api/v1" },
  editorialWorkflow: false,
  siteUrl: "http://127.0.0.1:8080",
};
const config = parse(cmsConfigYaml(options)) as {
  collections: {
    name: string;
    folder?: string;
    fields?: CmsField[];
    files?: { name: string; file: string; fields: CmsField[] }[];
  }[];
};

type Schema = z.core.$ZodType;
const def = (schema: Schema) => schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;

/** Every field path of a schema: `image.focus.x`, `corrections.date` (lists without indexes). */
function schemaPaths(schema: Schema, prefix = ""): string[] {
  const inner = unwrapField(schema).inner;
  const d = def(inner);
  if (d.type === "object") {
    return Object.entries(d.shape as Record<string, Schema>).flatMap(([key, value]) => {
      const here = prefix ? `${prefix}.${key}` : key;
      return [here, ...schemaPaths(value, here)];
    });
  }
  if (d.type === "array") return schemaPaths(d.element as Schema, prefix);
  return [];
}

/** Every field path of the CMS's fields. */
function cmsPaths(fields: CmsField[], prefix = ""): Map<string, CmsField> {
  const found = new Map<string, CmsField>();
  for (const field of fields) {
    const here = prefix ? `${prefix}.${field.name}` : field.name;
    found.set(here, field);
    for (const [inner, value] of cmsPaths(field.fields ?? [], here)) found.set(inner, value);
  }
  return found;
}

/** The fields whose schema has no counterpart in `fields`. */
const missing = (schema: Schema, fields: CmsField[]) => {
  const paths = cmsPaths(fields);
  return schemaPaths(schema).filter((field) => !paths.has(field));
};

const sections = config.collections.filter((collection) => collection.folder);
const authorsFile = config.collections.flatMap((c) => c.files ?? []).find((file) => file.name === "auteurs");
const pageFiles = config.collections.find((c) => c.name === "pages")?.files ?? [];

describe("every field of the schemas has a counterpart in the CMS", () => {
  it("one folder collection per section of publisher.yaml, with every front-matter field and the body", () => {
    expect(sections.map((c) => c.name)).toEqual(publisher.sections.map((s) => s.slug));
    for (const collection of sections) {
      expect(collection.folder).toBe(`src/articles/${collection.name}`);
      expect(missing(articleFrontMatterSchema, collection.fields ?? [])).toEqual([]);
      expect(collection.fields?.at(-1)).toMatchObject({ name: "body", widget: "markdown" });
    }
  });

  it("authors.yaml and each page about the publisher, as files", () => {
    expect(authorsFile?.file).toBe("_data/authors.yaml");
    expect(missing(authorSchema, authorsFile?.fields[0]?.fields ?? [])).toEqual([]);
    expect(pageFiles.map((file) => file.file)).toEqual(publisher.pages.map((page) => `src/pages/${page.slug}.md`));
    for (const file of pageFiles) expect(missing(trustPageFrontMatterSchema, file.fields)).toEqual([]);
  });

  it("names a field the schema gains that the CMS lacks", () => {
    const grown = z.object({ ...articleFrontMatterSchema.shape, embargo: z.object({ until: z.string() }) });
    const fields = sections[0]?.fields ?? [];
    expect(missing(grown, fields)).toEqual(["embargo", "embargo.until"]);
    // Generated from it, the CMS has them.
    const generated = Object.entries(grown.shape).map(([key, value]) => cmsField(key, value as Schema, key));
    expect(missing(grown, generated)).toEqual([]);
  });

  it("refuses to guess a widget for a text checked by a function, naming the field", () => {
    const refined = z.string().refine((value) => value.startsWith("x"));
    expect(() => cmsField("code", refined, "live.code")).toThrow(/^live\.code: a text checked by a function/);
  });
});

/** Whether Decap accepts `value` for `field`: its required, pattern, bounds and choices rules. */
function cmsAccepts(field: CmsField, value: unknown): boolean {
  const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  if (empty) return !field.required;
  if (field.pattern && typeof value === "string" && !new RegExp(field.pattern[0]).test(value)) return false;
  if (typeof value === "number") {
    if (field.min !== undefined && value < field.min) return false;
    if (field.max !== undefined && value > field.max) return false;
    if (field.value_type === "int" && !Number.isInteger(value)) return false;
  }
  if (field.options && !field.options.includes(value as string)) return false;
  return true;
}

/** Every leaf of a schema with its CMS field, by path. */
function leaves(
  schema: Schema,
  fields: CmsField[],
  prefix = "",
  inOptionalGroup = false,
): { path: string; schema: Schema; field: CmsField; inOptionalGroup: boolean }[] {
  const shape = def(unwrapField(schema).inner).shape as Record<string, Schema>;
  return Object.entries(shape).flatMap(([key, value]) => {
    const here = prefix ? `${prefix}.${key}` : key;
    const field = fields.find((f) => f.name === key) as CmsField;
    const { inner, optional } = unwrapField(value);
    const d = def(inner);
    if (d.type === "object") return leaves(value, field.fields ?? [], here, inOptionalGroup || optional);
    if (d.type === "array") {
      const element = unwrapField(d.element as Schema).inner;
      if (def(element).type === "object") return leaves(element, field.fields ?? [], here, inOptionalGroup);
      return [{ path: `${here}.*`, schema: element, field: field.field ?? field, inOptionalGroup }];
    }
    return [{ path: here, schema: value, field, inOptionalGroup }];
  });
}

const articleFields = sections[0]?.fields ?? [];
const allLeaves = [
  ...leaves(articleFrontMatterSchema, articleFields),
  ...leaves(authorSchema, authorsFile?.fields[0]?.fields ?? []),
  ...leaves(trustPageFrontMatterSchema, pageFiles[0]?.fields ?? []),
];

// Texts around every limit the schemas have: blank, spaced, short, long, ASCII or not.
const texts = fc.oneof(
  fc.string({ maxLength: 130 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\u00A0", "a", "é", "-", "1", "A"), maxLength: 120 }),
  fc.integer({ min: 0, max: 700 }).map((n) => `${" ".repeat(n % 3)}${"é".repeat(n)}${" ".repeat(n % 2)}`),
  fc.constantFrom("claire-martin", "claire--martin", "-a", "a-", "https://x.com/nom", "http://a", "ftp://a.b"),
  // Lengths at the limits the schemas have today (110, 600) and one or two past them.
  fc
    .constantFrom(1, 2, 108, 109, 110, 111, 112, 598, 599, 600, 601, 602)
    .chain((n) => fc.constantFrom("é".repeat(n), ` ${"a".repeat(n)} `, `${"a ".repeat(n / 2)}b`)),
);

describe("what the CMS accepts, the build accepts", () => {
  const texty = allLeaves.filter(({ field }) => field.widget === "string" || field.widget === "text");
  it.each(texty.map((leaf) => [leaf.path, leaf] as const))("%s: the same texts", (_path, { schema, field }) => {
    const { inner } = unwrapField(schema);
    fc.assert(
      fc.property(texts, (value) => {
        // An empty text is the required rule's; an optional one left empty is not written (cms-format.ts).
        expect(cmsAccepts(field, value)).toBe(value === "" ? !field.required : z.safeParse(inner, value).success);
      }),
      { numRuns: 400 },
    );
  });

  it("every field the CMS may leave out may be left out of the file, or is in a group the schema checks on save", () => {
    for (const { path, schema, field, inOptionalGroup } of allLeaves) {
      if (path.endsWith(".*")) continue;
      const { optional } = unwrapField(schema);
      // Decap checks a group's fields even when the group is left empty: inside an optional
      // group they are optional in the form, and cms-admin.ts runs the schema before each save.
      if (!field.required) expect([path, optional || inOptionalGroup]).toEqual([path, true]);
      // Stricter than the schema only where said, and why.
      if (field.required && optional && field.widget !== "hidden") expect(STRICTER_IN_CMS).toHaveProperty([path]);
    }
    expect(cmsAccepts(articleFields.find((f) => f.name === "authors") as CmsField, [])).toBe(false);
  });

  it("numbers within the same bounds, choices that are the schema's", () => {
    for (const { path, schema, field } of allLeaves) {
      const { inner } = unwrapField(schema);
      if (field.widget === "number") {
        for (const value of [field.min ?? 0, field.max ?? 0, (field.min ?? 0) - 0.5, (field.max ?? 0) + 0.5, 37.5]) {
          expect([path, value, cmsAccepts(field, value)]).toEqual([path, value, z.safeParse(inner, value).success]);
        }
      }
      if (field.widget === "select") {
        for (const option of field.options ?? []) expect(z.safeParse(inner, option).success).toBe(true);
        expect(field.options).toEqual(Object.values(def(inner).entries as Record<string, string>));
      }
    }
  });

  it("dates the way the build reads them: ISO 8601 with the offset", () => {
    const dates = allLeaves.filter(({ field }) => field.widget === "datetime");
    expect(dates.map(({ path }) => path)).toEqual([
      "date",
      "modified",
      "corrections.date",
      "live.start",
      "live.end",
      "updated",
    ]);
    for (const { schema, field } of dates) {
      expect(unwrapField(schema).inner).toBe(isoDateTime);
      expect(field.format).toBe(CMS_DATE_FORMAT);
    }
    // What dayjs writes with that format, in Paris in winter and summer.
    for (const value of ["2024-01-15T09:30:00+01:00", "2024-07-15T09:30:00+02:00", "2024-07-15T09:30:00-04:00"]) {
      expect(isoDateTime.safeParse(value).success).toBe(true);
    }
  });

  it("authors from authors.yaml only, the section fixed by the folder", () => {
    const authors = articleFields.find((f) => f.name === "authors");
    expect(authors).toMatchObject({
      widget: "relation",
      collection: "redaction",
      file: "auteurs",
      value_field: "authors.*.slug",
    });
    for (const collection of sections) {
      expect(collection.fields?.find((f) => f.name === "section")).toMatchObject({
        widget: "hidden",
        default: collection.name,
      });
    }
  });

  it("file names <yyyy-mm-dd>-<ascii slug> beside their photos", () => {
    for (const collection of sections) {
      expect(collection).toMatchObject({
        slug: "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}",
        media_folder: "",
        public_folder: "",
        extension: "md",
      });
    }
    expect(cmsConfig(options).slug).toEqual({ encoding: "ascii", clean_accents: true, sanitize_replacement: "-" });
  });
});

describe("textPattern", () => {
  it("refuses, as the build does, a text that shows nothing (issue 21's invisible characters)", () => {
    const title = unwrapField(articleFrontMatterSchema.shape.title).inner;
    const pattern = new RegExp((textPattern(title) as [string, string])[0]);
    const invisible = ["\u200B", "\u2060", "\uFEFF", "\u200D", "\u3164", "\u115F", "\u2800", "\u00AD"];
    for (const char of invisible) {
      const value = ` ${char}${char} `;
      expect([char, pattern.test(value), z.safeParse(title, value).success]).toEqual([char, false, false]);
    }
    for (const value of ["\u200BÉté", "a", "…", "\u2066Nom\u2069"]) {
      expect([value, pattern.test(value), z.safeParse(title, value).success]).toEqual([value, true, true]);
    }
  });

  it("derives a trimmed length from the checks, not a copied number", () => {
    const title = textPattern(unwrapField(articleFrontMatterSchema.shape.title).inner);
    // Something visible (a lookahead), then the trimmed length.
    expect(title?.[0]).toBe(`^(?=\\s*$|[\\s\\S]*${SHOWN_CHARACTER})\\s*\\S(?:[\\s\\S]{0,108}\\S)?\\s*$`);
    const longer = z.string().trim().min(1).max(140);
    expect(textPattern(longer)?.[0]).toBe("^\\s*\\S(?:[\\s\\S]{0,138}\\S)?\\s*$");
    expect(textPattern(z.string().trim().min(3).max(5))?.[0]).toBe("^\\s*\\S[\\s\\S]{1,3}\\S\\s*$");
    expect(textPattern(z.string())).toBeUndefined();
  });
});
