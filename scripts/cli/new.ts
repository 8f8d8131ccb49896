/**
 * `npm run new`: starts a new article, a draft with valid metadata, dated now (in the
 * publisher's time zone) unless --date says otherwise.
 *
 *   npm run new -- --section international --title "Le titre" [--date 2024-05-02T09:30] [--authors <slugs>] [--author …]
 *                  [--tags "A, B"] [--slug <ascii-slug>] [--articles src/articles] [--data _data]
 */
import { DateTime } from "luxon";
import { directories } from "../../.eleventy.js";
import {
  ARTICLE_OPTIONS,
  createArticle,
  readArticleRequest,
  reportCreated,
  runCommand,
} from "../authoring/create-article.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { readCommandLine } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run new -- --section <slug> --title "<headline>" [--date <when>] [--authors "claire-martin, …"] [--author <byline>] [--tags "A, B"]
                       [--slug <ascii-slug>]
  Writes src/articles/<section>/<yyyy-mm-dd>-<slug>.md as a draft (draft: true): npm start shows it,
  npm run build leaves it out until you remove that line.`;

runCommand(USAGE, () => {
  const { values } = readCommandLine(USAGE, { options: ARTICLE_OPTIONS });
  const request = readArticleRequest(values, directories, DateTime.now());
  const created = createArticle(
    request.paths.articlesDir,
    request.metadata,
    {
      title: request.title,
      standfirst: "Chapô à écrire : une ou deux phrases qui résument l’article.",
      date: request.date,
      section: request.section,
      authors: request.authors,
      author: request.author,
      tags: request.tags,
      draft: true,
    },
    "Premier paragraphe à écrire.\n\n## Un intertitre\n\nLa suite de l’article.\n",
    request.slug,
  );
  reportCreated(created, request.siteUrl, "It is a draft: npm start shows it; remove the draft line to publish it.");
});
