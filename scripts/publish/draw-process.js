/**
 * The drawing process: draws images into the image cache with takumi while the build renders
 * pages. scripts/publish/render-images.ts starts it, writes on its standard input, as JSON,
 *
 *   { renderer: "/…/@takumi-rs/core/dist/export.mjs", inFlight: 2,
 *     fonts: [{ name, weight, style, file }], images: [{ file, width, height, tree }] }
 *
 * and waits for it to exit: 0 when every image is in the cache, else 1 with the reason on
 * standard error. Each PNG is written aside and renamed, so no one ever reads half a file.
 *
 * A process of its own rather than a thread of the build: at 4000 articles the build process
 * peaked at 445–458 MB drawing on its own threads against 391–401 MB with this process beside it
 * (which holds about 100 MB), and the build finished sooner (medians of 5 alternating runs on a
 * loaded 2-core machine: 44 s against 55 s): takumi's renders no longer queue in the build's
 * libuv pool ahead of Eleventy's file writes. Plain JavaScript, so that it runs as it is wherever
 * the build runs (compiled by esbuild, under tsx, under vitest).
 */
import { readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { renderer: rendererEntry, inFlight, fonts, images } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const { Renderer } = await import(pathToFileURL(rendererEntry).href);
const renderer = new Renderer();
for (const { file, ...font } of fonts) await renderer.registerFont({ ...font, data: readFileSync(file) });

let next = 0;
async function drawInTurn() {
  while (next < images.length) {
    const { file, width, height, tree } = images[next];
    next += 1;
    const png = await renderer.render(tree, { width, height, format: "png" });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, png);
    await rename(partial, file);
  }
}

try {
  await Promise.all(Array.from({ length: Math.min(inFlight, images.length) }, drawInTurn));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
