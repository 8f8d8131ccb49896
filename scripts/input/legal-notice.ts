/**
 * The legal notice (« Mentions légales ») from publisher.yaml: every item French law asks an online
 * press publisher to publish, each shown with its value, or as a gap.
 *
 *  - LCEN (loi n° 2004-575 du 21 juin 2004), art. 1-1 (art. 6 III until the loi n° 2024-449 of
 *    21 May 2024): the publisher's name, address and telephone; for a company registered at the
 *    RCS its registration number and share capital; the director of publication and, where there
 *    is one, the editor in chief; the host's name, address and telephone.
 *  - LCEN, art. 19 (anyone providing an online service, paid or not, art. 14): an e-mail address,
 *    and the VAT number where there is one.
 *  - Loi n° 86-897 du 1er août 1986, art. 5 (press publishers, online press services included):
 *    the legal form, the legal representative, whoever holds at least 10 % of the capital, the
 *    director of publication and the editor in chief.
 *
 * A required item with no value is a problem: a production build refuses it. A value marked
 * `{ placeholder: … }` is shown as « à compléter », never as a value, and the build warns.
 */
import type { ContentProblem } from "./content-error.ts";
import { typesetPlainText } from "./markdown.ts";
import type { LEGAL_PUBLISHER_KINDS, Placeholder, Publisher } from "./schema.ts";

export type LegalPublisherKind = (typeof LEGAL_PUBLISHER_KINDS)[number];

/** One item the law asks for. */
export interface LegalItem {
  /** Its field in publisher.yaml, dotted. */
  field: string;
  /** Its label on the page, for each kind of publisher it applies to; a kind without one is not asked it. */
  label: Partial<Record<LegalPublisherKind, string>>;
  /** What the law asks, as problem lines say it: "the host's telephone number". */
  asks: string;
  /** Which law asks it, as problem lines and the preview say it. */
  law: string;
  /** Shown when given, never required (the VAT number: not every publisher has one). */
  optional?: boolean;
}

const LCEN = "LCEN art. 1-1, formerly 6 III";
const LCEN_19 = "LCEN art. 19";
const PRESS_LAW = "loi n° 86-897 du 1er août 1986, art. 5";

const legalPerson = (label: string) => ({ company: label, association: label });
const everyone = (label: string) => ({ company: label, association: label, person: label });

/** Every item, in the order the page shows them; `section` is the heading they come under. */
export const LEGAL_ITEMS: readonly (LegalItem & { section: LegalSectionId })[] = [
  {
    section: "editeur",
    field: "legal.publisher.name",
    label: { ...legalPerson("Dénomination sociale"), person: "Nom et prénoms" },
    asks: "the publisher's name: its company name (dénomination ou raison sociale), or a person's full name",
    law: LCEN,
  },
  {
    section: "editeur",
    field: "legal.publisher.legalForm",
    label: legalPerson("Forme juridique"),
    asks: "the publisher's legal form",
    law: PRESS_LAW,
  },
  {
    section: "editeur",
    field: "legal.publisher.capital",
    label: { company: "Capital social" },
    asks: "the share capital of a company registered at the RCS",
    law: LCEN,
  },
  {
    section: "editeur",
    field: "legal.publisher.registration",
    label: { company: "Immatriculation", person: "Immatriculation" },
    asks: "the registration number at the RCS (registre du commerce et des sociétés) or the répertoire des métiers",
    law: LCEN,
    // Required of a company; a person gives it when registered.
  },
  {
    section: "editeur",
    field: "legal.publisher.vatNumber",
    label: everyone("Numéro de TVA intracommunautaire"),
    asks: "the VAT number, where there is one",
    law: LCEN_19,
    optional: true,
  },
  {
    section: "editeur",
    field: "legal.publisher.address",
    label: { ...legalPerson("Siège social"), person: "Domicile" },
    asks: "the address of the registered office (a person's home address)",
    law: LCEN,
  },
  {
    section: "editeur",
    field: "legal.publisher.telephone",
    label: everyone("Téléphone"),
    asks: "the publisher's telephone number",
    law: LCEN,
  },
  {
    section: "editeur",
    field: "email",
    label: everyone("Courriel"),
    asks: "an e-mail address that reaches the publisher",
    law: LCEN_19,
  },
  {
    section: "editeur",
    field: "legal.publisher.representative",
    label: legalPerson("Représentant légal"),
    asks: "the name of the legal representative",
    law: PRESS_LAW,
  },
  {
    section: "editeur",
    field: "legal.publisher.shareholders",
    label: { company: "Détenteurs d’au moins 10\u00A0% du capital" },
    asks: "whoever holds at least 10 % of the capital ([] when no one does)",
    law: PRESS_LAW,
  },
  {
    section: "publication",
    field: "legal.director",
    label: everyone("Directeur de la publication"),
    asks: "the name of the director of publication (directeur de la publication)",
    law: `${LCEN}; loi n° 82-652 du 29 juillet 1982, art. 93-2`,
  },
  {
    section: "publication",
    field: "legal.editorInChief",
    label: everyone("Responsable de la rédaction"),
    asks: "the name of the editor in chief (responsable de la rédaction)",
    law: `${PRESS_LAW}; ${LCEN}`,
  },
  {
    section: "hebergement",
    field: "legal.host.name",
    label: everyone("Hébergeur"),
    asks: "the host's name or company name",
    law: LCEN,
  },
  {
    section: "hebergement",
    field: "legal.host.address",
    label: everyone("Adresse"),
    asks: "the host's address",
    law: LCEN,
  },
  {
    section: "hebergement",
    field: "legal.host.telephone",
    label: everyone("Téléphone"),
    asks: "the host's telephone number",
    law: LCEN,
  },
];

export type LegalSectionId = "editeur" | "publication" | "hebergement";

const SECTION_HEADINGS: Record<LegalSectionId, string> = {
  editeur: "Éditeur",
  publication: "Publication",
  hebergement: "Hébergement",
};

/** One line of the notice as the page shows it. */
export interface LegalLine {
  /** Its field in publisher.yaml (legal.host.telephone). */
  field: string;
  label: string;
  /** The value, typeset; or what stands in the gap. */
  text: string;
  /** mailto: for the e-mail address. */
  href?: string;
  /** "placeholder": given as a placeholder; "missing": not given (the preview shows it, a build refuses it). */
  gap: "placeholder" | "missing" | null;
}

export interface LegalNotice {
  /** Which laws the notice answers, in a sentence. */
  intro: string;
  sections: { id: LegalSectionId; heading: string; lines: LegalLine[] }[];
}

export interface LegalNoticeResult {
  notice: LegalNotice;
  /** One per required item with no value: a production build fails with them. */
  missing: ContentProblem[];
  /** The fields given as placeholders, in the page's order. */
  placeholders: string[];
}

/** What stands in the page for a placeholder: never a value, always visibly a gap. */
export const PLACEHOLDER_TEXT = "À compléter par l’éditeur";

type Value = string | Placeholder | readonly { name: string; share: number }[] | null | undefined;

const isPlaceholder = (value: Value): value is Placeholder =>
  value !== null && typeof value === "object" && "placeholder" in value;

function fieldValue(publisher: Publisher, field: string): Value {
  if (field === "email") return publisher.email;
  let current: unknown = publisher;
  for (const key of field.split(".")) current = (current as Record<string, unknown> | undefined | null)?.[key];
  return current as Value;
}

const percent = (share: number) => `${String(share).replace(".", ",")}\u00A0%`;

function shown(value: string | readonly { name: string; share: number }[]): string {
  if (typeof value === "string") return typesetPlainText(value);
  if (value.length === 0) return "Aucune personne ne détient 10\u00A0% ou plus du capital.";
  return value.map((holder) => `${typesetPlainText(holder.name)} (${percent(holder.share)})`).join(", ");
}

/**
 * The notice, and the items the law asks for that publisher.yaml does not give. Without a `kind`
 * the items asked of every kind of publisher are checked, and the kind is one more problem.
 */
export function legalNotice(publisher: Publisher, publisherFile: string): LegalNoticeResult {
  const kind = publisher.legal?.publisher?.kind;
  const missing: ContentProblem[] = [];
  const placeholders: string[] = [];
  if (!kind) {
    missing.push({
      file: publisherFile,
      field: "legal.publisher.kind",
      message: `is missing; expected "company" (registered at the RCS), "association" or "person": what the legal notice must say depends on it (${LCEN})`,
    });
  }
  const sections = new Map<LegalSectionId, LegalLine[]>();
  for (const item of LEGAL_ITEMS) {
    const { company, association, person } = item.label;
    const label = kind ? item.label[kind] : company && association && person ? company : undefined;
    if (!label) continue;
    const value = fieldValue(publisher, item.field);
    // A person gives a registration number only when registered.
    const optional = item.optional === true || (item.field === "legal.publisher.registration" && kind === "person");
    let line: LegalLine;
    if (isPlaceholder(value)) {
      placeholders.push(item.field);
      line = { field: item.field, label, text: PLACEHOLDER_TEXT, gap: "placeholder" };
    } else if (value === undefined || value === null) {
      if (optional) continue;
      missing.push({
        file: publisherFile,
        field: item.field,
        message: `${value === null ? "is empty" : "is missing"}; expected ${item.asks} (${item.law})`,
      });
      line = { field: item.field, label, text: `Manquant dans publisher.yaml\u00A0: ${item.field}`, gap: "missing" };
    } else {
      line = { field: item.field, label, text: shown(value), gap: null };
      if (item.field === "email" && typeof value === "string") line.href = `mailto:${value}`;
    }
    sections.set(item.section, [...(sections.get(item.section) ?? []), line]);
  }
  return {
    notice: {
      intro: typesetPlainText(
        "Informations prévues par l'article 1-1 de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans l'économie numérique (LCEN) et par l'article 5 de la loi n° 86-897 du 1er août 1986 portant réforme du régime juridique de la presse.",
      ),
      sections: [...sections].map(([id, lines]) => ({ id, heading: SECTION_HEADINGS[id], lines })),
    },
    missing,
    placeholders,
  };
}

/** The build's one line about placeholders: which fields, and what the page shows instead. */
export function placeholderWarning(publisherFile: string, fields: readonly string[]): ContentProblem {
  const count = `${fields.length} field${fields.length === 1 ? " is a placeholder" : "s are placeholders"}`;
  return {
    file: publisherFile,
    field: "legal",
    message: `${count} (${fields.join(", ")}); the legal notice shows « ${PLACEHOLDER_TEXT} » in their place until the publisher's real details replace them (LCEN art. 1-1)`,
  };
}
