/**
 * Turns a plain-text wire article into an article source (see scripts/authoring/wire-import.ts).
 *
 *   npm run import -- wire.txt --title "Le titre" --date 2023-04-18T14:05 --section international
 *                     [--standfirst "…"] [--authors <slugs>] [--author …] [--tags "A, B"] [--slug <ascii-slug>] [--draft] [--articles DIR] [--data DIR]
 */
import { directories } from "../../.eleventy.js";
import {
  ARTICLE_OPTIONS,
  createArticle,
  readArticleRequest,
  reportCreated,
  runCommand,
  UsageError,
} from "../authoring/create-article.ts";
import { firstSentence, wireToMarkdown } from "../authoring/wire-import.ts";
import { ContentValidationError } from "../input/content-error.ts";
import { readSource } from "../input/read-source.ts";
import { sourceText } from "../input/source-file.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { readCommandLine } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run import -- <wire.txt> --title "<headline>" --date <when> --section <slug>
                          [--standfirst "<chapô>"] [--authors "claire-martin, …"] [--author <byline>] [--tags "A, B"] [--slug <ascii-slug>] [--draft]
  <when>: 2023-04-18T14:05 (publisher's time zone) or 2023-04-18T14:05:00+02:00.
  Without --standfirst, the first sentence of the first paragraph is used.`;

runCommand(USAGE, () => {
  const { values, positionals } = readCommandLine(USAGE, {
    allowPositionals: true,
    options: {
      ...ARTICLE_OPTIONS,
      standfirst: { type: "string" },
      draft: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? "missing the wire file: expected e.g. wire.txt"
        : `expected one wire file, got ${positionals.length}`,
    );
  const wireFile = positionals[0] as string;
  const request = readArticleRequest(values, directories);

  // Checked before it is opened, as the build reads its sources: /dev/zero or a FIFO is refused
  // in one line, never read (the first read ran until the machine ran out of memory).
  const source = readSource(wireFile);
  if (!source.ok && source.missing)
    throw new UsageError(`${wireFile}: cannot be read (no such file); expected a plain-text wire file`);
  if (!source.ok) throw new ContentValidationError([{ file: wireFile, field: "(file)", message: source.message }]);
  const { text, problems } = sourceText(source.bytes);
  if (problems.length > 0)
    throw new ContentValidationError(problems.map((problem) => ({ file: wireFile, ...problem })));
  const wire = wireToMarkdown(text, request.metadata.publisher.appeal);
  const lead = wire.paragraphs[0];
  if (lead === undefined) throw new UsageError(`${wireFile}: has no paragraphs; expected one paragraph per line`);

  const created = createArticle(
    request.paths.articlesDir,
    request.metadata,
    {
      title: request.title,
      standfirst: values.standfirst?.trim() || firstSentence(lead),
      date: request.date,
      section: request.section,
      authors: request.authors,
      author: request.author,
      tags: request.tags,
      draft: values.draft,
    },
    wire.body,
    request.slug,
  );
  const notes = [
    `${wire.paragraphs.length} paragraph(s), ${wire.subheadings.length} subheading(s)`,
    wire.appealRemoved ? "the publisher's appeal at the end was removed (the site shows it after every article)" : "",
  ].filter(Boolean);
  reportCreated(created, request.siteUrl, `Imported: ${notes.join("; ")}.`);
});
