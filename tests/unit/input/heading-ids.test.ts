import { describe, expect, it } from "vitest";
import { renderBody } from "../../../scripts/input/markdown.ts";
import { doublingCost, LINEAR_LIMIT } from "../../helpers/scaling.ts";

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

  it("skips numbers another subheading already took", () => {
    expect(ids("## Bilan\n\n## Bilan 2\n\n## Bilan\n\n## Bilan\n\n## Bilan 5\n\n## Bilan")).toEqual([
      "bilan",
      "bilan-2",
      "bilan-3",
      "bilan-4",
      "bilan-5",
      "bilan-6",
    ]);
  });

  it("numbers thousands of repeated subheadings in linear time", () => {
    expect(
      doublingCost(
        (body: string) => renderBody(body),
        (n) => "## a\n\n".repeat(n / 6),
      ),
    ).toBeLessThan(LINEAR_LIMIT);
  });

  it("never takes an id the page layout uses around the body", () => {
    expect(ids("## À lire aussi\n\nTexte.\n\n## Contenu")).toEqual(["a-lire-aussi-2", "contenu-2"]);
  });

  it("still names a subheading without letters", () => {
    expect(ids("## ?!")).toEqual(["section"]);
  });
});
