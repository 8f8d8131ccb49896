import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { PhotoLookup } from "../../../scripts/input/figures.ts";
import { renderBody } from "../../../scripts/input/markdown.ts";
import { NBSP, NNBSP } from "../../../scripts/text/typography.ts";
import { bodyPhotoOf } from "../../helpers/photo-files.ts";

/** Finds every photo (1600×1067, beside the article), except absente.jpg. */
const lookup: PhotoLookup = (src) =>
  src === "absente.jpg"
    ? { ok: false, message: `"${src}" is not there; expected a photo file at articles/international/${src}` }
    : { ok: true, photo: bodyPhotoOf(src) };

const render = (markdown: string) => renderBody(markdown, 10, lookup);
const parse = (html: string) => parseHTML(`<!doctype html><body>${html}</body>`).document;

const FIGURE = [
  "Avant.",
  "",
  "![Deux hommes se serrent la main](choigou.jpg)",
  "Li Shangfu et *Sergueï Choïgou* à Moscou: le 16 avril.",
  "Photo : Pavel Bednyakov / AP",
  "",
  "Après.",
].join("\n");

describe("photos in the text", () => {
  it("makes a figure of a photo alone on its line, its caption and its credit", () => {
    const body = render(FIGURE);
    const document = parse(body.html);
    const figure = document.querySelector("figure.photo");
    expect(figure?.querySelector("img")?.getAttribute("alt")).toBe("Deux hommes se serrent la main");
    expect(figure?.querySelector("img")?.getAttribute("loading")).toBe("lazy");
    expect(figure?.querySelector("source")?.getAttribute("srcset")).toContain(
      "/photos/international/choigou-1600.avif",
    );
    expect(figure?.querySelector("figcaption em")?.textContent).toBe("Sergueï Choïgou");
    expect(figure?.querySelector("figcaption")?.textContent).toBe(
      `Li Shangfu et Sergueï Choïgou à Moscou${NBSP}: le 16 avril. Photo${NBSP}: Pavel Bednyakov / AP`,
    );
    expect(figure?.querySelector(".credit")?.textContent).toBe(`Photo${NBSP}: Pavel Bednyakov / AP`);
    expect([...document.querySelectorAll("body > *")].map((el) => el.tagName)).toEqual(["P", "FIGURE", "P"]);
    expect(body.photos.map((photo) => photo.file)).toEqual(["/articles/international/choigou.jpg"]);
    expect(body.photoProblems).toEqual([]);
    // The caption is not counted as the article's text.
    expect(body.text).toBe("Avant.\nAprès.");
  });

  it("takes « Crédit : » too, and no caption at all", () => {
    const document = parse(render("![Une salle vide](salle.jpg)\nCrédit: AFP").html);
    expect(document.querySelector("figcaption")?.textContent).toBe(`Photo${NBSP}: AFP`);
  });

  it('writes an empty alt for a photo marked decorative with ![""]', () => {
    const document = parse(render('![""](motif.jpg)\nPhoto : AFP').html);
    expect(document.querySelector("img")?.getAttribute("alt")).toBe("");
  });

  it("reports a photo without alt text or credit, with its line in the file", () => {
    expect(render("Avant.\n\n![](sans-alt.jpg)\nUne légende.").photoProblems).toEqual([
      {
        line: 12,
        message:
          'line 12: the photo "sans-alt.jpg" has no alt text; expected ![a description of the photo](sans-alt.jpg), or ![""](sans-alt.jpg) for a decorative one',
      },
      {
        line: 12,
        message:
          'line 12: the photo "sans-alt.jpg" has no credit; expected a last line « Photo : author / agency » under it',
      },
    ]);
  });

  it("reports a photo the lookup refuses", () => {
    expect(render("![Rien](absente.jpg)\nPhoto : AFP").photoProblems.map((p) => p.message)).toEqual([
      'line 10: "absente.jpg" is not there; expected a photo file at articles/international/absente.jpg',
    ]);
  });

  it("reports a photo inside a paragraph, and a link to a file beside the article", () => {
    const body = render("Du texte ![Une vue](vue.jpg) et [la photo](vue.jpg).\n\n## Titre ![x](y.png)");
    expect(body.photoProblems.map((p) => p.message)).toEqual([
      'line 10: the photo "vue.jpg" shares its line with text; expected it alone on the first line of a paragraph, its caption and credit on the next lines',
      'line 10: "vue.jpg" is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL',
      'line 12: the photo "y.png" shares its line with text; expected it alone on the first line of a paragraph, its caption and credit on the next lines',
    ]);
  });

  it("leaves images from the site itself as they were", () => {
    const body = render("![Logo](/assets/logo.svg)");
    expect(body.html).toBe('<p><img src="/assets/logo.svg" alt="Logo"></p>');
    expect(body.photoProblems).toEqual([]);
  });

  it("typesets the alt text", () => {
    const document = parse(render("![Le « sommet » de Genève](geneve.jpg)\nPhoto : AFP").html);
    expect(document.querySelector("img")?.getAttribute("alt")).toBe(`Le «${NNBSP}sommet${NNBSP}» de Genève`);
  });
});
