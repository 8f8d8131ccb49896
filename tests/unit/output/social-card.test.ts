import { describe, expect, it } from "vitest";
import { articleCard, CARD_SIZE, LOGO_PNG, LOGO_SQUARE_PNG, SITE_CARD } from "../../../scripts/output/image-paths.ts";
import { type CardNode, imageJobs } from "../../../scripts/output/social-card.ts";
import { makeArticle, publisher } from "../../helpers/articles.ts";

function texts(node: CardNode): string[] {
  return node.type === "text" ? [node.text] : node.children.flatMap(texts);
}

describe("imageJobs", () => {
  const article = makeArticle({ title: "Un titre" });
  const jobs = imageJobs([article], publisher);

  it("draws the logos, the site card and one card per article, each at its own path", () => {
    expect(jobs.map((job) => job.image)).toEqual([LOGO_PNG, LOGO_SQUARE_PNG, SITE_CARD, articleCard(article)]);
    expect(Math.min(LOGO_SQUARE_PNG.width, LOGO_SQUARE_PNG.height)).toBeGreaterThanOrEqual(112);
    expect(articleCard(article)).toEqual({ path: "/international/un-titre/social.png", ...CARD_SIZE });
    expect(CARD_SIZE.width).toBeGreaterThanOrEqual(1200);
    expect(CARD_SIZE.height).toBeGreaterThanOrEqual(630);
  });

  it("shows the section and the headline on an article's card, and the site's name", () => {
    expect(texts(jobs[3]!.tree)).toEqual(["Le Quotidien", "International", "Un titre"]);
    expect(texts(jobs[0]!.tree)).toEqual(["Le Quotidien"]);
    expect(texts(jobs[1]!.tree)).toEqual(["Le Quotidien"]);
  });
});
