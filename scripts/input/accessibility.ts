/**
 * The accessibility statement (« déclaration d'accessibilité », RGAA 4.1's model statement) from
 * _data/accessibility.yaml and from what the site's own tests check. The conformity status is
 * never written by anyone: it follows from the audit's rate by RGAA's rule (100 % of the applicable
 * criteria met: « totalement conforme »; at least 50 %: « partiellement conforme »; less, or no
 * audit: « non conforme »), so the statement and the footer's mention cannot claim more than the
 * audit found.
 */
import { DateTime } from "luxon";
import { formatDateFr } from "../text/dates.ts";
import type { ContentProblem } from "./content-error.ts";
import { typesetPlainText } from "./markdown.ts";
import type { AccessibilityFile, Audit, Publisher } from "./schema.ts";

export const CONFORMITY = ["totalement conforme", "partiellement conforme", "non conforme"] as const;
export type Conformity = (typeof CONFORMITY)[number];

/** RGAA's rule: the status a rate of applicable criteria met gives; null is no audit. */
export function conformityOf(rate: number | null): Conformity {
  if (rate === null) return "non conforme";
  if (rate >= 100) return "totalement conforme";
  return rate >= 50 ? "partiellement conforme" : "non conforme";
}

/**
 * The audit's rate, in percent: as given, or worked out from its counts (met / applicable). Never
 * rounded up: 99.96 % is not shown as 100 %.
 */
export function auditRate(audit: Pick<Audit, "rate" | "criteria">): number | null {
  if (audit.rate !== undefined) return audit.rate;
  if (!audit.criteria) return null;
  const applicable = audit.criteria.met + audit.criteria.notMet;
  return applicable === 0 ? null : (audit.criteria.met / applicable) * 100;
}

/** "72,5 %": one decimal at most, cut, never rounded up. */
export function formatRate(rate: number): string {
  const cut = Math.floor(rate * 10) / 10;
  return `${String(cut).replace(".", ",")}\u00A0%`;
}

/**
 * The kinds of page the site's automated tests check, in the statement's words: the browser tests
 * (axe-core, keyboard, structure) open one page of each (tests/helpers/page-types.ts, whose rows
 * a test keeps equal to this list), and html-validate checks every page of the built sites.
 */
export const CHECKED_PAGE_KINDS: readonly { id: string; name: string }[] = [
  { id: "home", name: "la page d'accueil" },
  { id: "home-photos", name: "la page d'accueil avec photos" },
  { id: "section", name: "une rubrique" },
  { id: "section-photos", name: "une rubrique avec photos" },
  { id: "article", name: "un article" },
  { id: "article-photos", name: "un article avec photos" },
  { id: "corrected-article", name: "un article corrigé" },
  { id: "author", name: "la page d'une signature collective" },
  { id: "person-author", name: "la page d'un journaliste" },
  { id: "authors", name: "la liste des auteurs" },
  { id: "about", name: "une page sur l'éditeur (« À propos »)" },
  { id: "legal-notice", name: "les mentions légales" },
  { id: "privacy", name: "la page « Données personnelles »" },
  { id: "accessibility", name: "cette déclaration d'accessibilité" },
  { id: "404", name: "la page d'erreur 404" },
  { id: "topic", name: "un sujet" },
  { id: "topics", name: "la liste des sujets" },
  { id: "archives", name: "les archives" },
  { id: "month", name: "les archives d'un mois" },
  { id: "home-page-2", name: "une page suivante d'une liste" },
  { id: "search", name: "la page de recherche" },
  { id: "live-article", name: "un article en direct" },
];

/** The tools of those tests, for « Outils pour évaluer l'accessibilité ». */
export const AUTOMATED_TOOLS: readonly string[] = [
  "axe-core (règles WCAG 2.2 A et AA), dans Chromium",
  "html-validate (validité du code HTML)",
];

/** What the build writes: HTML and CSS, no JavaScript on reader pages. */
export const TECHNOLOGIES: readonly string[] = ["HTML5", "CSS"];

/** The one page with a script, when search is on (publisher.yaml `search.enabled`). */
export const SEARCH_TECHNOLOGY = "JavaScript (page de recherche seulement)";

export interface StatementDay {
  /** 2026-11-20 */
  iso: string;
  /** « 20 novembre 2026 » */
  long: string;
}

export interface AuditedPage {
  name: string;
  url: string;
}

/** Everything the page « Accessibilité » shows, in the model statement's order, typeset. */
export interface AccessibilityStatement {
  /** Who commits to the statement: the publisher's legal name, else its name. */
  entity: string;
  /** The site the statement applies to (publisher.yaml `url`). */
  siteUrl: string;
  status: Conformity;
  /** « Accessibilité : partiellement conforme », the footer's mention on every page. */
  mention: string;
  audit: {
    date: StatementDay;
    auditor: string;
    rgaaVersion: string;
    /** « 72,5 % » */
    rate: string;
    pages: AuditedPage[];
    nonConformities: string[];
    derogations: { content: string; reason: string }[];
    exemptions: string[];
    environment: string[];
    tools: string[];
  } | null;
  /** The RGAA version the status refers to. */
  rgaaVersion: string;
  automated: { pageKinds: string[]; tools: string[] };
  technologies: string[];
  /** Null only in the preview, when there is no accessibility.yaml yet (a build refuses that). */
  established: StatementDay | null;
  updated: StatementDay | null;
  /**
   * How to report a problem: the file's, else the publisher's e-mail (which the legal notice
   * requires) and contact page; none only in the preview.
   */
  contact: { email: string | null; url: string | null; urlText: string | null; urlLead: string };
}

export interface StatementSources {
  publisher: Publisher;
  /** The audit file, validated: undefined when there is none, null when it has problems (reported already). */
  file: AccessibilityFile | null | undefined;
  /** As messages show it. */
  fileName: string;
  /** The page about the publisher whose role is contactPoint, if any: where problems are reported by default. */
  contactPage: { url: string; title: string } | null;
  /** The build's day in the publisher's zone (YYYY-MM-DD): an audit cannot end later. */
  today?: string;
  /** The RGAA version when there is no audit. */
  rgaaVersion: string;
}

function day(iso: string, zone: string): StatementDay {
  return { iso, long: formatDateFr(DateTime.fromISO(iso, { zone }), zone) };
}

const typeset = (texts: readonly string[]) => texts.map(typesetPlainText);

/** Checks across fields of the audit file: what the schema alone cannot see. */
function statementProblems(sources: StatementSources, rate: number | null): ContentProblem[] {
  const { file, fileName } = sources;
  const problems: ContentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: fileName, field, message });
  const audit = file?.audit;
  if (file?.updated && file.updated < file.established) {
    problem("updated", `"${file.updated}" is before "${file.established}" (established); expected a later day`);
  }
  if (!audit || !file) return problems;
  if (audit.rate !== undefined && audit.criteria) {
    problem("audit.criteria", "is given with audit.rate; expected one of them (the rate, or the counts it comes from)");
  } else if (audit.rate === undefined && !audit.criteria) {
    problem(
      "audit.rate",
      "is missing; expected the share of applicable RGAA criteria the audit found met, in percent (or audit.criteria: met, notMet)",
    );
  } else if (rate === null) {
    problem("audit.criteria", "counts no applicable criterion; expected the counts of criteria met and not met");
  }
  if (rate !== null && rate < 100 && audit.nonConformities.length === 0) {
    problem(
      "audit.nonConformities",
      `is empty while the audit's rate is ${formatRate(rate).replace("\u00A0", " ")}; expected the criteria it found not met`,
    );
  }
  if (rate === 100 && audit.nonConformities.length > 0) {
    problem(
      "audit.nonConformities",
      `lists ${audit.nonConformities.length} while the audit's rate is 100 %; expected none, or the rate the audit found`,
    );
  }
  if (sources.today && audit.date > sources.today) {
    problem(
      "audit.date",
      `"${audit.date}" is after the build's day (${sources.today}); expected the day the audit ended`,
    );
  }
  if (file.established < audit.date) {
    problem(
      "established",
      `"${file.established}" is before the audit's date "${audit.date}"; expected the day the statement was made from the audit, or later`,
    );
  }
  return problems;
}

/**
 * The statement; what is wrong in the audit file (refused by builds and the preview alike); and
 * what it does not give that the statement needs (refused by a production build; the preview
 * shows the gap).
 */
export function accessibilityStatement(sources: StatementSources): {
  statement: AccessibilityStatement;
  problems: ContentProblem[];
  missing: ContentProblem[];
} {
  const { publisher, file } = sources;
  const zone = publisher.timeZone;
  const audit = file?.audit;
  const rate = audit ? auditRate(audit) : null;
  const problems = statementProblems(sources, rate);
  const status = conformityOf(rate);
  const legalName = publisher.legal?.publisher?.name;
  const url = file?.contact?.url ?? sources.contactPage?.url ?? null;
  const contact = {
    email: file?.contact?.email ?? publisher.email ?? null,
    url,
    ...(url && url === sources.contactPage?.url
      ? { urlLead: "par", urlText: `la page «\u00A0${sources.contactPage.title}\u00A0»` }
      : { urlLead: "en ligne\u00A0:", urlText: url }),
  };
  const missing: ContentProblem[] = [];
  if (file === undefined) {
    missing.push({
      file: sources.fileName,
      field: "(file)",
      message:
        "is missing; expected the accessibility statement's data: the day it was established (established), the latest audit (audit) if there was one, how to report a problem (contact)",
    });
  }
  return {
    statement: {
      entity: typesetPlainText(typeof legalName === "string" ? legalName : publisher.name),
      siteUrl: publisher.url.replace(/\/$/, ""),
      status,
      mention: `Accessibilité\u00A0: ${status}`,
      audit:
        audit && rate !== null
          ? {
              date: day(audit.date, zone),
              auditor: typesetPlainText(audit.auditor),
              rgaaVersion: audit.rgaaVersion,
              rate: formatRate(rate),
              pages: audit.pages.map((page) => ({ name: typesetPlainText(page.name), url: page.url })),
              nonConformities: typeset(audit.nonConformities),
              derogations: audit.derogations.map((derogation) => ({
                content: typesetPlainText(derogation.content),
                reason: typesetPlainText(derogation.reason),
              })),
              exemptions: typeset(audit.exemptions),
              environment: typeset(audit.environment),
              tools: typeset(audit.tools),
            }
          : null,
      rgaaVersion: audit?.rgaaVersion ?? sources.rgaaVersion,
      automated: {
        pageKinds: CHECKED_PAGE_KINDS.map((kind) => typesetPlainText(kind.name)),
        tools: [...AUTOMATED_TOOLS],
      },
      technologies: publisher.search.enabled ? [...TECHNOLOGIES, SEARCH_TECHNOLOGY] : [...TECHNOLOGIES],
      established: file ? day(file.established, zone) : null,
      updated: file?.updated ? day(file.updated, zone) : null,
      contact,
    },
    problems,
    missing,
  };
}
