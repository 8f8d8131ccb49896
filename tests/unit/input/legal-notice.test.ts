import { describe, expect, it } from "vitest";
import {
  LEGAL_ITEMS,
  type LegalNoticeResult,
  legalNotice,
  PLACEHOLDER_TEXT,
  placeholderWarning,
} from "../../../scripts/input/legal-notice.ts";
import type { Legal, Publisher } from "../../../scripts/input/schema.ts";
import { publisher as base } from "../../helpers/articles.ts";

const FILE = "_data/publisher.yaml";

const LEGAL: Legal = {
  publisher: {
    kind: "company",
    name: "Le Quotidien SAS",
    legalForm: "Société par actions simplifiée",
    capital: "10 000 €",
    registration: "RCS Paris 000 000 000",
    vatNumber: "FR00 000000000",
    address: "1 rue de l'Essai, 75000 Paris",
    telephone: "+33 1 00 00 00 00",
    representative: "Claire Martin",
    shareholders: [{ name: "Claire Martin", share: 60 }],
  },
  director: "Claire Martin",
  editorInChief: "Jean Dupont",
  host: { name: "Hébergeur SARL", address: "2 avenue du Test, 69000 Lyon", telephone: "+33 4 00 00 00 00" },
};

const complete: Publisher = { ...base, email: "redaction@exemple.fr", legal: LEGAL };

/** The publisher with `field` (dotted) set to `value`. */
function withField(field: string, value: unknown, publisher: Publisher = complete): Publisher {
  const copy = structuredClone(publisher) as unknown as Record<string, unknown>;
  const keys = field.split(".");
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return copy as unknown as Publisher;
}

const lineOf = (result: LegalNoticeResult, field: string) =>
  result.notice.sections.flatMap((section) => section.lines).find((line) => line.field === field);

const linesOf = (result: LegalNoticeResult) =>
  result.notice.sections.flatMap((section) =>
    section.lines.map((line) => `${section.heading} | ${line.label}: ${line.text}`),
  );

describe("legalNotice, on a complete publisher", () => {
  it("shows every item, under Éditeur, Publication and Hébergement, and misses nothing", () => {
    const result = legalNotice(complete, FILE);
    expect(result.missing).toEqual([]);
    expect(result.placeholders).toEqual([]);
    expect(linesOf(result)).toEqual([
      "Éditeur | Dénomination sociale: Le Quotidien SAS",
      "Éditeur | Forme juridique: Société par actions simplifiée",
      "Éditeur | Capital social: 10 000 €",
      "Éditeur | Immatriculation: RCS Paris 000 000 000",
      "Éditeur | Numéro de TVA intracommunautaire: FR00 000000000",
      "Éditeur | Siège social: 1 rue de l’Essai, 75000 Paris",
      "Éditeur | Téléphone: +33 1 00 00 00 00",
      "Éditeur | Courriel: redaction@exemple.fr",
      "Éditeur | Représentant légal: Claire Martin",
      "Éditeur | Détenteurs d’au moins 10\u00A0% du capital: Claire Martin (60\u00A0%)",
      "Publication | Directeur de la publication: Claire Martin",
      "Publication | Responsable de la rédaction: Jean Dupont",
      "Hébergement | Hébergeur: Hébergeur SARL",
      "Hébergement | Adresse: 2 avenue du Test, 69000 Lyon",
      "Hébergement | Téléphone: +33 4 00 00 00 00",
    ]);
    expect(lineOf(result, "email")?.href).toBe("mailto:redaction@exemple.fr");
  });
});

// One test per item of the LCEN (art. 1-1, formerly 6 III), its art. 19 and the press law of
// 1986 (art. 5): the item missing is a problem line naming the file, the field and the law; a
// placeholder is a gap on the page and a field the build's warning names.
describe.each(LEGAL_ITEMS.filter((item) => !item.optional))("$law asks $asks ($field)", (item) => {
  it("is refused when missing, in one line naming publisher.yaml, the field and the law", () => {
    const result = legalNotice(withField(item.field, undefined), FILE);
    expect(result.missing).toEqual([
      { file: FILE, field: item.field, message: `is missing; expected ${item.asks} (${item.law})` },
    ]);
    expect(lineOf(result, item.field)).toMatchObject({
      gap: "missing",
      text: `Manquant dans publisher.yaml\u00A0: ${item.field}`,
    });
  });

  it("is refused when left empty", () => {
    expect(legalNotice(withField(item.field, null), FILE).missing.map((p) => p.message)).toEqual([
      `is empty; expected ${item.asks} (${item.law})`,
    ]);
  });

  it("shows a placeholder as a gap, never as a value, and the warning names it", () => {
    if (item.field === "email") return; // An e-mail address is given or not: it has no placeholder.
    const result = legalNotice(withField(item.field, { placeholder: "à confirmer" }), FILE);
    expect(result.missing).toEqual([]);
    expect(result.placeholders).toEqual([item.field]);
    expect(lineOf(result, item.field)).toMatchObject({ gap: "placeholder", text: PLACEHOLDER_TEXT });
    expect(JSON.stringify(result.notice)).not.toContain("à confirmer");
  });
});

describe("what the law asks depends on the kind of publisher", () => {
  const fieldsOf = (result: LegalNoticeResult) => result.notice.sections.flatMap((s) => s.lines.map((l) => l.field));

  it("an association: no capital, registration or shareholders (it has none)", () => {
    const association = withField("legal.publisher", {
      kind: "association",
      name: "Les Amis du Quotidien",
      legalForm: "Association loi 1901",
      address: "1 rue de l'Essai, 75000 Paris",
      telephone: "+33 1 00 00 00 00",
      representative: "Claire Martin, présidente",
    });
    const result = legalNotice(association, FILE);
    expect(result.missing).toEqual([]);
    expect(fieldsOf(result)).not.toContain("legal.publisher.capital");
    expect(fieldsOf(result)).not.toContain("legal.publisher.shareholders");
    expect(lineOf(result, "legal.publisher.name")?.label).toBe("Dénomination sociale");
  });

  it("a person: name, home and telephone; a registration number only when registered", () => {
    const person = withField("legal.publisher", {
      kind: "person",
      name: "Claire Martin",
      address: "1 rue de l'Essai, 75000 Paris",
      telephone: "+33 1 00 00 00 00",
    });
    const result = legalNotice(person, FILE);
    expect(result.missing).toEqual([]);
    expect(lineOf(result, "legal.publisher.name")?.label).toBe("Nom et prénoms");
    expect(lineOf(result, "legal.publisher.address")?.label).toBe("Domicile");
    expect(fieldsOf(result)).not.toContain("legal.publisher.registration");
    expect(fieldsOf(result)).not.toContain("legal.publisher.representative");
  });

  it("no legal block at all: the kind and every item asked of every publisher, one line each", () => {
    const result = legalNotice({ ...base, legal: undefined }, FILE);
    expect(result.missing.map((p) => p.field)).toEqual([
      "legal.publisher.kind",
      "legal.publisher.name",
      "legal.publisher.address",
      "legal.publisher.telephone",
      "email",
      "legal.director",
      "legal.editorInChief",
      "legal.host.name",
      "legal.host.address",
      "legal.host.telephone",
    ]);
    expect(result.missing[0]?.message).toMatch(
      /^is missing; expected "company" .* \(LCEN art\. 1-1, formerly 6 III\)$/,
    );
  });

  it("shows shareholders as the law asks: each with its share, or that no one holds 10 %", () => {
    const none = legalNotice(withField("legal.publisher.shareholders", []), FILE);
    expect(lineOf(none, "legal.publisher.shareholders")?.text).toBe(
      "Aucune personne ne détient 10\u00A0% ou plus du capital.",
    );
    const two = withField("legal.publisher.shareholders", [
      { name: "Claire Martin", share: 60 },
      { name: "Les Amis du Quotidien", share: 25.5 },
    ]);
    expect(lineOf(legalNotice(two, FILE), "legal.publisher.shareholders")?.text).toBe(
      "Claire Martin (60\u00A0%), Les Amis du Quotidien (25,5\u00A0%)",
    );
  });
});

describe("placeholderWarning", () => {
  it("is one line naming publisher.yaml and every placeholder field, and what the page shows instead", () => {
    expect(placeholderWarning(FILE, ["legal.host.name", "legal.host.telephone"])).toEqual({
      file: FILE,
      field: "legal",
      message: `2 fields are placeholders (legal.host.name, legal.host.telephone); the legal notice shows « ${PLACEHOLDER_TEXT} » in their place until the publisher's real details replace them (LCEN art. 1-1)`,
    });
    expect(placeholderWarning(FILE, ["legal.director"]).message).toMatch(
      /^1 field is a placeholder \(legal.director\)/,
    );
  });
});
