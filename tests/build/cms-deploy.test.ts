/**
 * Whether /admin/ is deployed is a setting, off by default (settings.yaml `cms.deploy`). On, the
 * build writes the CMS's page, its configuration for the git host and Decap's files, gives
 * /admin/ its own policy in _headers, and lists it nowhere: no sitemap, feed or page links it.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type BuiltSite, buildSite, makeTempDir, ROOT, runBuild } from "../helpers/build.ts";

let plain: BuiltSite;
let deployed: BuiltSite;
let data: string;

beforeAll(() => {
  plain = buildSite();
  data = path.join(makeTempDir("news-cms-data-"), "data");
  cpSync(path.join(ROOT, "_data"), data, { recursive: true });
  writeFileSync(
    path.join(data, "settings.yaml"),
    `${readFileSync(path.join(data, "settings.yaml"), "utf8")}cms:\n  deploy: true\n  repo: journal/site\n  authUrl: https://auth.example.fr\n`,
  );
  deployed = buildSite({ data });
}, 240_000);
afterAll(() => {
  plain?.cleanup();
  deployed?.cleanup();
});

/** Every file below a folder, relative to it. */
const filesBelow = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" });

describe("the CMS on the deployed site", () => {
  it("is not deployed by default", () => {
    expect(existsSync(path.join(plain.outDir, "admin"))).toBe(false);
    expect(readFileSync(path.join(plain.outDir, "_headers"), "utf8")).not.toContain("/admin/");
  });

  it("is deployed when settings.yaml says so, for the git host and its OAuth, with the editorial workflow", () => {
    const admin = path.join(deployed.outDir, "admin");
    expect(readdirSync(admin).sort()).toEqual(["admin.js", "config.yml", "decap", "index.html"]);
    expect(readdirSync(path.join(admin, "decap"))).toContain("decap-cms.js");
    const config = parse(readFileSync(path.join(admin, "config.yml"), "utf8"));
    expect(config).toMatchObject({
      backend: { name: "github", repo: "journal/site", branch: "main", base_url: "https://auth.example.fr" },
      publish_mode: "editorial_workflow",
      site_url: "https://www.epochtimes.fr/",
    });
    expect(config.collections[0]).toMatchObject({ name: "international", folder: "src/articles/international" });
  });

  it("gives /admin/ its own policy, never indexed, and valid HTML", async () => {
    const headers = readFileSync(path.join(deployed.outDir, "_headers"), "utf8");
    const [site = "", admin = ""] = headers.split("\n\n").filter((rule) => /^\/(\*|admin\/\*)$/m.test(rule));
    expect(site).not.toContain("Content-Security-Policy");
    expect(admin).toContain("Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-eval'");
    expect(admin).toContain("connect-src 'self' blob: data: https://api.github.com");
    expect(admin).toContain("X-Robots-Tag: noindex, nofollow");
    const page = readFileSync(path.join(deployed.outDir, "admin/index.html"), "utf8");
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: [path.join(ROOT, ".htmlvalidate.mjs")] }));
    const report = await validator.validateString(page);
    expect(report.results.flatMap((result) => result.messages.map((message) => message.message))).toEqual([]);
  });

  it("is listed nowhere, and reader pages are unchanged", () => {
    for (const file of filesBelow(deployed.outDir).filter(
      (name) => !name.startsWith("admin") && /\.(html|xml|json|txt)$/.test(name),
    )) {
      expect([file, readFileSync(path.join(deployed.outDir, file), "utf8").includes("/admin/")]).toEqual([file, false]);
    }
    for (const file of filesBelow(plain.outDir).filter((name) => name.endsWith(".html"))) {
      expect(readFileSync(path.join(deployed.outDir, file), "utf8")).toBe(
        readFileSync(path.join(plain.outDir, file), "utf8"),
      );
    }
  });

  it("refuses deploy without the repository, in one line", () => {
    const broken = path.join(makeTempDir("news-cms-broken-"), "data");
    cpSync(data, broken, { recursive: true });
    writeFileSync(path.join(broken, "settings.yaml"), "cms:\n  deploy: true\n");
    const run = runBuild(["--quiet", "--data", broken, "--out", path.join(path.dirname(broken), "dist")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/settings\.yaml: cms\.repo: is missing; expected the repository the CMS edits/);
  });
});
