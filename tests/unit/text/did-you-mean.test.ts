import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../../scripts/text/did-you-mean.ts";

const FIELDS = ["title", "standfirst", "date", "modified", "section", "author", "tags", "draft"];

describe("editDistance", () => {
  it.each([
    ["title", "title", 0],
    ["tittle", "title", 1],
    ["tilte", "title", 1],
    ["titel", "title", 1],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, distance) => expect(editDistance(a, b)).toBe(distance));
});

describe("didYouMean", () => {
  it.each([
    ["tittle", "title"],
    ["Title", "title"],
    ["tilte", "title"],
    ["tag", "tags"],
    ["modifed", "modified"],
    ["standfist", "standfirst"],
    ["auteur", "author"],
    ["sectoin", "section"],
  ])("suggests %s → %s", (typo, expected) => expect(didYouMean(typo, FIELDS)).toBe(expected));

  it("suggests nothing for a name that resembles no field", () => {
    expect(didYouMean("category", FIELDS)).toBeNull();
    expect(didYouMean("x", FIELDS)).toBeNull();
    expect(didYouMean("tittle", [])).toBeNull();
  });
});
