/**
 * What is wrong in a rendered Markdown body, article or page alike: no text, a level-1 heading
 * (the title is the page's one h1), links and images the renderer refused.
 */
import { hasVisibleCharacter, invisibleTextProblem } from "../text/visible-text.ts";
import type { ContentProblem } from "./content-error.ts";
import type { RenderedBody } from "./markdown.ts";

/** `of`: what the body belongs to, as messages name it. */
export function bodyProblems(body: RenderedBody, file: string, of: "article" | "page"): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const problem = (message: string) => problems.push({ file, field: "body", message });
  if (body.text === "") problem(`is empty; expected the ${of}'s text after the front matter`);
  else if (!hasVisibleCharacter(body.text)) {
    problem(
      `${invisibleTextProblem(body.text)?.replace(/; expected .*$/, "")}; expected the ${of}'s text after the front matter`,
    );
  }
  for (const heading of body.headings) {
    if (heading.level === 1) {
      problem(
        `line ${heading.line}: a level-1 heading (#); expected ## for subheadings, the ${of === "article" ? "headline" : "page's title"} comes from title`,
      );
    }
  }
  for (const { kind, url } of body.rejectedUrls) {
    problem(
      kind === "link"
        ? `${JSON.stringify(url)} is not an allowed link; expected an http(s)://, mailto:, root-relative (/…) or #fragment URL`
        : `${JSON.stringify(url)} is not an allowed image; expected a photo file beside the article, or a root-relative path (/…): pages load nothing from another origin`,
    );
  }
  return problems;
}
