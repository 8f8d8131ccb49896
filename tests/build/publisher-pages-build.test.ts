/**
 * Who publishes, on the real site: the pages about the publisher (src/pages/, listed in
 * _data/publisher.yaml) reached from every footer, typeset like articles, in the sitemap, and the
 * NewsMediaOrganization JSON-LD whose policies, contact and logo are what those pages show.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildSite, jsonLdOf, linksOf, normalizeText, ROOT, readPage } from "../helpers/build.ts";

const SITE = "https://www.epochtimes.fr/";
const PAGES = [
  ["À propos", "/a-propos/"],
  ["Charte éditoriale", "/charte-editoriale/"],
  ["Politique de corrections", "/politique-de-corrections/"],
  ["Contact", "/contact/"],
  // The legal pages (tests/build/legal-pages-build.test.ts), after the listed ones.
  ["Mentions légales", "/mentions-legales/"],
  ["Données personnelles", "/donnees-personnelles/"],
  ["Accessibilité : non conforme", "/accessibilite/"],
];

let site: BuiltSite;
beforeAll(() => {
  site = buildSite();
});
afterAll(() => site?.cleanup());

const footerPages = (urlPath: string) => linksOf(readPage(site.outDir, urlPath), ".site-footer-pages a");

describe("pages about the publisher", () => {
  it("are linked from the footer of every kind of page, in publisher.yaml's order", () => {
    for (const url of [
      "/",
      "/international/",
      "/international/li-shangfu-moscou-cooperation-militaire/",
      "/auteurs/",
    ]) {
      expect(footerPages(url), url).toEqual(PAGES);
    }
    expect(footerPages("/contact/")).toEqual(PAGES);
    expect(readPage(site.outDir, "/contact/").querySelector('.site-footer a[aria-current="page"]')?.textContent).toBe(
      "Contact",
    );
  });

  it("render their Markdown with the articles' French typography, under their title and description", () => {
    const about = readPage(site.outDir, "/a-propos/");
    expect(normalizeText(about.querySelector("main h1")?.textContent)).toBe("À propos");
    expect(about.querySelectorAll("h1")).toHaveLength(1);
    expect(about.querySelector(".standfirst")?.textContent).toBe(
      "Qui publie Epoch Times, ce que couvre sa rédaction et comment elle travaille.",
    );
    const text = about.querySelector(".article-body")?.textContent ?? "";
    expect(text).toContain("ses lecteurs\u00A0: leur soutien");
    expect(text).toContain("d\u2019information");
    expect(text).not.toMatch(/[a-z]'[a-z]/);
    expect(about.querySelector("title")?.textContent).toBe("À propos – Epoch Times");
  });

  it("are in the sitemap", () => {
    const xml = new XMLParser({ isArray: (name) => name === "url" }).parse(
      readFileSync(path.join(site.outDir, "sitemap.xml"), "utf8"),
    );
    const locations = xml.urlset.url.map((url: { loc: string }) => url.loc);
    for (const [, url] of PAGES) expect(locations).toContain(new URL(url ?? "", SITE).href);
  });

  it("describe themselves in JSON-LD as the page shows them", () => {
    const types: Record<string, string> = { "/a-propos/": "AboutPage", "/contact/": "ContactPage" };
    for (const [, url = ""] of PAGES) {
      const page = readPage(site.outDir, url);
      const [ld, trail] = jsonLdOf(page);
      expect(ld).toMatchObject({
        "@type": types[url] ?? "WebPage",
        name: normalizeText(page.querySelector("main h1")?.textContent),
        description: page.querySelector(".standfirst")?.textContent,
        url: new URL(url, SITE).href,
      });
      expect(trail.itemListElement.at(-1).item).toBe(new URL(url, SITE).href);
    }
  });

  it("show the publisher's e-mail address on the contact page", () => {
    const contact = readPage(site.outDir, "/contact/");
    const { email } = load(readFileSync(path.join(ROOT, "_data/publisher.yaml"), "utf8")) as { email: string };
    expect(linksOf(contact, ".contact-email a")).toEqual([[email, `mailto:${email}`]]);
  });
});

describe("the publisher in JSON-LD", () => {
  it("is a NewsMediaOrganization whose policies and contact are the pages the footer links", () => {
    const home = readPage(site.outDir, "/");
    const [website] = jsonLdOf(home);
    const organization = website.publisher;
    const footer = Object.fromEntries(
      linksOf(home, ".site-footer-pages a").map(([name, href]) => [name, new URL(href ?? "", SITE).href]),
    );
    expect(organization).toMatchObject({
      "@type": "NewsMediaOrganization",
      name: home.querySelector(".site-footer-name")?.textContent,
      url: SITE,
      masthead: footer["À propos"],
      publishingPrinciples: footer["Charte éditoriale"],
      ethicsPolicy: footer["Charte éditoriale"],
      correctionsPolicy: footer["Politique de corrections"],
      contactPoint: { "@type": "ContactPoint", url: footer.Contact },
    });
    const contact = readPage(site.outDir, "/contact/");
    expect(`mailto:${organization.contactPoint.email}`).toBe(
      contact.querySelector(".contact-email a")?.getAttribute("href"),
    );
  });

  it("has a square PNG logo of at least 112 px, as its JSON-LD says", () => {
    const [website] = jsonLdOf(readPage(site.outDir, "/"));
    const { logo } = website.publisher;
    const bytes = readFileSync(path.join(site.outDir, new URL(logo.url).pathname));
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    expect([width, height]).toEqual([logo.width, logo.height]);
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(112);
    // Every article names the same publisher, with that logo.
    const [article] = jsonLdOf(readPage(site.outDir, "/international/li-shangfu-moscou-cooperation-militaire/"));
    expect(article.publisher).toMatchObject({ "@type": "NewsMediaOrganization", logo });
  });
});

describe("the seed article's byline", () => {
  it("points at « La Rédaction », whose page lists it", () => {
    const article = readPage(site.outDir, "/international/li-shangfu-moscou-cooperation-militaire/");
    expect(linksOf(article, ".byline .author a")).toEqual([["La Rédaction", "/auteurs/la-redaction/"]]);
    const [ld] = jsonLdOf(article);
    expect(ld.author).toEqual([{ "@type": "Organization", name: "La Rédaction", url: `${SITE}auteurs/la-redaction/` }]);
    expect(linksOf(readPage(site.outDir, "/auteurs/la-redaction/"), "main .teaser-title a").map(([, h]) => h)).toEqual([
      "/international/li-shangfu-moscou-cooperation-militaire/",
    ]);
  });
});
