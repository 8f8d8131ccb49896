/**
 * The pages French law asks for, on real builds: « Mentions légales », « Données personnelles »
 * and « Accessibilité » on the real site (the seed's placeholders) and on the synthetic newsroom
 * (every item given, a partial audit); a production build refusing a missing item and the preview
 * marking it; and the build's check on every file it writes, against a template that adds a
 * script, a frame, a third-party URL and a cookie header.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { load } from "js-yaml";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_TEXT } from "../../scripts/input/legal-notice.ts";
import { startTags } from "../../scripts/output/reader-pages.ts";
import { shownPath } from "../../scripts/text/shown-path.ts";
import {
  BUILD_COMMAND,
  type BuiltSite,
  buildSite,
  linksOf,
  makeTempDir,
  normalizeText,
  ROOT,
  readPage,
  runBuild,
  SEED_WARNINGS,
} from "../helpers/build.ts";
import { startDevServer } from "../helpers/dev-server.ts";
import { hashTree } from "../helpers/tree.ts";

const NEWSROOM = path.join(ROOT, "tests/fixtures/newsroom");
const LEGAL_PAGES = ["/mentions-legales/", "/donnees-personnelles/", "/accessibilite/"];

let seed: BuiltSite;
let newsroom: BuiltSite;
beforeAll(() => {
  seed = buildSite();
  newsroom = buildSite({ articles: path.join(NEWSROOM, "articles"), data: path.join(NEWSROOM, "data") });
});
afterAll(() => {
  seed?.cleanup();
  newsroom?.cleanup();
});

const htmlFiles = (outDir: string) =>
  readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
const pageOf = (outDir: string, file: string) =>
  parseHTML(readFileSync(path.join(outDir, file), "utf8")).document as unknown as Document;
const yaml = (file: string) => load(readFileSync(file, "utf8")) as Record<string, unknown>;
/** Text as the page shows it, and as YAML gives it: typography and spacing set aside. */
const plain = (text: string | null | undefined) => normalizeText(text).replace(/’/g, "'");

/** The items of the list that follows the heading with this text. */
function listAfter(document: Document, heading: string): string[] {
  const title = [...document.querySelectorAll("h2, h3")].find((h) => normalizeText(h.textContent) === heading);
  const list = title?.nextElementSibling;
  return list?.tagName === "UL" ? [...list.querySelectorAll("li")].map((li) => plain(li.textContent)) : [];
}

describe("the three legal pages", () => {
  it.each([
    ["the real site", () => seed, "non conforme"],
    ["the synthetic newsroom", () => newsroom, "partiellement conforme"],
  ])(
    "are linked from the footer of every page of %s, the accessibility statement by its conformity mention",
    (_, site, status) => {
      const { outDir } = site();
      const files = htmlFiles(outDir);
      expect(files.length).toBeGreaterThan(10);
      const statement = readPage(outDir, "/accessibilite/");
      expect(normalizeText(statement.querySelector("#etat-de-conformite + p strong")?.textContent)).toBe(status);
      for (const file of files) {
        const footer = linksOf(pageOf(outDir, file), ".site-footer-pages a").slice(-3);
        expect(footer, file).toEqual([
          ["Mentions légales", "/mentions-legales/"],
          ["Données personnelles", "/donnees-personnelles/"],
          [`Accessibilité : ${status}`, "/accessibilite/"],
        ]);
      }
    },
  );

  it("are in the sitemap", () => {
    for (const site of [seed, newsroom]) {
      const xml = new XMLParser({ isArray: (name) => name === "url" }).parse(
        readFileSync(path.join(site.outDir, "sitemap.xml"), "utf8"),
      );
      const paths = xml.urlset.url.map((url: { loc: string }) => new URL(url.loc).pathname);
      expect(paths).toEqual(expect.arrayContaining(LEGAL_PAGES));
    }
  });
});

describe("« Mentions légales »", () => {
  it("shows what publisher.yaml gives, item by item, then the publisher's own text", () => {
    const page = readPage(newsroom.outDir, "/mentions-legales/");
    const items = [...page.querySelectorAll(".legal-list div")].map((item) => [
      plain(item.querySelector("dt")?.textContent),
      plain(item.querySelector("dd")?.textContent),
    ]);
    const data = yaml(path.join(NEWSROOM, "data/publisher.yaml"));
    const legal = data.legal as { publisher: Record<string, string>; host: Record<string, string> } & Record<
      string,
      string
    >;
    expect(items).toEqual([
      ["Dénomination sociale", plain(legal.publisher.name)],
      ["Forme juridique", legal.publisher.legalForm],
      ["Capital social", legal.publisher.capital],
      ["Immatriculation", legal.publisher.registration],
      ["Numéro de TVA intracommunautaire", legal.publisher.vatNumber],
      ["Siège social", plain(legal.publisher.address)],
      ["Téléphone", legal.publisher.telephone],
      ["Courriel", data.email],
      ["Représentant légal", legal.publisher.representative],
      ["Détenteurs d'au moins 10 % du capital", "Claire Martin (60 %), Les Amis du Quotidien (25,5 %)"],
      ["Directeur de la publication", legal.director],
      ["Responsable de la rédaction", legal.editorInChief],
      ["Hébergeur", plain(legal.host.name)],
      ["Adresse", legal.host.address],
      ["Téléphone", legal.host.telephone],
    ]);
    expect(page.querySelectorAll(".legal-gap")).toHaveLength(0);
  });

  it("shows the seed's placeholders as gaps, never their text, and the build says which", () => {
    const page = readPage(seed.outDir, "/mentions-legales/");
    const gaps = [...page.querySelectorAll("dd.legal-gap")].map((dd) => normalizeText(dd.textContent));
    expect(gaps).toHaveLength(13);
    expect(new Set(gaps)).toEqual(new Set([PLACEHOLDER_TEXT]));
    const source = readFileSync(path.join(ROOT, "_data/publisher.yaml"), "utf8");
    for (const [, placeholder] of source.matchAll(/placeholder: "([^"]+)"/g)) {
      expect(page.documentElement.outerHTML).not.toContain(placeholder);
    }
    // The seed's own text follows: what the build makes comes first.
    const headings = [...page.querySelectorAll("main h2")].map((h) => normalizeText(h.textContent));
    expect(headings).toEqual(
      [
        "Éditeur",
        "Publication",
        "Hébergement",
        "Propriété intellectuelle",
        "Liens vers d'autres sites",
        "Données personnelles",
      ].map((h) => h.replace("'", "’")),
    );
    expect(seed.run.stderr).toMatch(
      /^Warning: _data\/publisher\.yaml: legal: 13 fields are placeholders \(legal\.publisher\.name, .*legal\.host\.telephone\); the legal notice shows « À compléter par l’éditeur » in their place/m,
    );
    expect(newsroom.run.stderr).toBe("");
  });
});

describe("« Accessibilité »", () => {
  const RGAA_SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration d’accessibilité",
    "Retour d’information et contact",
    "Voies de recours",
  ];

  it("follows RGAA's model statement, section by section, in its order", () => {
    for (const site of [seed, newsroom]) {
      const page = readPage(site.outDir, "/accessibilite/");
      expect([...page.querySelectorAll("main h2")].map((h) => normalizeText(h.textContent))).toEqual(RGAA_SECTIONS);
      const text = normalizeText(page.querySelector(".article-body")?.textContent);
      expect(text).toMatch(
        /s’engage à rendre son site internet accessible conformément à l’article 47 de la loi n° 2005-102/,
      );
      expect(text).toContain("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
      expect(linksOf(page, "#voies-de-recours ~ ul a").map(([, href]) => href)).toEqual([
        "https://formulaire.defenseurdesdroits.fr/",
        "https://www.defenseurdesdroits.fr/saisir/delegues",
      ]);
    }
    const audited = readPage(newsroom.outDir, "/accessibilite/");
    expect([...audited.querySelectorAll("main h3")].map((h) => normalizeText(h.textContent))).toEqual([
      "Non-conformités",
      "Dérogations pour charge disproportionnée",
      "Contenus non soumis à l’obligation d’accessibilité",
      "Technologies utilisées pour la réalisation du site",
      "Environnement de test",
      "Outils pour évaluer l’accessibilité",
      "Pages du site ayant fait l’objet de la vérification de conformité",
    ]);
  });

  it("lists exactly what the audit file says, with the status its rate gives", () => {
    const page = readPage(newsroom.outDir, "/accessibilite/");
    const file = yaml(path.join(NEWSROOM, "data/accessibility.yaml"));
    const audit = file.audit as {
      rate: number;
      nonConformities: string[];
      derogations: { content: string; reason: string }[];
      exemptions: string[];
      environment: string[];
      tools: string[];
      pages: { name: string; url: string }[];
    };
    expect(plain(page.querySelector("#resultats-des-tests + p")?.textContent)).toBe(
      "L'audit de conformité réalisé par Audit d'essai, achevé le 26 février 2024, révèle que 72,5 % des critères du RGAA version 4.1.2 sont respectés.",
    );
    expect(listAfter(page, "Non-conformités")).toEqual(audit.nonConformities.map(plain));
    expect(listAfter(page, "Dérogations pour charge disproportionnée")).toEqual(
      audit.derogations.map((d) => plain(`${d.content} : ${d.reason}`)),
    );
    expect(listAfter(page, "Contenus non soumis à l’obligation d’accessibilité")).toEqual(audit.exemptions.map(plain));
    expect(listAfter(page, "Environnement de test")).toEqual([
      ...audit.environment,
      "Chromium, pour les tests automatiques",
    ]);
    expect(listAfter(page, "Outils pour évaluer l’accessibilité").slice(0, audit.tools.length)).toEqual(audit.tools);
    expect(linksOf(page, "h3:last-of-type + ul a")).toEqual(audit.pages.map((p) => [p.name, p.url]));
    expect(plain(page.querySelector("#etablissement-de-cette-declaration + p")?.textContent)).toBe(
      "Cette déclaration a été établie le 28 février 2024. Elle a été mise à jour le 1er mars 2024.",
    );
    expect(linksOf(page, "#retour-d-information-et-contact ~ ul a").slice(0, 2)).toEqual([
      ["accessibilite@quotidien-essai.example", "mailto:accessibilite@quotidien-essai.example"],
      ["https://contact.quotidien-essai.example/", "https://contact.quotidien-essai.example/"],
    ]);
  });

  it("says « non conforme » without an audit, and which pages the site's own tests check", () => {
    const page = readPage(seed.outDir, "/accessibilite/");
    expect(plain(page.querySelector("#etat-de-conformite + p")?.textContent)).toBe(
      "Le site https://www.epochtimes.fr est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n'a encore été réalisé.",
    );
    expect(plain(page.querySelector(".article-body")?.textContent)).toMatch(
      /Pages vérifiées : la page d'accueil, .*les mentions légales, .*la page d'erreur 404, .*la page de recherche, un article en direct\./,
    );
  });
});

describe("« Données personnelles »", () => {
  it("says reader pages collect nothing, and states audience measurement in the CNIL's terms", () => {
    const page = readPage(newsroom.outDir, "/donnees-personnelles/");
    const text = plain(page.querySelector(".article-body")?.textContent);
    expect(text).toContain("Les pages de ce site ne recueillent aucune donnée personnelle");
    expect(text).toContain("ne déposent aucun cookie ni autre traceur, n'exécutent aucun script");
    for (const condition of [
      "elle sert uniquement à mesurer l'audience du site, pour le compte exclusif de l'éditeur",
      "elle ne produit que des statistiques anonymes",
      "ses données ne sont ni recoupées avec d'autres traitements ni transmises à des tiers, et ne permettent pas de suivre votre navigation sur d'autres sites",
      "elles sont conservées 13 mois au plus (la CNIL en admet 25)",
    ]) {
      expect(text).toContain(condition);
    }
    expect(text).toContain("Vous pouvez vous y opposer en écrivant à donnees@quotidien-essai.example");
    expect([...page.querySelectorAll("main h2")].map((h) => normalizeText(h.textContent))).toEqual([
      "Ce que ce site recueille",
      "Mesure d’audience",
      "Lettre d’information",
      "Formulaire de contact",
      "Vos droits",
    ]);
    expect(linksOf(page, "#lettre-d-information + p a")).toEqual([
      ["https://lettre.quotidien-essai.example/inscription", "https://lettre.quotidien-essai.example/inscription"],
    ]);
    expect(text).toContain("Le responsable du traitement des données est Le Quotidien d'essai SAS.");
  });

  it("says the seed measures no audience, and adds its own text after the generated part", () => {
    const page = readPage(seed.outDir, "/donnees-personnelles/");
    expect(plain(page.querySelector("#mesure-d-audience + p")?.textContent)).toBe(
      "Ce site ne mesure pas son audience.",
    );
    expect(normalizeText(page.querySelector("main h2:last-of-type")?.textContent)).toBe(
      "Messages adressés à la rédaction",
    );
  });
});

describe("a required legal item missing", () => {
  let dir = "";
  beforeAll(() => {
    dir = makeTempDir("news-legal-");
    cpSync(NEWSROOM, dir, { recursive: true });
    const file = path.join(dir, "data/publisher.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("    telephone: +33 4 00 00 00 00\n", ""));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fails the production build with the documented line, leaving the previous output as it was", () => {
    const out = path.join(dir, "dist");
    cpSync(newsroom.outDir, out, { recursive: true });
    const before = hashTree(out);
    const run = runBuild([
      "--quiet",
      "--out",
      out,
      "--articles",
      path.join(dir, "articles"),
      "--data",
      path.join(dir, "data"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "Build failed: 1 problem(s). Nothing was published.",
      `${shownPath(path.join(dir, "data/publisher.yaml"))}: legal.host.telephone: is missing; expected the host's telephone number (LCEN art. 1-1, formerly 6 III)`,
    ]);
    expect(hashTree(out)).toEqual(before);
  });

  it("is marked on the page in the preview", async () => {
    const server = startDevServer({
      articles: path.join(dir, "articles"),
      data: path.join(dir, "data"),
      output: path.join(dir, "preview"),
    });
    try {
      await server.waitFor("the preview", () => server.url !== "");
      const html = (await server.fetchPage("/mentions-legales/")) ?? "";
      const page = parseHTML(html).document as unknown as Document;
      const host = [...page.querySelectorAll("#hebergement + dl div")].map((item) => [
        normalizeText(item.querySelector("dt")?.textContent),
        item.querySelector("dd")?.className ?? "",
        normalizeText(item.querySelector("dd")?.textContent),
      ]);
      expect(host).toEqual([
        ["Hébergeur", "", "Hébergeur d’essai SARL"],
        ["Adresse", "", "2 avenue du Test, 69000 Lyon"],
        ["Téléphone", "legal-gap", "Manquant dans publisher.yaml : legal.host.telephone"],
      ]);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe("the build's check on every file it writes", () => {
  let project = "";
  beforeAll(() => {
    project = makeTempDir("news-reader-check-");
    for (const entry of [
      "scripts",
      "_includes",
      "_data",
      "src",
      ".eleventy.js",
      "package.json",
      "package-lock.json",
      "tsconfig.json",
    ]) {
      cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
    }
    symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const build = (out: string) =>
    spawnSync(process.execPath, [...BUILD_COMMAND, "--quiet", "--out", out], { cwd: project, encoding: "utf8" });

  it("fails when a template adds a script, an iframe, a third-party URL or a cookie header, naming each", () => {
    const out = path.join(project, "dist");
    expect(build(out).status).toBe(0);
    const before = hashTree(out);
    const edit = (file: string, change: (text: string) => string) =>
      writeFileSync(path.join(project, file), change(readFileSync(path.join(project, file), "utf8")));
    edit("_includes/layouts/trust-page.njk", (text) =>
      text.replace(
        "</article>",
        '</article><script>track()</script><iframe src="/video/" title="Vidéo"></iframe><img src="https://cdn.example/pixel.gif" alt="">',
      ),
    );
    edit("src/headers.njk", (text) => `${text}\n  Set-Cookie: visiteur=1`);
    const run = build(out);
    expect(run.status).toBe(1);
    // The seed's placeholders are said first, as in every build of it.
    const lines = run.stderr.trim().split("\n");
    expect(`${lines[0]}\n`).toMatch(SEED_WARNINGS);
    expect(lines[1]).toBe("Build failed: 4 problem(s). Nothing was published.");
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(
        /^src\/headers\.njk: \/_headers: line \d+ "Set-Cookie: visiteur=1": sets a cookie; expected none \(reader pages set no cookie\)$/,
      ),
      "src/trust-pages.njk: /a-propos/ (and 6 other pages): <script>: is a script; expected none but JSON-LD data (reader pages run no JavaScript)",
      'src/trust-pages.njk: /a-propos/ (and 6 other pages): <iframe src="/video/" title="Vidéo">: embeds another document; expected none (reader pages embed nothing)',
      'src/trust-pages.njk: /a-propos/ (and 6 other pages): <img src="https://cdn.example/pixel.gif" alt>: src loads https://cdn.example/pixel.gif from another site; expected the site\'s own files only (no third-party request)',
    ]);
    expect(hashTree(out)).toEqual(before);
  }, 180_000);
});

describe("the check's tokenizer", () => {
  it("finds the start tags htmlparser2 finds, with the same attributes, on every page of both sites", () => {
    for (const site of [seed, newsroom]) {
      for (const file of htmlFiles(site.outDir)) {
        const html = readFileSync(path.join(site.outDir, file), "utf8");
        const expected: string[] = [];
        const parser = new Parser(
          { onopentag: (name, attributes) => expected.push(`${name} ${Object.keys(attributes).join(" ")}`) },
          { decodeEntities: false },
        );
        parser.write(html);
        parser.end();
        const found = startTags(html).map(({ name, attributes }) => {
          const names = [...attributes.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)];
          return `${name} ${names.map((match) => match[1]?.toLowerCase()).join(" ")}`;
        });
        expect(found, file).toEqual(expected);
      }
    }
  });
});
