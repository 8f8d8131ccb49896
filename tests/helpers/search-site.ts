/**
 * The synthetic newsroom with one more article written for search: French plurals, accents,
 * apostrophes, no-break spaces (the build's typography adds them), a non-breaking hyphen. And a
 * way to search a built site's index from Node.js, as the search page does in the browser.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { SearchEngine } from "../../scripts/browser/search-engine.ts";
import { ROOT } from "./build.ts";

export const SEARCH_ARTICLE_URL = "/international/exercice-militaire/";
export const SEARCH_ARTICLE_TITLE = "Les militaires de la Défense nationale à l’exercice";

const SEARCH_ARTICLE = `---
title: "${SEARCH_ARTICLE_TITLE}"
standfirst: "L'armée de l'air et la marine s'entraînent ensemble : une première depuis 2020."
date: 2024-03-04T08:00:00+01:00
section: international
author: La Rédaction
tags: [Défense, Armées]
---

Plus de 3 000 militaires participent à l'exercice, confirme la Défense nationale.

## Une coopération inédite

« C'est l'occasion de tester nos moyens », explique un officier de l'état\u2011major.
`;

/** Copies the newsroom fixture into `dir` with the search article; returns its folders. */
export function writeSearchSite(dir: string): { articlesDir: string; dataDir: string } {
  cpSync(path.join(ROOT, "tests/fixtures/newsroom"), dir, { recursive: true });
  // Built before 6 March too, when « Élections au Brésil » is scheduled: no date of its history
  // may come after the build, so its corrections of 6 March go.
  const elections = path.join(dir, "articles/international/2024-03-05-elections-au-bresil.md");
  writeFileSync(elections, readFileSync(elections, "utf8").replace(/^corrections:\n(?: {2}.*\n)+/m, ""));
  const file = path.join(dir, "articles/international/2024-03-04-exercice-militaire.md");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, SEARCH_ARTICLE);
  return { articlesDir: path.join(dir, "articles"), dataDir: path.join(dir, "data") };
}

/** The search index of a built site, opened as the search page opens it. */
export function openIndex(outDir: string): Promise<SearchEngine> {
  return SearchEngine.open(async (file) => {
    const bytes = readFileSync(path.join(outDir, "recherche-index", file));
    return new Uint8Array(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
  });
}

/** The URLs of the articles a query finds, best first. */
export async function searchUrls(engine: SearchEngine, query: string): Promise<string[]> {
  const hits = await engine.search(query);
  return Promise.all(hits.map(async (hit) => (await engine.document(hit.number)).url));
}
