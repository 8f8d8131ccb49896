/** Runs the real build CLI into temporary folders and parses its HTML. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterEach, beforeEach } from "vitest";
import { buildCommand } from "../../scripts/bench/measure.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The build's arguments to `node`, as `npm run build` runs it: package.json's command. */
export const BUILD_COMMAND = buildCommand(ROOT);

/**
 * What every build of the real site prints, quiet or not: one warning naming the legal notice's
 * placeholders (scripts/input/legal-notice.ts), until the publisher gives its real details.
 */
export const SEED_WARNINGS =
  /^Warning: _data\/publisher\.yaml: legal: \d+ fields are placeholders \([^)\n]*\); [^\n]*\n$/;

/** Runs the build with the given arguments from the project root, as `npm run build` does. */
export function runBuild(args: string[], env: NodeJS.ProcessEnv = {}): BuildRun {
  const result = spawnSync(process.execPath, [...BUILD_COMMAND, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function makeTempDir(prefix = "news-build-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A fresh temporary folder for each test of the calling file, removed after it; call the result for its path. */
export function useTempDir(prefix: string): () => string {
  let dir = "";
  beforeEach(() => {
    dir = makeTempDir(prefix);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

export interface BuiltSite {
  dir: string;
  outDir: string;
  run: BuildRun;
  cleanup(): void;
}

/** Builds into a fresh temporary dist/; throws with the build's output when it fails. */
export function buildSite(
  options: { articles?: string; data?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): BuiltSite {
  const dir = makeTempDir();
  const outDir = path.join(dir, "dist");
  const args = ["--quiet", "--out", outDir, ...(options.args ?? [])];
  if (options.articles) args.push("--articles", options.articles);
  if (options.data) args.push("--data", options.data);
  const run = runBuild(args, options.env);
  if (run.status !== 0) throw new Error(`build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { dir, outDir, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Parses a built page given its URL path ("/international/" → international/index.html). */
export function readPage(outDir: string, urlPath: string): Document {
  const file = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
  const html = readFileSync(path.join(outDir, file), "utf8");
  return parseHTML(html).document as unknown as Document;
}

/** Visible text with whitespace folded (no-break spaces included), for comparing prose. */
export function normalizeText(text: string | null | undefined): string {
  return (text ?? "").replace(/[\s\u00A0\u202F]+/g, " ").trim();
}

/** [visible text, href] of every link the selector finds, in document order. */
export function linksOf(document: Document, selector: string): [string, string | null][] {
  return [...document.querySelectorAll(selector)].map((a) => [normalizeText(a.textContent), a.getAttribute("href")]);
}

/** The JSON-LD documents of a page, parsed, in order. */
// biome-ignore lint/suspicious/noExplicitAny: structured data is whatever JSON the page carries.
export function jsonLdOf(document: Document): any[] {
  return [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) =>
    JSON.parse(script.textContent ?? ""),
  );
}
