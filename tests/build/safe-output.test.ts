/**
 * Safe output: markup typed into a headline, standfirst, byline, tag or body reaches readers as
 * text, in element content and in attributes, on every page it appears on (JSON-LD and feeds
 * have their own assertions next to their templates); every page carries the security policy
 * and loads nothing from another origin; `_headers` repeats the policy for the host.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyHeader,
  headersFile,
  REFERRER_POLICY,
  searchContentSecurityPolicy,
} from "../../scripts/output/security-headers.ts";
import { type BuiltSite, buildSite, makeTempDir, normalizeText, ROOT, readPage } from "../helpers/build.ts";
import { parseHeadersFile } from "../helpers/headers-file.ts";

const SCRIPT = "</script><script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const LINK = '<a href="https://evil.example/" onclick="alert(1)">Jean</a>';
const URL_PATH = "/culture/injection/";

let dir: string;
let site: BuiltSite;
beforeAll(() => {
  dir = makeTempDir("news-injection-");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), dir, { recursive: true });
  const yaml = (text: string) => `'${text.replace(/'/g, "''")}'`;
  writeFileSync(
    path.join(dir, "articles/culture/2024-03-08-injection.md"),
    [
      "---",
      `title: ${yaml(`${SCRIPT} ${IMG}`)}`,
      `standfirst: ${yaml(`${IMG} <svg onload=alert(1)> ${SCRIPT}`)}`,
      "date: 2024-03-08T10:00:00+01:00",
      "section: culture",
      `author: ${yaml(LINK)}`,
      `tags: [${yaml(IMG)}, ${yaml(SCRIPT)}]`,
      "---",
      "",
      "<script>alert(1)</script>",
      "",
      '<img src=x onerror="alert(1)"> <iframe src="https://evil.example/"></iframe>',
      "",
      'Du code `<b onmouseover="alert(1)">` et un [lien sûr](https://example.org/?q="><script>).',
      "",
    ].join("\n"),
  );
  site = buildSite({ articles: path.join(dir, "articles"), data: path.join(dir, "data") });
});
afterAll(() => {
  site?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const htmlFiles = () =>
  readdirSync(site.outDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort();

describe("markup in article metadata and bodies", () => {
  it("never becomes an element or an event handler on any page", () => {
    const files = htmlFiles();
    expect(files).toEqual(expect.arrayContaining(["index.html", "culture/index.html", "culture/injection/index.html"]));
    for (const file of files) {
      const html = readFileSync(path.join(site.outDir, file), "utf8");
      const { document } = parseHTML(html);
      const where = `${file}: `;
      // The raw bytes first, quoted attribute values aside (the minifier may leave a literal "<"
      // inside a quoted value, which is text to every HTML parser): no parser leniency can hide these.
      const outsideValues = html.replace(/="[^"]*<[^"]*"|='[^']*<[^']*'/g, "=…");
      // The search page runs one script, its own, from the site: no other page has any.
      const searchScript = file === "recherche/index.html" ? '<script src="/recherche-index/recherche.js" defer>' : "";
      expect(where + (outsideValues.match(/<script(?![^>]*application\/ld\+json)[^>]*>/gi) ?? []).join()).toBe(
        where + searchScript,
      );
      expect(where + (outsideValues.match(/<(img|svg|iframe)[^>]*\bon\w+=/gi) ?? []).join()).toBe(where);
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          expect(`${where}${element.tagName} ${attribute.name}`).not.toMatch(/ on\w+$/i);
          expect(`${where}${attribute.value}`).not.toMatch(/^[^:]*: *(javascript|data|vbscript):/i);
        }
      }
      for (const script of document.querySelectorAll("script:not([src])"))
        expect(where + script.getAttribute("type")).toBe(`${where}application/ld+json`);
      expect(where + document.querySelectorAll("svg, iframe, object, embed").length).toBe(`${where}0`);
      for (const img of document.querySelectorAll("img"))
        expect(where + img.getAttribute("src")).toMatch(/^[^:]*: \/assets\//);
    }
  });

  it("shows the headline, standfirst, byline and tags literally on the article page", () => {
    const page = readPage(site.outDir, URL_PATH);
    expect(normalizeText(page.querySelector("h1")?.textContent)).toBe(`${SCRIPT} ${IMG}`);
    expect(page.querySelector("title")?.textContent).toContain(`${SCRIPT} ${IMG}`);
    expect(normalizeText(page.querySelector(".standfirst")?.textContent)).toBe(
      `${IMG} <svg onload=alert(1)> ${SCRIPT}`,
    );
    expect(normalizeText(page.querySelector(".author")?.textContent)).toBe(`Par ${LINK}`);
    const tags = [...page.querySelectorAll(".tags li")].map((li) => normalizeText(li.textContent));
    expect(tags).toEqual(expect.arrayContaining([IMG, SCRIPT]));
  });

  it("keeps attribute values whole: the standfirst in the meta description", () => {
    const page = readPage(site.outDir, URL_PATH);
    const description = page.querySelector('meta[name="description"]')?.getAttribute("content") ?? "";
    expect(normalizeText(description)).toContain(IMG);
    expect(page.querySelectorAll('meta[name="description"]')).toHaveLength(1);
  });

  it("renders raw HTML in the body as text", () => {
    const body = readPage(site.outDir, URL_PATH).querySelector(".article-body");
    const text = normalizeText(body?.textContent);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('<img src=x onerror="alert(1)">');
    expect(text).toContain('<b onmouseover="alert(1)">');
    expect(body?.querySelectorAll("script, img, iframe, b")).toHaveLength(0);
    expect(body?.querySelector("a")?.getAttribute("href")).toBe("https://example.org/?q=%22%3E%3Cscript%3E");
  });

  it("shows the headline literally in listings", () => {
    for (const listing of ["/", "/culture/"]) {
      const titles = [...readPage(site.outDir, listing).querySelectorAll(".teaser-title a")].map((a) =>
        normalizeText(a.textContent),
      );
      expect(titles).toContain(`${SCRIPT} ${IMG}`);
    }
  });
});

describe("the security policy", () => {
  it("is the first thing in every page's head, with the referrer policy", () => {
    for (const file of htmlFiles()) {
      const { document } = parseHTML(readFileSync(path.join(site.outDir, file), "utf8"));
      const head = [...document.head.children];
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      // The search page alone runs a script (its own, from the site).
      const expected = file === "recherche/index.html" ? searchContentSecurityPolicy() : CONTENT_SECURITY_POLICY;
      expect(`${file}: ${csp?.getAttribute("content")}`).toBe(`${file}: ${expected}`);
      // A <meta> policy only covers what comes after it: nothing but the charset may precede it.
      expect(`${file}: ${head.indexOf(csp as Element)}`).toBe(`${file}: 1`);
      expect(`${file}: ${document.querySelector('meta[name="referrer"]')?.getAttribute("content")}`).toBe(
        `${file}: ${REFERRER_POLICY}`,
      );
    }
  });

  it("loads nothing from another origin: every resource a page fetches is root-relative", () => {
    for (const file of htmlFiles()) {
      const { document } = parseHTML(readFileSync(path.join(site.outDir, file), "utf8"));
      const fetched = [
        ...[
          ...document.querySelectorAll(
            "img[src], script[src], iframe[src], audio[src], video[src], source[src], embed[src]",
          ),
        ].map((e) => e.getAttribute("src")),
        ...[...document.querySelectorAll("img[srcset], source[srcset]")].map((e) => e.getAttribute("srcset")),
        ...[
          ...document.querySelectorAll(
            'link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"], link[rel~="manifest"]',
          ),
        ].map((e) => e.getAttribute("href")),
        ...[...document.querySelectorAll("object[data]")].map((e) => e.getAttribute("data")),
      ];
      expect(fetched.length).toBeGreaterThan(0);
      for (const url of fetched) expect(`${file}: ${url}`).toMatch(/^[^:]+: \/(?!\/)/);
      expect(document.querySelectorAll("style, [style]")).toHaveLength(0);
    }
  });

  it("writes _headers at the root of dist/ with the same policy, nosniff and long caching only for the hashed stylesheet", () => {
    const text = readFileSync(path.join(site.outDir, "_headers"), "utf8");
    expect(text).toBe(headersFile({ search: { enabled: true } }));
    const rules = parseHeadersFile(text);
    expect(rules.get("/*")?.get("Content-Security-Policy")).toBe(contentSecurityPolicyHeader({ enabled: true }));
    expect(rules.get("/*")?.get("X-Content-Type-Options")).toBe("nosniff");
    // The pattern matches the stylesheet the pages actually link to.
    const stylesheet = readPage(site.outDir, "/").querySelector('link[rel="stylesheet"]')?.getAttribute("href") ?? "";
    const [pattern] = [...rules].find(([, headers]) => headers.has("Cache-Control")) ?? [""];
    expect(new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace("*", "[^/]+")}$`).test(stylesheet)).toBe(true);
    expect(stylesheet).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
  });
});
