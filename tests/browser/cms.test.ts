/**
 * The CMS end to end in Chromium, against `npm run cms` (the preview and the local backend on
 * 127.0.0.1) over a copy of the real site: an article written through Decap's own form
 * (headline, standfirst, section, author, tag, body with a subheading, lead photo with alt and
 * credit) is saved as the front matter docs/editing.md describes, `npm run build` accepts it and
 * publishes its page, and the preview shows it; a word corrected in an existing article is the
 * only change to its file. The backend refuses what the build would refuse, and anything but
 * the editors' sources.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { launchChromium } from "../helpers/browser.ts";
import { makeTempDir, ROOT, runBuild } from "../helpers/build.ts";
import { photoBytes } from "../helpers/photo-files.ts";

const SEED = "international/2023-04-18-li-shangfu-moscou-cooperation-militaire.md";
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

let dir: string;
let cms: ChildProcess;
let printed = "";
let origin = "";
let backendUrl = "";
let browser: Awaited<ReturnType<typeof launchChromium>>;
const folder = (name: string) => path.join(dir, name);
/** The copy of the site's sources, as the commands' flags. */
const sourceFlags = () => ["--articles", folder("articles"), "--data", folder("data"), "--pages", folder("pages")];

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline || cms.exitCode !== null) throw new Error(`no ${what}; npm run cms printed:\n${printed}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  dir = makeTempDir("news-cms-");
  cpSync(path.join(ROOT, "src/articles"), folder("articles"), { recursive: true });
  cpSync(path.join(ROOT, "src/pages"), folder("pages"), { recursive: true });
  cpSync(path.join(ROOT, "_data"), folder("data"), { recursive: true });
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
      folder("preview"),
      ...sourceFlags(),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  const collect = (chunk: Buffer) => {
    printed += chunk.toString("utf8");
  };
  cms.stdout?.on("data", collect);
  cms.stderr?.on("data", collect);
  const address = await waitFor(
    "CMS address",
    () => /\[cms\] The CMS: (http:\/\/127\.0\.0\.1:\d+)\/admin\/ \(local backend at (\S+)\)/.exec(printed) ?? undefined,
    120_000,
  );
  origin = address[1] ?? "";
  backendUrl = address[2] ?? "";
  // Editors in Paris: the date picker writes Paris time, as the file name's day expects.
  browser = await launchChromium({ timezoneId: "Europe/Paris", locale: "fr-FR" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (cms && cms.exitCode === null) {
    const exited = new Promise((resolve) => cms.once("exit", resolve));
    cms.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The CMS open and signed in (the local backend needs no account), in Paris. */
async function openCms(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    // CSP violations are reported as console errors.
    if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) {
      errors.push(message.text());
    }
  });
  await page.goto(`${origin}/admin/`);
  // Once signed in, the browser stays so: the collections show at once.
  const signIn = page.getByRole("button", { name: "Se connecter" });
  await signIn
    .or(page.getByRole("link", { name: "International" }))
    .first()
    .waitFor();
  if ((await signIn.count()) > 0) await signIn.click();
  await page.getByRole("link", { name: "International" }).first().waitFor();
  return { page, errors };
}

/** « Publier » then « Publier maintenant »: the local backend writes the file. */
async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByText("Publier maintenant", { exact: true }).click();
}

const articlesIn = (section: string) =>
  readdirSync(folder(`articles/${section}`)).filter((name) => name.endsWith(".md"));

describe("the CMS over the repository", () => {
  it("writes a new article with a lead photo that the build publishes", async () => {
    const { page, errors } = await openCms();
    const before = new Set(articlesIn("international"));
    await page.goto(`${origin}/admin/#/collections/international/new`);
    await page.locator("input[id^='title-field']").first().fill("L’été à Genève : un sommet décisif");
    await page
      .locator("textarea[id^='standfirst-field']")
      .fill("Les dirigeants européens se retrouvent à Genève pour un sommet consacré à la sécurité du continent.");
    await page.getByText("Maintenant", { exact: true }).first().click();
    // Authors: a search in authors.yaml.
    await page.locator("[id^='authors-field']").first().click();
    await page.keyboard.type("La Réd");
    await page.getByText("La Rédaction", { exact: true }).last().click();
    await page.getByRole("button", { name: /Ajouter mots-clés/ }).click();
    await page.locator("input[id^='tags-field']").last().fill("Europe");
    await page.locator("[aria-label='markdown field'] [contenteditable='true']").first().click();
    await page.keyboard.type("Premier paragraphe de l’article.\n\n## Les enjeux\n\nLa suite de l’article.");
    // The lead photo: a JPEG 1600 px wide, uploaded through the media library.
    await page.locator("[id^='image-field'] [data-testid='expand-button']").first().click();
    await page.getByText("Choisir une image").first().click();
    const chooser = page.waitForEvent("filechooser");
    await page
      .getByText(/Téléverser/)
      .first()
      .click();
    // Named as a camera or a desktop would: Decap lowers the case, turns spaces into hyphens and
    // removes accents (the slug settings of cms-config.ts), which gives a name the build accepts.
    await (await chooser).setFiles({
      name: "Genève Sommet.JPG",
      mimeType: "image/jpeg",
      buffer: await photoBytes(1600, 1000, { seed: 7 }),
    });
    await page.getByRole("button", { name: "Choisir les éléments sélectionnés" }).click();
    await page.locator("input[id^='alt-field']").fill("Des drapeaux européens devant le Palais des Nations");
    await page.locator("input[id^='credit-field']").fill("Photographe Essai / Agence Essai");
    await page.screenshot({ path: path.join(SCREENSHOTS, "cms-new-article.png"), fullPage: true });
    await publish(page);

    const written = await waitFor("the new article", () =>
      articlesIn("international").find((name) => !before.has(name)),
    );
    expect(written).toMatch(/^\d{4}-\d{2}-\d{2}-l-ete-a-geneve-un-sommet-decisif\.md$/);
    const text = readFileSync(folder(`articles/international/${written}`), "utf8");
    const [, yaml = "", body = ""] = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(text) ?? [];
    const front = parse(yaml) as Record<string, unknown>;
    expect(front).toMatchObject({
      title: "L’été à Genève : un sommet décisif",
      section: "international",
      authors: ["la-redaction"],
      tags: ["Europe"],
      image: {
        src: "geneve-sommet.jpg",
        alt: "Des drapeaux européens devant le Palais des Nations",
        credit: "Photographe Essai / Agence Essai",
      },
    });
    expect(front.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(written.slice(0, 10)).toBe(String(front.date).slice(0, 10));
    expect(body).toContain("## Les enjeux");
    expect(existsSync(folder("articles/international/geneve-sommet.jpg"))).toBe(true);
    expect(errors).toEqual([]);

    // The preview shows it a moment later.
    const url = `/international/${written.slice(11, -3)}/`;
    await waitFor("the article in the preview", async () => (await fetch(`${origin}${url}`)).ok);
    // And the production build accepts it.
    const out = folder("dist");
    const build = runBuild([...sourceFlags(), "--out", out, "--quiet"]);
    // No problem; the one warning is the seed publisher's legal placeholders.
    const warnings = build.stderr.split("\n").filter((line) => line !== "");
    expect(warnings.filter((line) => !/publisher\.yaml: legal: \d+ fields are placeholders/.test(line))).toEqual([]);
    expect(build.status).toBe(0);
    expect(readFileSync(path.join(out, url, "index.html"), "utf8")).toContain("un sommet décisif");
    await page.close();
  });

  it("saves a corrected word and nothing else of the file", async () => {
    const { page, errors } = await openCms();
    const file = folder(`articles/${SEED}`);
    const original = readFileSync(file, "utf8");
    await page.goto(`${origin}/admin/#/collections/international/entries/${path.basename(SEED, ".md")}`);
    const title = page.locator("input[id^='title-field']").first();
    await title.waitFor();
    const value = await title.inputValue();
    expect(value).toContain("renforcer");
    await title.fill(value.replace("renforcer", "consolider"));
    await publish(page);
    await waitFor("the saved correction", () => readFileSync(file, "utf8") !== original);
    expect(readFileSync(file, "utf8")).toBe(original.replace("promet de renforcer", "promet de consolider"));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("refuses an article the build would refuse, and files that are not editors' sources", async () => {
    const post = (body: unknown) =>
      fetch(backendUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin },
        body: JSON.stringify(body),
      });
    const entry = (filePath: string, raw: string) => ({
      action: "persistEntry",
      params: {
        branch: "main",
        entry: { slug: "x", path: filePath, raw },
        assets: [],
        options: { commitMessage: "x", useWorkflow: false },
      },
    });
    const articles = path.relative(path.dirname(folder("articles")), folder("articles"));
    const refused = await post(
      entry(
        `${articles}/international/2024-03-01-mauvaise-date.md`,
        "---\ntitle: Titre\ndate: 18/04/2023\n---\n\nTexte.\n",
      ),
    );
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toMatch(/date: "18\/04\/2023" is not an ISO 8601/);
    expect(existsSync(folder("articles/international/2024-03-01-mauvaise-date.md"))).toBe(false);

    const outside = await post(entry("package.json", "{}"));
    expect(outside.status).toBe(403);
    const otherOrigin = await fetch(backendUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://127.0.0.1:1" },
      body: JSON.stringify({ action: "info" }),
    });
    expect(otherOrigin.status).toBe(403);
  });

  it("serves /admin/ with its own policy, noindex, and no link to it from the site", async () => {
    const response = await fetch(`${origin}/admin/`);
    const html = await response.text();
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-eval'");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    const home = await (await fetch(`${origin}/`)).text();
    expect(home).not.toContain("/admin/");
  });
});
