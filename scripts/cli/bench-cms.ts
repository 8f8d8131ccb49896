/**
 * How the CMS lists a big section: `--count` synthetic articles in one section, `npm run cms`
 * over them, and Decap CMS in Debian's Chromium opening that section three times (the first
 * with a cold browser cache): time until its first entries show, how many it renders, and the
 * local backend's answer (Decap asks for every file of the folder, contents included, in one
 * request). Then a search across the collections.
 *
 *   tsx scripts/cli/bench-cms.ts [--count 4000]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { generateCorpus, toSiteSource } from "../bench/synthetic-corpus.ts";
import { readCommandLine, wholeNumber } from "./command-line.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const USAGE = `Usage: tsx scripts/cli/bench-cms.ts [--count 4000]
  The CMS listing one section of --count articles, in Chromium.`;
const { values: args } = readCommandLine(USAGE, { options: { count: { type: "string", default: "4000" } } });
const count = wholeNumber(args.count, "--count", USAGE);

const dir = mkdtempSync(path.join(tmpdir(), "bench-cms-"));
let cms: ChildProcess | undefined;
try {
  cpSync(path.join(ROOT, "_data"), path.join(dir, "data"), { recursive: true });
  cpSync(path.join(ROOT, "src/pages"), path.join(dir, "pages"), { recursive: true });
  // Every article in one section: the largest collection an archive of this size can have.
  for (const article of generateCorpus(count)) {
    const source = toSiteSource({ ...article, section: "international" });
    const file = path.join(dir, "articles", source.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source.text);
  }
  const flags = ["--articles", "articles", "--data", "data", "--pages", "pages"].map((flag, index) =>
    index % 2 === 1 ? path.join(dir, flag) : flag,
  );
  cms = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/cli/cms.ts",
      "--port",
      "0",
      "--backend-port",
      "0",
      "--output",
      path.join(dir, "out"),
      ...flags,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let printed = "";
  cms.stdout?.on("data", (chunk: Buffer) => (printed += chunk));
  cms.stderr?.on("data", (chunk: Buffer) => (printed += chunk));
  const started = performance.now();
  let origin: string | undefined;
  while (!origin) {
    if (cms.exitCode !== null) throw new Error(`npm run cms stopped:\n${printed.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    origin = /The CMS: (\S+)\/admin\//.exec(printed)?.[1];
  }
  console.log(
    `${count} articles in one section; the preview built and serves them in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(600_000);
  let answer = { bytes: 0, ms: 0 };
  page.on("requestfinished", async (request) => {
    if (!request.postData()?.includes("entriesByFolder")) return;
    const timing = request.timing();
    answer = { bytes: (await request.sizes()).responseBodySize, ms: timing.responseEnd - timing.requestStart };
  });
  await page.goto(`${origin}/admin/`);
  await page.getByRole("button", { name: "Se connecter" }).click();
  const entries = page.locator("a[href*='/collections/international/entries/']");
  for (let run = 1; run <= 3; run += 1) {
    await page.goto(`${origin}/admin/#/collections/pages`);
    await page.getByText("Pages de l’éditeur").first().waitFor();
    const start = performance.now();
    await page.goto(`${origin}/admin/#/collections/international`);
    await entries.first().waitFor();
    const shown = performance.now() - start;
    console.log(
      `listing ${run}: first entries after ${(shown / 1000).toFixed(1)} s, ${await entries.count()} entries rendered; ` +
        `the backend's answer ${(answer.bytes / 1e6).toFixed(1)} MB in ${(answer.ms / 1000).toFixed(1)} s`,
    );
  }
  const start = performance.now();
  await page.goto(`${origin}/admin/#/search/Chine`);
  await page.locator("a[href*='/entries/']").first().waitFor();
  console.log(`search « Chine »: first results after ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await browser.close();
} finally {
  cms?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
