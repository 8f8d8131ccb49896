import { describe, expect, it } from "vitest";
import {
  ARCHIVE_URL,
  AUTHORS_URL,
  archiveMonthUrl,
  articleUrl,
  authorUrl,
  HOME_URL,
  pageUrl,
  sectionUrl,
  TOPICS_URL,
  topicUrl,
  trustPageUrl,
} from "../../../scripts/input/urls.ts";

describe("urls", () => {
  it("gives every kind of page its root-relative URL", () => {
    expect(HOME_URL).toBe("/");
    expect(sectionUrl("culture")).toBe("/culture/");
    expect(articleUrl("culture", "un-roman")).toBe("/culture/un-roman/");
    expect(topicUrl("chine")).toBe(`${TOPICS_URL}chine/`);
    expect(archiveMonthUrl("2023-04")).toBe(`${ARCHIVE_URL}2023/04/`);
    expect(AUTHORS_URL).toBe("/auteurs/");
    expect(authorUrl("claire-martin")).toBe("/auteurs/claire-martin/");
    expect(trustPageUrl("a-propos")).toBe("/a-propos/");
  });

  it("gives a list's first page the list's own URL, and numbers the others", () => {
    expect(pageUrl("/culture/", 1)).toBe("/culture/");
    expect(pageUrl("/culture/", 2)).toBe("/culture/page/2/");
  });
});
