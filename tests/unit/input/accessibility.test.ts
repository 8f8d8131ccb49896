import { describe, expect, it } from "vitest";
import {
  type AccessibilityStatement,
  accessibilityStatement,
  auditRate,
  CHECKED_PAGE_KINDS,
  conformityOf,
  formatRate,
  type StatementSources,
} from "../../../scripts/input/accessibility.ts";
import { type AccessibilityFile, accessibilityFileSchema, type Publisher } from "../../../scripts/input/schema.ts";
import { publisher as base } from "../../helpers/articles.ts";
import { PAGE_TYPES } from "../../helpers/page-types.ts";
import { PHOTO_PAGE_TYPES } from "../../helpers/photo-site.ts";

const FILE = "_data/accessibility.yaml";
const publisher: Publisher = { ...base, email: "redaction@exemple.fr" };

const AUDIT = {
  established: "2024-03-10",
  audit: {
    date: "2024-03-08",
    auditor: "Audit d'essai",
    rate: 72.5,
    pages: [
      { name: "Accueil", url: "/" },
      { name: "Un article", url: "/international/un-article/" },
    ],
    nonConformities: ["Des images n'ont pas d'alternative (critère 1.3)."],
    derogations: [{ content: "Les archives PDF", reason: "une charge disproportionnée" }],
    exemptions: ["Les cartes fournies par des tiers"],
    environment: ["Firefox 128 et NVDA 2024.1"],
    tools: ["Colour Contrast Analyser"],
  },
};

/** The audit file as the build reads it: through its schema, defaults filled in. */
const file = (data: Record<string, unknown> = AUDIT): AccessibilityFile => accessibilityFileSchema.parse(data);

const sources = (overrides: Partial<StatementSources> = {}): StatementSources => ({
  publisher,
  file: file(),
  fileName: FILE,
  contactPage: { url: "/contact/", title: "Contact" },
  today: "2024-03-20",
  rgaaVersion: "4.1.2",
  ...overrides,
});

const statementOf = (overrides: Partial<StatementSources> = {}): AccessibilityStatement =>
  accessibilityStatement(sources(overrides)).statement;
const problemsOf = (data: Record<string, unknown>) =>
  accessibilityStatement(sources({ file: file(data) })).problems.map((p) => `${p.field}: ${p.message}`);
const withAudit = (changes: Record<string, unknown>) => ({ ...AUDIT, audit: { ...AUDIT.audit, ...changes } });

describe("the conformity status, derived from the audit by RGAA's rule", () => {
  it.each([
    [100, "totalement conforme"],
    [99.99, "partiellement conforme"],
    [50, "partiellement conforme"],
    [49.99, "non conforme"],
    [0, "non conforme"],
    [null, "non conforme"],
  ] as const)("a rate of %s (percent, or null: no audit) → « %s »", (rate, status) => {
    expect(conformityOf(rate)).toBe(status);
  });

  it("works the rate out from the counts of criteria, and never shows it rounded up", () => {
    expect(auditRate({ criteria: { met: 70, notMet: 10 } })).toBe(87.5);
    expect(auditRate({ criteria: { met: 0, notMet: 0 } })).toBeNull();
    expect(formatRate(87.5)).toBe("87,5\u00A0%");
    expect(formatRate((2499 / 2500) * 100)).toBe("99,9\u00A0%");
    const almost = statementOf({ file: file(withAudit({ rate: undefined, criteria: { met: 2499, notMet: 1 } })) });
    expect([almost.status, almost.audit?.rate]).toEqual(["partiellement conforme", "99,9\u00A0%"]);
  });

  it("is « non conforme » without an audit, and says so in the footer's mention", () => {
    const statement = statementOf({ file: file({ established: "2024-03-10" }) });
    expect(statement.status).toBe("non conforme");
    expect(statement.audit).toBeNull();
    expect(statement.mention).toBe("Accessibilité\u00A0: non conforme");
  });

  it("cannot say more than the audit: no field of the file sets the status", () => {
    expect(() => file({ ...AUDIT, status: "totalement conforme" })).toThrow(/unrecognized|status/i);
    expect(() => file({ ...AUDIT, conformity: "totalement conforme" })).toThrow();
    expect(statementOf().status).toBe("partiellement conforme");
  });
});

describe("what the audit file says, checked across its fields", () => {
  it.each([
    [
      "a rate and counts both",
      withAudit({ criteria: { met: 1, notMet: 1 } }),
      "audit.criteria: is given with audit.rate; expected one of them (the rate, or the counts it comes from)",
    ],
    [
      "neither a rate nor counts",
      withAudit({ rate: undefined }),
      "audit.rate: is missing; expected the share of applicable RGAA criteria the audit found met, in percent (or audit.criteria: met, notMet)",
    ],
    [
      "counts with no applicable criterion",
      withAudit({ rate: undefined, criteria: { met: 0, notMet: 0 } }),
      "audit.criteria: counts no applicable criterion; expected the counts of criteria met and not met",
    ],
    [
      "a rate below 100 % without non-conformities",
      withAudit({ nonConformities: [] }),
      "audit.nonConformities: is empty while the audit's rate is 72,5 %; expected the criteria it found not met",
    ],
    [
      "non-conformities at 100 %",
      withAudit({ rate: 100 }),
      "audit.nonConformities: lists 1 while the audit's rate is 100 %; expected none, or the rate the audit found",
    ],
    [
      "an audit ending after the build's day",
      { ...withAudit({ date: "2024-03-21" }), established: "2024-03-21" },
      'audit.date: "2024-03-21" is after the build\'s day (2024-03-20); expected the day the audit ended',
    ],
    [
      "a statement made before its audit",
      { ...AUDIT, established: "2024-03-01" },
      'established: "2024-03-01" is before the audit\'s date "2024-03-08"; expected the day the statement was made from the audit, or later',
    ],
    [
      "an update before the statement",
      { ...AUDIT, updated: "2024-03-09" },
      'updated: "2024-03-09" is before "2024-03-10" (established); expected a later day',
    ],
  ])("refuses %s", (_, data, line) => {
    expect(problemsOf(data)).toEqual([line]);
  });

  it("says the file is missing (a build refuses it, the preview shows the gap), not when it is only invalid", () => {
    const absent = accessibilityStatement(sources({ file: undefined }));
    expect(absent.missing.map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([
      `${FILE}: (file): is missing; expected the accessibility statement's data: the day it was established (established), the latest audit (audit) if there was one, how to report a problem (contact)`,
    ]);
    expect(absent.statement.established).toBeNull();
    expect(accessibilityStatement(sources({ file: null })).missing).toEqual([]);
  });
});

// RGAA 4.1's model statement, item by item: each has a field of the file or a generated part
// (« Voies de recours », the same for every site, is the template's: tests/build/legal-pages-build.test.ts).
describe("the RGAA model statement's items", () => {
  it("commitment and scope: who commits, to which site", () => {
    const statement = statementOf({
      publisher: { ...publisher, legal: { publisher: { kind: "company", name: "Le Quotidien SAS" } } },
    });
    expect([statement.entity, statement.siteUrl]).toEqual(["Le Quotidien SAS", "https://www.exemple.fr"]);
    expect(statementOf({ publisher }).entity).toBe("Le Quotidien");
  });

  it("État de conformité: the status and the RGAA version", () => {
    expect([statementOf().status, statementOf().rgaaVersion]).toEqual(["partiellement conforme", "4.1.2"]);
  });

  it("Résultats des tests: the audit's rate, auditor and date, and the site's own automated tests", () => {
    const { audit, automated } = statementOf();
    expect([audit?.rate, audit?.auditor, audit?.date.long]).toEqual([
      "72,5\u00A0%",
      "Audit d’essai",
      "8\u00A0mars 2024",
    ]);
    expect(automated.pageKinds).toContain("un article");
    expect(automated.tools).toEqual([expect.stringMatching(/^axe-core/), expect.stringMatching(/^html-validate/)]);
  });

  it("Contenus non accessibles: non-conformities, derogations, contents exempted, as the file lists them", () => {
    const { audit } = statementOf();
    expect(audit?.nonConformities).toEqual(["Des images n’ont pas d’alternative (critère 1.3)."]);
    expect(audit?.derogations).toEqual([{ content: "Les archives PDF", reason: "une charge disproportionnée" }]);
    expect(audit?.exemptions).toEqual(["Les cartes fournies par des tiers"]);
  });

  it("Établissement de cette déclaration: its date, technologies, test environment, tools, pages audited", () => {
    const statement = statementOf({ file: file({ ...AUDIT, updated: "2024-04-02" }) });
    expect([statement.established?.long, statement.updated?.long]).toEqual(["10\u00A0mars 2024", "2\u00A0avril 2024"]);
    expect(statement.technologies).toEqual(["HTML5", "CSS", "JavaScript (page de recherche seulement)"]);
    const noSearch = statementOf({ publisher: { ...publisher, search: { ...publisher.search, enabled: false } } });
    expect(noSearch.technologies).toEqual(["HTML5", "CSS"]);
    expect(statement.audit?.environment).toEqual(["Firefox 128 et NVDA 2024.1"]);
    expect(statement.audit?.tools).toEqual(["Colour Contrast Analyser"]);
    expect(statement.audit?.pages).toEqual(AUDIT.audit.pages);
  });

  it("Retour d'information et contact: the file's contact, else the publisher's e-mail and contact page", () => {
    expect(statementOf().contact).toEqual({
      email: "redaction@exemple.fr",
      url: "/contact/",
      urlLead: "par",
      urlText: "la page «\u00A0Contact\u00A0»",
    });
    const own = statementOf({ file: file({ ...AUDIT, contact: { email: "a11y@exemple.fr", url: "/signaler/" } }) });
    expect(own.contact).toEqual({
      email: "a11y@exemple.fr",
      url: "/signaler/",
      urlLead: "en ligne\u00A0:",
      urlText: "/signaler/",
    });
  });
});

describe("the kinds of page the statement says the automated tests check", () => {
  it("are exactly the kinds the browser tests open (tests/helpers/page-types.ts)", () => {
    expect(CHECKED_PAGE_KINDS.map((kind) => kind.id).sort()).toEqual(
      [...PAGE_TYPES, ...PHOTO_PAGE_TYPES].map((type) => type.name).sort(),
    );
  });
});
