/**
 * Runs a TypeScript entry point compiled to JavaScript by esbuild, instead of under tsx.
 *
 * tsx compiles modules in a loader thread that every import goes through, Eleventy's few hundred
 * modules included: 0.7 s of a build of the seed site, 1–2 s at 4000 articles. Compiled here,
 * the build loads as plain JavaScript. The output is kept in .cache/compiled/<hash of the
 * sources>/, so unchanged sources are compiled once and a changed source never runs stale.
 * Modules the entry imports dynamically (Eleventy's glue, the image renderers) become chunks of
 * their own, loaded only when the build reaches them.
 *
 *   node scripts/publish/run-compiled.js scripts/cli/build.ts [arguments for it…]
 *
 * Plain JavaScript because it runs before anything can load TypeScript.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONFIG = ".eleventy.js";
const OUT_ROOT = path.join(ROOT, ".cache", "compiled");
// Another version's folder may still be in use by a build that started before a source changed.
const UNUSED_FOR_MS = 60 * 60 * 1000;

/** Every file that can reach the output: all scripts, the Eleventy configuration, and what compiles them. */
function sourcesHash(entry) {
  const hash = createHash("sha256").update(entry).update("\0");
  const files = readdirSync(path.join(ROOT, "scripts"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") || file.endsWith(".js"))
    .map((file) => path.join("scripts", file))
    .sort();
  for (const file of [...files, CONFIG, "package-lock.json"]) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(ROOT, file)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

async function compile(entry, outDir) {
  const { build } = await import("esbuild");
  const staging = `${outDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: entry },
    outdir: staging,
    bundle: true,
    // Dynamic imports stay lazy: each becomes a chunk, imported when reached.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Dependencies load from node_modules as they are.
    packages: "external",
    // Errors point at the TypeScript sources (process.setSourceMapsEnabled below).
    sourcemap: "linked",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another build compiled the same sources first: theirs is identical.
    if (!existsSync(outDir)) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
}

function pruneOthers(current) {
  for (const name of readdirSync(OUT_ROOT)) {
    const dir = path.join(OUT_ROOT, name);
    if (dir === current) continue;
    try {
      if (Date.now() - statSync(dir).mtimeMs > UNUSED_FOR_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already (another build pruned it).
    }
  }
}

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/publish/run-compiled.js <entry.ts> [arguments…]");
  process.exit(2);
}
/**
 * Why the compiled build cannot be kept in OUT_ROOT, or null. The project's .cache may be a link
 * (followed, as CACHE_DIR is: scripts/publish/cache-folder.ts); compiled/ inside it never is,
 * since old versions are pruned there.
 */
function compiledFolderProblem() {
  for (const dir of [path.dirname(OUT_ROOT), OUT_ROOT]) {
    const stats = lstatSync(dir, { throwIfNoEntry: false });
    if (!stats || stats.isDirectory()) continue;
    const shown = path.relative(process.cwd(), dir) || dir;
    if (!stats.isSymbolicLink()) return `"${shown}": is a file`;
    if (dir === OUT_ROOT)
      return `"${shown}": is a symbolic link to ${readlinkSync(dir)} (nothing inside the cache is followed)`;
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      return `"${shown}": is a symbolic link to ${readlinkSync(dir)}, which leads nowhere or to a file`;
  }
  return null;
}

const refused = compiledFolderProblem();
if (refused) {
  console.error(
    `Build failed: the cache folder ${refused}; expected the build's own folder, or nothing: remove it; nothing was written.`,
  );
  process.exit(1);
}
const outDir = path.join(OUT_ROOT, sourcesHash(entry));
mkdirSync(OUT_ROOT, { recursive: true });
if (!existsSync(outDir)) {
  await compile(entry, outDir);
  pruneOthers(outDir);
} else {
  // Marks it in use, so that pruning leaves it alone.
  const now = new Date();
  utimesSync(outDir, now, now);
}

process.setSourceMapsEnabled(true);
// The entry reads its arguments from process.argv, as when run directly.
process.argv = [process.argv[0], path.resolve(entry), ...args];
await import(pathToFileURL(path.join(outDir, "main.mjs")).href);
