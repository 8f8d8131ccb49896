/** Synthetic newsrooms for tests that need many articles (never published: they live in temp dirs). */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build.ts";

const SECTIONS = ["international", "economie", "culture"];
const PARAGRAPH =
  "Un paragraphe d’essai assez long pour ressembler à un article : il parle d’un sommet, d’un marché " +
  "et d’un festival, sans rien affirmer de réel. Les chiffres, 12 % ou 3,5 milliards, sont inventés.";

/** Copies the newsroom's publisher data to `dir`/data and writes `count` articles to `dir`/articles. */
export function writeSyntheticNewsroom(dir: string, count: number): { articlesDir: string; dataDir: string } {
  const articlesDir = path.join(dir, "articles");
  const dataDir = path.join(dir, "data");
  cpSync(path.join(ROOT, "tests/fixtures/newsroom/data"), dataDir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const section = SECTIONS[i % SECTIONS.length] as string;
    // One article a day from 2020-01-01, at noon Paris time (UTC+1 in winter, +2 in summer is fine: the offset is explicit).
    const day = new Date(Date.UTC(2020, 0, 1 + i));
    const date = day.toISOString().slice(0, 10);
    const folder = path.join(articlesDir, section);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, `${date}-article-${i}.md`),
      [
        "---",
        `title: "Article de synthèse numéro ${i}"`,
        `standfirst: Le chapô de l’article ${i}, une phrase.`,
        `date: ${date}T12:00:00Z`,
        `section: ${section}`,
        "author: Rédaction d’essai",
        `tags: [Essai, Tag ${i % 17}]`,
        "---",
        "",
        ...Array.from({ length: 8 }, (_, p) => `${p === 4 ? "## Un intertitre\n\n" : ""}${PARAGRAPH}\n`),
      ].join("\n"),
    );
  }
  return { articlesDir, dataDir };
}
