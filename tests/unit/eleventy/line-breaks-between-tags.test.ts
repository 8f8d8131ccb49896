import { describe, expect, it } from "vitest";
import { dropLineBreaksBetweenTags } from "../../../scripts/eleventy/line-breaks-between-tags.ts";

describe("dropLineBreaksBetweenTags", () => {
  it("drops a line break and its indentation between HTML tags", () => {
    expect(dropLineBreaksBetweenTags("<ul>\n  <li>Un</li>\n  <li>Deux</li>\n</ul>\n")).toBe(
      "<ul><li>Un</li><li>Deux</li></ul>",
    );
  });

  it("drops them around Nunjucks tags, comments and outputs next to a tag", () => {
    const template =
      "<ol>\n  {%- for item in items %}\n  <li>{{ item }}</li>\n  {%- endfor %}\n</ol>\n{# note #}\n<div>\n{{ body | safe }}\n</div>";
    expect(dropLineBreaksBetweenTags(template)).toBe(
      "<ol>{%- for item in items %}<li>{{ item }}</li>{%- endfor %}</ol>{# note #}<div>{{ body | safe }}</div>",
    );
  });

  it("keeps whitespace within a line, where inline content needs it", () => {
    expect(dropLineBreaksBetweenTags('<li><a href="/">Accueil</a> <span>(3)</span></li>')).toBe(
      '<li><a href="/">Accueil</a> <span>(3)</span></li>',
    );
  });

  it("never joins two outputs or text across a line break: they may be words", () => {
    expect(dropLineBreaksBetweenTags("{{ first }}\n{{ second }}")).toBe("{{ first }}\n{{ second }}");
    expect(dropLineBreaksBetweenTags("<p>Publié\nle {{ date }}</p>")).toBe("<p>Publié\nle {{ date }}</p>");
    expect(dropLineBreaksBetweenTags("Par\n<a>")).toBe("Par\n<a>");
  });

  it("keeps a text template's last line as it is", () => {
    expect(dropLineBreaksBetweenTags("{{ file.body | safe }}\n")).toBe("{{ file.body | safe }}\n");
  });
});
