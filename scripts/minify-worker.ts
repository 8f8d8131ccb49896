/** A worker thread of minify-files.ts: minifies its share of the files in place. */
import { readFile, writeFile } from "node:fs/promises";
import { workerData } from "node:worker_threads";
import { minifyHtml } from "./minify-html.ts";

for (const file of workerData as string[]) {
  await writeFile(file, await minifyHtml(await readFile(file, "utf8")));
}
