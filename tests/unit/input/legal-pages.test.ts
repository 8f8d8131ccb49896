import { describe, expect, it } from "vitest";
import { type LegalPagesSources, legalPages } from "../../../scripts/input/legal-pages.ts";
import type { TrustPage } from "../../../scripts/input/pages.ts";
import { accessibilityFileSchema, type Publisher } from "../../../scripts/input/schema.ts";
import { publisher as base } from "../../helpers/articles.ts";

const PUBLISHER_FILE = "_data/publisher.yaml";
const ACCESSIBILITY_FILE = "_data/accessibility.yaml";

const publisher: Publisher = {
  ...base,
  email: "redaction@exemple.fr",
  legal: {
    publisher: {
      kind: "person",
      name: "Claire Martin",
      address: "1 rue de l'Essai, 75000 Paris",
      telephone: { placeholder: "le numéro de la rédaction" },
    },
    director: "Claire Martin",
    editorInChief: "Claire Martin",
    host: { name: "Hébergeur SARL", address: "2 avenue du Test, 69000 Lyon", telephone: "+33 4 00 00 00 00" },
  },
};

const contactPage = { url: "/contact/", title: "Contact", roles: ["contactPoint"] } as unknown as TrustPage;

const sources = (overrides: Partial<LegalPagesSources> = {}): LegalPagesSources => ({
  publisher,
  publisherFile: PUBLISHER_FILE,
  accessibility: accessibilityFileSchema.parse({ established: "2024-03-10" }),
  accessibilityFile: ACCESSIBILITY_FILE,
  texts: new Map(),
  listedPages: [contactPage],
  gapsShown: false,
  ...overrides,
});

describe("legalPages", () => {
  it("makes the three pages, after the listed ones, the accessibility page linked by its conformity mention", () => {
    const { pages, problems } = legalPages(sources());
    expect(problems).toEqual([]);
    expect(pages.map((page) => [page.url, page.title, page.linkText ?? page.title, page.sourcePath])).toEqual([
      ["/mentions-legales/", "Mentions légales", "Mentions légales", PUBLISHER_FILE],
      ["/donnees-personnelles/", "Données personnelles", "Données personnelles", PUBLISHER_FILE],
      ["/accessibilite/", "Accessibilité", "Accessibilité\u00A0: non conforme", ACCESSIBILITY_FILE],
    ]);
    expect(pages[2]?.accessibility?.contact.url).toBe("/contact/");
  });

  it("adds the publisher's own text, title and description after the generated part", () => {
    const text = {
      sourcePath: "src/pages/mentions-legales.md",
      title: "Informations légales",
      description: "Une phrase.",
      bodyHtml: "<h2>Propriété intellectuelle</h2>",
      updated: null,
    } as TrustPage;
    const [notice] = legalPages(sources({ texts: new Map([["mentions-legales", text]]) })).pages;
    expect(notice).toMatchObject({ ...text, url: "/mentions-legales/", roles: [] });
    expect(notice?.legalNotice?.sections.map((section) => section.heading)).toEqual([
      "Éditeur",
      "Publication",
      "Hébergement",
    ]);
  });

  it("warns, in one line, of the placeholders the legal notice shows as gaps", () => {
    expect(legalPages(sources()).warnings.map((w) => `${w.file}: ${w.field}: ${w.message}`)).toEqual([
      expect.stringMatching(
        /^_data\/publisher\.yaml: legal: 1 field is a placeholder \(legal\.publisher\.telephone\); /,
      ),
    ]);
  });

  it("refuses what the law asks and the data does not give, in a build; the preview marks the gaps instead", () => {
    const incomplete = { ...publisher, legal: { ...publisher.legal, director: undefined } } as Publisher;
    const build = legalPages(sources({ publisher: incomplete, accessibility: undefined }));
    expect(build.problems.map((p) => `${p.file}: ${p.field}`)).toEqual([
      `${PUBLISHER_FILE}: legal.director`,
      `${ACCESSIBILITY_FILE}: (file)`,
    ]);
    const preview = legalPages(sources({ publisher: incomplete, accessibility: undefined, gapsShown: true }));
    expect(preview.problems).toEqual([]);
    const director = preview.pages[0]?.legalNotice?.sections[1]?.lines[0];
    expect(director).toMatchObject({ label: "Directeur de la publication", gap: "missing" });
    expect(preview.pages[2]?.accessibility?.established).toBeNull();
  });

  it("refuses a wrong audit file in the preview too: it is not a gap but a mistake", () => {
    const file = accessibilityFileSchema.parse({
      established: "2024-03-10",
      audit: { date: "2024-03-01", auditor: "A", rate: 80, pages: [{ name: "Accueil", url: "/" }] },
    });
    expect(legalPages(sources({ accessibility: file, gapsShown: true })).problems.map((p) => p.field)).toEqual([
      "audit.nonConformities",
    ]);
  });
});
