import { describe, expect, it } from "vitest";
import { pageUrl } from "../../../scripts/input/urls.ts";
import { numberedTitle, paginate } from "../../../scripts/lists/paginate.ts";

describe("paginate", () => {
  it("splits a list into pages with stable URLs, the first at the base URL", () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, "/international/");
    expect(pages.map((p) => [p.number, p.url, p.items])).toEqual([
      [1, "/international/", [1, 2]],
      [2, "/international/page/2/", [3, 4]],
      [3, "/international/page/3/", [5]],
    ]);
    expect(pages.every((p) => p.total === 3)).toBe(true);
  });

  it("links each page to its neighbours, none before the first or after the last", () => {
    const [first, second, third] = paginate(["a", "b", "c"], 1, "/");
    expect(first?.previous).toBeNull();
    expect(first?.next).toEqual({ number: 2, url: "/page/2/" });
    expect(second?.previous).toEqual({ number: 1, url: "/" });
    expect(third?.next).toBeNull();
  });

  it("still makes one (empty) page for an empty list", () => {
    expect(paginate([], 20, "/")).toEqual([{ number: 1, total: 1, url: "/", items: [], previous: null, next: null }]);
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => paginate([1], 0, "/")).toThrow(RangeError);
    expect(() => paginate([1], 1.5, "/")).toThrow(RangeError);
  });

  it("numbers titles after the first page", () => {
    expect(numberedTitle("International", 1)).toBe("International");
    expect(numberedTitle("International", 2)).toBe("International – page 2");
    expect(pageUrl("/sujets/chine/", 4)).toBe("/sujets/chine/page/4/");
  });
});
