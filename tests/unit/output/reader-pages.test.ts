import { describe, expect, it } from "vitest";
import {
  headersFileProblems,
  isOtherOrigin,
  readerPageProblems,
  startTags,
  stylesheetProblems,
  writtenFileProblems,
} from "../../../scripts/output/reader-pages.ts";

const ORIGIN = "https://www.exemple.fr";

/** A page as the templates write it (minified), with `body` in its <main>. */
const page = (body: string, head = "") =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'"><title>Un titre</title><link rel="canonical" href="https://www.exemple.fr/a/"><link rel="alternate" type="application/atom+xml" href="https://autre.example/atom.xml" title="Flux"><link rel="stylesheet" href="/assets/site.1234.css"><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"><meta property="og:image" content="https://cdn.example/x.png"><script type="application/ld+json">{"@context":"https://schema.org","name":"a \\u003ciframe\\u003e"}</script>${head}</head><body><main>${body}</main></body></html>`;

const problems = (body: string, head = "") => readerPageProblems(page(body, head), ORIGIN);

describe("readerPageProblems", () => {
  it("finds nothing in a page of the site's own kind: JSON-LD, own files, links to other sites", () => {
    expect(
      problems(
        '<a href="https://autre.example/">Un autre site</a><img src="/photos/a-480.avif" srcset="/photos/a-480.avif 480w, https://www.exemple.fr/photos/a-800.avif 800w" alt=""><a href="mailto:a@b.fr">Écrire</a><form action="/recherche/" role="search"><input name="q"></form><p>src="https://evil.example/x.js" onclick=alert(1) &lt;script&gt;</p>',
      ),
    ).toEqual([]);
  });

  it.each([
    ["an inline script", "<script>alert(1)</script>", "<script>: is a script; expected none but JSON-LD data"],
    ["a module", '<script type="module" src="/a.js"></script>', '<script type="module" src="/a.js">: is a script'],
    [
      "JSON-LD loaded from a file",
      '<script type="application/ld+json" src="/a.json"></script>',
      '<script type="application/ld+json" src="/a.json">: is a script',
    ],
    ["a script in capitals", "<SCRIPT>alert(1)</SCRIPT>", "<script>: is a script"],
    ["an event handler", '<img src="/a.png" alt="" onerror="alert(1)">', "onerror is an event handler, a script"],
    ["a javascript: link", '<a href="javascript:alert(1)">x</a>', "href is a javascript: URL, a script"],
    ["an encoded javascript: link", '<a href="java&#115;cript&colon;alert(1)">x</a>', "href is a javascript: URL"],
  ])("refuses %s: reader pages run no JavaScript", (_, body, expected) => {
    expect(problems(body)).toEqual([expect.stringContaining(expected)]);
  });

  it.each([
    ["an iframe", '<iframe src="/video/" title="Vidéo"></iframe>', "<iframe"],
    ["an object", '<object data="/a.pdf" type="application/pdf"></object>', "<object"],
    ["an embed", '<embed src="/a.swf">', "<embed"],
  ])("refuses %s: reader pages embed nothing", (_, body, tag) => {
    expect(problems(body)).toEqual([expect.stringMatching(new RegExp(`^${tag}.*: embeds another document`))]);
  });

  it.each([
    ["an image", '<img src="https://cdn.example/a.png" alt="">', "https://cdn.example/a.png"],
    [
      "a srcset candidate",
      '<img src="/a.png" srcset="/a.png 1x, https://cdn.example/a2.png 2x" alt="">',
      "https://cdn.example/a2.png",
    ],
    ["a protocol-relative URL", '<img src="//cdn.example/a.png" alt="">', "//cdn.example/a.png"],
    ["a URL a browser reads as another host", '<img src="/\\cdn.example/a.png" alt="">', "/\\cdn.example/a.png"],
    ["a stylesheet", "", "https://fonts.example/css", '<link rel="stylesheet" href="https://fonts.example/css">'],
    ["a preconnect", "", "https://tracker.example", '<link rel="preconnect" href="https://tracker.example">'],
    [
      "a form sent elsewhere",
      '<form action="https://collect.example/"><input name="q"></form>',
      "https://collect.example/",
    ],
    ["an SVG image", '<svg><image href="https://cdn.example/a.png"></image></svg>', "https://cdn.example/a.png"],
  ])("refuses %s loaded from another site", (_, body, url, head = "") => {
    expect(problems(body, head)).toEqual([expect.stringContaining(`loads ${url} from another site`)]);
  });

  it("refuses third-party CSS in a style attribute or element, and a link that pings", () => {
    expect(problems('<p style="background: url(https://cdn.example/a.png)">x</p>')).toEqual([
      expect.stringContaining("url(https://cdn.example/a.png: loads from another site"),
    ]);
    expect(problems('<style>@import "https://fonts.example/a.css";</style>')).toEqual([
      expect.stringMatching(/^<style>: @import "https:\/\/fonts.example\/a.css: loads from another site/),
    ]);
    expect(problems('<a href="/a/" ping="/compteur">x</a>')).toEqual([
      expect.stringContaining("ping reports the click to a server"),
    ]);
  });

  it("refuses a cookie set from the page", () => {
    expect(problems("", '<meta http-equiv="Set-Cookie" content="id=1">')).toEqual([
      expect.stringContaining("sets a cookie; expected none"),
    ]);
  });

  it("reads a quoted '>' inside an attribute as part of the tag, not its end", () => {
    expect(problems('<img alt="a > b" src="https://cdn.example/a.png">')).toEqual([
      expect.stringContaining("loads https://cdn.example/a.png"),
    ]);
    // The text of a script is not read for tags: one problem, the script's.
    expect(problems("<script>document.write('<iframe src=x>')</script>")).toHaveLength(1);
  });

  it("names the element in the line, shortened past 100 characters", () => {
    const [line] = problems(`<script src="https://cdn.example/${"a".repeat(200)}.js"></script>`);
    expect(line).toMatch(/^<script src="https:\/\/cdn\.example\/a+…>: is a script/);
    expect(line?.indexOf(">:")).toBeLessThanOrEqual(100);
  });
});

describe("startTags", () => {
  it("reads start tags with their attributes, and the text of script and style", () => {
    expect(
      startTags(
        '<p class="a">x</p><script type="application/ld+json">{"a":"<b>"}</script><IMG SRC=/a.png alt="1 > 0">',
      ),
    ).toEqual([
      { name: "p", attributes: ' class="a"' },
      { name: "script", attributes: ' type="application/ld+json"', text: '{"a":"<b>"}' },
      { name: "img", attributes: ' SRC=/a.png alt="1 > 0"' },
    ]);
  });
});

describe("isOtherOrigin", () => {
  it.each([
    ["/a/", false],
    ["a.png", false],
    ["#x", false],
    ["https://www.exemple.fr/a/", false],
    ["data:image/png;base64,AAAA", false],
    ["mailto:a@b.fr", false],
    ["https://cdn.example/a", true],
    ["http://www.exemple.fr/a/", true],
    ["//cdn.example/a", true],
    ["/\\cdn.example/a", true],
  ])("%s → %s", (url, other) => {
    expect(isOtherOrigin(url, ORIGIN)).toBe(other);
  });
});

describe("the other files a reader's browser reads", () => {
  it("refuses a stylesheet that loads from another site, not one that loads its own files", () => {
    expect(stylesheetProblems("body{background:url(/assets/a.png)}", ORIGIN)).toEqual([]);
    expect(stylesheetProblems("@import url('https://fonts.example/a.css');", ORIGIN)).toEqual([
      expect.stringContaining("loads from another site"),
    ]);
  });

  it("refuses a _headers file that sets a cookie, naming the line", () => {
    const headers = "/*\n  X-Content-Type-Options: nosniff\n  set-cookie: id=1; Path=/\n";
    expect(headersFileProblems(headers)).toEqual([
      'line 3 "set-cookie: id=1; Path=/": sets a cookie; expected none (reader pages set no cookie)',
    ]);
    expect(writtenFileProblems("/out/_headers", headers, ORIGIN)).toHaveLength(1);
  });

  it("reads each written file by what it is; feeds and sitemaps are not pages", () => {
    const script = "<script>alert(1)</script>";
    expect(writtenFileProblems("/out/a/index.html", script, ORIGIN)).toHaveLength(1);
    expect(
      writtenFileProblems("/out/assets/site.1.css", "a{background:url(//cdn.example/a.png)}", ORIGIN),
    ).toHaveLength(1);
    expect(writtenFileProblems("/out/atom.xml", script, ORIGIN)).toEqual([]);
  });
});
