/**
 * Starts a new article: a draft with valid metadata, dated now (in the publisher’s time zone) unless --date says otherwise.
 *
 *   npm run new -- --section international --title "Le titre" [--date 2024-05-02T09:30] [--author …] [--tags "A, B"] [--slug <ascii-slug>]
 *                  [--articles src/articles] [--data _data]
 */
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { directories } from "../../.eleventy.js";
import { parseEditorDate } from "../authoring/article-source.ts";
import {
  ARTICLE_OPTIONS,
  checkSection,
  chosenSlug,
  createArticle,
  reportCreated,
  required,
  runCommand,
  tagList,
  UsageError,
} from "../authoring/create-article.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { readEnvironment } from "../input/environment.ts";
import { readMetadata } from "../input/load-sources.ts";
import { resolveSiteUrl } from "../input/site-url.ts";
import { toIsoInZone } from "../text/dates.ts";

const USAGE = `Usage: npm run new -- --section <slug> --title "<headline>" [--date <when>] [--author <byline>] [--tags "A, B"]
                       [--slug <ascii-slug>]
  Writes src/articles/<section>/<yyyy-mm-dd>-<slug>.md as a draft (draft: true): npm start shows it,
  npm run build leaves it out until you remove that line.`;

runCommand(USAGE, () => {
  const { values } = parseArgs({
    options: ARTICLE_OPTIONS,
  });
  const paths = resolveContentPaths({ articles: values.articles, data: values.data }, directories);
  const title = required(values.title, "--title", '"Le titre de l’article"');
  const sectionFlag = required(values.section, "--section", "international");
  const metadata = readMetadata(paths.dataDir);
  const siteUrl = resolveSiteUrl(metadata.publisher.url, readEnvironment());
  const zone = metadata.publisher.timeZone;
  const section = checkSection(sectionFlag, metadata.publisher);
  const slug = chosenSlug(values.slug);
  const date =
    values.date === undefined
      ? toIsoInZone(DateTime.now().startOf("second"), zone)
      : parseEditorDate(values.date, zone);
  if (!date)
    throw new UsageError(
      `--date "${values.date}" is not a date-time; expected e.g. 2024-05-02T09:30 (${zone}) or 2024-05-02T09:30:00+02:00`,
    );

  const created = createArticle(
    paths.articlesDir,
    metadata,
    {
      title,
      standfirst: "Chapô à écrire : une ou deux phrases qui résument l’article.",
      date,
      section,
      author: values.author,
      tags: tagList(values.tags),
      draft: true,
    },
    "Premier paragraphe à écrire.\n\n## Un intertitre\n\nLa suite de l’article.\n",
    slug,
  );
  reportCreated(created, siteUrl, "It is a draft: npm start shows it; remove the draft line to publish it.");
});
