import { describe, expect, it } from "vitest";
import { renderBody } from "../../../scripts/input/markdown.ts";

const ids = (markdown: string) => [...renderBody(markdown).html.matchAll(/<h\d id="([^"]*)"/g)].map((m) => m[1]);

describe("subheading ids", () => {
  it("gives each subheading an ASCII slug of its text", () => {
    expect(ids("## Les élèves à l’école\n\nTexte.\n\n### Œuvres d’art")).toEqual([
      "les-eleves-a-l-ecole",
      "oeuvres-d-art",
    ]);
  });

  it("numbers repeated subheadings so every id on the page stays unique", () => {
    expect(ids("## Bilan\n\nUn.\n\n## Bilan\n\nDeux.\n\n## Bilan")).toEqual(["bilan", "bilan-2", "bilan-3"]);
  });

  it("never takes an id the page layout uses around the body", () => {
    expect(ids("## À lire aussi\n\nTexte.\n\n## Contenu")).toEqual(["a-lire-aussi-2", "contenu-2"]);
  });

  it("still names a subheading without letters", () => {
    expect(ids("## ?!")).toEqual(["section"]);
  });
});
