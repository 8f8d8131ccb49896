/**
 * The three pages French law asks of an online press publisher, made from data and always there,
 * after the pages publisher.yaml lists (and in the same footer list):
 *
 *  - « Mentions légales » (/mentions-legales/): publisher.yaml's `legal` (legal-notice.ts);
 *  - « Données personnelles » (/donnees-personnelles/): publisher.yaml's `privacy` (privacy.ts);
 *  - « Accessibilité » (/accessibilite/): _data/accessibility.yaml (accessibility.ts), its footer
 *    link the conformity mention (« Accessibilité : partiellement conforme »).
 *
 * Each may have text of the publisher's own in the pages folder (<slug>.md: title, description,
 * Markdown), shown after the generated part. A production build refuses a page missing what the
 * law asks for, one problem per item; the preview shows the page with each gap marked.
 */
import type { DateTime } from "luxon";
import { toIsoDateInZone } from "../text/dates.ts";
import { accessibilityStatement } from "./accessibility.ts";
import type { ContentProblem } from "./content-error.ts";
import { legalNotice, placeholderWarning } from "./legal-notice.ts";
import { typesetPlainText } from "./markdown.ts";
import type { LegalPageSlug, TrustPage } from "./pages.ts";
import { privacyNotice } from "./privacy.ts";
import { type AccessibilityFile, type Publisher, RGAA_VERSION } from "./schema.ts";
import { trustPageUrl } from "./urls.ts";

/** Title and description of each page when the publisher adds no text of its own. */
const DEFAULTS: Record<LegalPageSlug, { title: string; description: string }> = {
  "mentions-legales": {
    title: "Mentions légales",
    description: "Qui édite ce site, qui dirige sa publication et qui l'héberge.",
  },
  "donnees-personnelles": {
    title: "Données personnelles",
    description: "Ce que ce site recueille sur ses lecteurs, et ce que l'éditeur traite ailleurs.",
  },
  accessibilite: {
    title: "Accessibilité",
    description: "Déclaration d'accessibilité : conformité au RGAA, contenus non accessibles et recours.",
  },
};

export interface LegalPagesSources {
  publisher: Publisher;
  /** publisher.yaml, as messages show it. */
  publisherFile: string;
  /** _data/accessibility.yaml, validated: undefined when there is none, null when it has problems. */
  accessibility: AccessibilityFile | null | undefined;
  /** As messages show it. */
  accessibilityFile: string;
  /** The publisher's own text for each page, from the pages folder (pages.ts). */
  texts: ReadonlyMap<LegalPageSlug, TrustPage>;
  /** The pages publisher.yaml lists: the contact page is where accessibility problems are reported by default. */
  listedPages: readonly TrustPage[];
  /** The build's "now": an audit cannot end later. */
  buildTime?: DateTime | undefined;
  /** The preview: what the law asks that is missing is marked on the page, not refused. */
  gapsShown: boolean;
}

export interface LegalPages {
  pages: TrustPage[];
  /** Refused by every build: wrong data, and (unless gaps are shown) what is missing. */
  problems: ContentProblem[];
  /** Printed by the build, which goes on: the placeholders the legal notice shows as gaps. */
  warnings: ContentProblem[];
}

function page(slug: LegalPageSlug, text: TrustPage | undefined, sourcePath: string): TrustPage {
  return {
    sourcePath: text?.sourcePath ?? sourcePath,
    slug,
    url: trustPageUrl(slug),
    title: text?.title ?? typesetPlainText(DEFAULTS[slug].title),
    description: text?.description ?? typesetPlainText(DEFAULTS[slug].description),
    bodyHtml: text?.bodyHtml ?? "",
    updated: text?.updated ?? null,
    roles: [],
    email: null,
  };
}

export function legalPages(sources: LegalPagesSources): LegalPages {
  const { publisher, publisherFile, texts } = sources;
  const legal = legalNotice(publisher, publisherFile);
  const privacy = privacyNotice(publisher);
  const contactPage = sources.listedPages.find((listed) => listed.roles.includes("contactPoint"));
  const accessibility = accessibilityStatement({
    publisher,
    file: sources.accessibility,
    fileName: sources.accessibilityFile,
    contactPage: contactPage ? { url: contactPage.url, title: contactPage.title } : null,
    today: sources.buildTime ? toIsoDateInZone(sources.buildTime, publisher.timeZone) : undefined,
    rgaaVersion: RGAA_VERSION,
  });
  const missing = [...legal.missing, ...accessibility.missing];
  return {
    pages: [
      { ...page("mentions-legales", texts.get("mentions-legales"), publisherFile), legalNotice: legal.notice },
      { ...page("donnees-personnelles", texts.get("donnees-personnelles"), publisherFile), privacy },
      {
        ...page("accessibilite", texts.get("accessibilite"), sources.accessibilityFile),
        accessibility: accessibility.statement,
        linkText: accessibility.statement.mention,
      },
    ],
    problems: [...accessibility.problems, ...(sources.gapsShown ? [] : missing)],
    warnings: legal.placeholders.length > 0 ? [placeholderWarning(publisherFile, legal.placeholders)] : [],
  };
}
