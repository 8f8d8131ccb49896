import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderBody } from "../../../scripts/input/markdown.ts";
import { NBSP, NNBSP } from "../../../scripts/text/typography.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

/** Markdown made of the constructs a careless or hostile editor might pile up. */
const hostileMarkdown = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "*",
        "**",
        "_",
        "`",
        "```",
        "[",
        "]",
        "](",
        ")",
        "![",
        "<",
        ">",
        "#",
        "## ",
        "\n",
        "\n\n",
        "    ",
        "- ",
        "1. ",
        "&",
        "&#",
        ";",
        ":",
        "javascript:alert(1)",
        "JaVaScRiPt:",
        "data:text/html,x",
        "//evil.example/",
        "https://a.fr/?q=1;b",
        "mailto:a@b.fr",
        "/culture/",
        "<script>",
        "</p>",
        '"',
        "'",
        "«",
        "»",
        "\\",
        "~~",
        "[r]: ",
        "\u2028",
        "\u202E",
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(""));

const ALLOWED_TAGS = new Set("P EM STRONG A CODE PRE H1 H2 H3 H4 H5 H6 UL OL LI BLOCKQUOTE HR BR IMG S".split(" "));

describe("renderBody", () => {
  it("typesets text but not code or link targets", () => {
    const { html } = renderBody("Il a dit: « oui » [lien](https://exemple.fr/?a=1) et `a: b` !");
    expect(html).toContain(`Il a dit${NBSP}: «${NNBSP}oui${NNBSP}»`);
    expect(html).toContain('href="https://exemple.fr/?a=1"');
    expect(html).toContain("<code>a: b</code>");
    expect(html).toContain(`</code>${NNBSP}!`);
  });

  it("spaces punctuation that follows emphasis", () => {
    expect(renderBody("Il a dit *oui*!").html).toContain(`<em>oui</em>${NNBSP}!`);
  });

  it("renders ## as h2 subheadings and reports heading lines", () => {
    const body = renderBody("Texte.\n\n## « Nous avons des liens très forts »\n\nSuite.", 10);
    expect(body.html).toContain(
      `<h2 id="nous-avons-des-liens-tres-forts">«${NNBSP}Nous avons des liens très forts${NNBSP}»</h2>`,
    );
    expect(body.headings).toEqual([{ level: 2, line: 12 }]);
  });

  it("renders raw HTML as text", () => {
    const { html } = renderBody('<script>alert(1)</script> <img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:x",
    "//evil.example/x",
  ])("drops the %s link target", (url) => {
    const { html } = renderBody(`[clic](${url})`);
    expect(html).not.toContain("href");
  });

  it("reports each refused link target once, reference definitions and autolinks included", () => {
    const { html, rejectedUrls } = renderBody(
      "[a](javascript:alert(1)) [b](javascript:alert(1)) <javascript:alert(2)> [c](&#106;avascript:x) [d][r]\n\n[r]: data:text/html,x\n",
    );
    expect(rejectedUrls).toEqual([
      { kind: "link", url: "data:text/html,x" },
      { kind: "link", url: "javascript:alert(1)" },
      { kind: "link", url: "javascript:alert(2)" },
      { kind: "link", url: "javascript:x" },
    ]);
    expect(html).not.toMatch(/href/);
  });

  it("keeps images from this site and turns others into their alt text", () => {
    const { html, rejectedUrls } = renderBody(
      "![Logo](/assets/logo.svg) ![Pisteur](https://tracker.example/p.gif) ![x](//cdn.example/x.png)",
    );
    expect(html).toMatch(/^<p><img src="\/assets\/logo.svg" alt="Logo"> Pisteur\s[^<]*<\/p>$/);
    // A protocol-relative target is refused as a link before it can become an image.
    expect(rejectedUrls).toEqual([
      { kind: "link", url: "//cdn.example/x.png" },
      { kind: "image", url: "https://tracker.example/p.gif" },
    ]);
  });

  it("refuses an empty link target, which would link the page to itself", () => {
    const { html, rejectedUrls } = renderBody("[clic]() puis [ici](/x) et []()");
    expect(html).toBe('<p>clic puis <a href="/x">ici</a> et </p>');
    expect(rejectedUrls).toEqual([{ kind: "link", url: "" }]);
  });

  it("refuses nothing in an ordinary body", () => {
    expect(renderBody("[a](https://a.fr) [b](mailto:x@y.fr) [c](/culture/) [d](#suite)").rejectedUrls).toEqual([]);
  });

  it("writes the body minified: nothing between blocks, one space for a line break or a run of spaces", () => {
    const { html } = renderBody("Un  deux\ntrois.\n\n> Cité\n\n- a\n- b\n\n---\n\n```\nx  =  1\ny\n```\n");
    expect(html).toBe(
      "<p>Un deux trois.</p><blockquote><p>Cité</p></blockquote><ul><li>a</li><li>b</li></ul><hr><pre><code>x  =  1\ny\n</code></pre>",
    );
  });

  it("collects the visible text for word counts", () => {
    expect(renderBody("Un *deux*\ntrois.\n\n## Quatre").text).toBe("Un deux trois.\nQuatre");
  });
});

describe("renderBody on generated Markdown", () => {
  it("writes only the body's own elements, with safe link and image targets", () => {
    fc.assert(
      fc.property(hostileMarkdown, (markdown) => {
        const { html } = renderBody(markdown);
        const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
        for (const element of document.body.querySelectorAll("*")) {
          expect(ALLOWED_TAGS).toContain(element.tagName);
          for (const name of element.getAttributeNames()) {
            expect(["href", "src", "alt", "id", "title", "start", "class"]).toContain(name);
          }
        }
        for (const link of document.body.querySelectorAll("a[href]")) {
          expect(link.getAttribute("href")).toMatch(/^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i);
        }
        for (const image of document.body.querySelectorAll("img"))
          expect(image.getAttribute("src")).toMatch(/^\/(?!\/)/);
      }),
      { numRuns: 1500 },
    );
  });

  it("gives a fenced block's language as a class, escaped", () => {
    expect(renderBody('```" onclick="x\ncode\n```').html).toBe(
      '<pre><code class="language-&quot;">code\n</code></pre>',
    );
  });

  it.each([
    ["one long word", (n: number) => "a".repeat(n)],
    ["one long word with a colon", (n: number) => `${"a".repeat(n)}:`],
    ["a long e-mail-like word", (n: number) => `${"a".repeat(n)}@`],
    ["repeated subheadings", (n: number) => "## a\n\n".repeat(n / 6)],
    ["emphasis markers", (n: number) => "*a".repeat(n / 2)],
    ["nested strong emphasis", (n: number) => "**a".repeat(n / 3)],
    ["opening brackets", (n: number) => "[".repeat(n)],
    ["image openers", (n: number) => "![".repeat(n / 2)],
    ["unclosed links", (n: number) => "[a](".repeat(n / 4)],
    ["links closed at the end", (n: number) => `${"[a".repeat(n / 2)}](b)`],
    ["backticks", (n: number) => "`a".repeat(n / 2)],
    ["angle brackets", (n: number) => "<a".repeat(n / 2)],
    ["block quotes", (n: number) => ">".repeat(n)],
    ["nested lists", (n: number) => `${"- ".repeat(n / 2)}a`],
    ["entities", (n: number) => "&#".repeat(n / 2)],
    ["spaces before a guillemet", (n: number) => `«${" ".repeat(n)}x»`],
  ])("takes time linear in the body: %s", (_, bodyOfSize) => {
    expect(doublingCost((body: string) => renderBody(body), bodyOfSize, { size: 5_000 })).toBeLessThan(LINEAR_LIMIT);
  });
});

describe("renderBody: links to the site's pages", () => {
  it("lists them root-relative, without fragment or query, each once", () => {
    const body = renderBody(
      "[a](/culture/x/#suite) et [b](/culture/x/?page=2), [c](https://ailleurs.example/) [d](#ici) [e](/economie/y) [f](//autre.example/)\n",
    );
    expect(body.siteLinks).toEqual(["/culture/x/", "/economie/y"]);
  });
});
