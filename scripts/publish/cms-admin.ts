/**
 * The CMS's files, /admin/: its page, its configuration generated from the schema
 * (scripts/output/cms-config.ts), our script (scripts/authoring/cms-admin.ts, bundled here by
 * esbuild) and Decap CMS's own bundle, as the npm package `decap-cms` ships it (pinned in
 * package.json; no CDN). The preview serves them from memory and node_modules (`npm run cms`);
 * a build writes them into its output only when settings.yaml asks for it (`cms.deploy`).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ExtraFile } from "../eleventy/preview-server.ts";
import { CMS_FOLDER, DECAP_FOLDER } from "../output/cms-page.ts";
import { copyFile } from "./place-file.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The folder of Decap CMS's ready-made bundle (decap-cms/dist). */
export function decapDist(root: string): string {
  return path.join(
    path.dirname(createRequire(path.join(root, "package.json")).resolve("decap-cms/package.json")),
    "dist",
  );
}

/**
 * The files of Decap's bundle that its page loads: decap-cms.js, the chunks it loads on demand
 * and their WebAssembly, without the source maps and the second copy (cms.js) the package has.
 */
export function decapFiles(root: string): string[] {
  const dist = decapDist(root);
  return readdirSync(dist).filter(
    (name) =>
      (name === "decap-cms.js" || /^[\w-]+\.decap-cms\.js$/.test(name) || /^\w+\.wasm$/.test(name)) &&
      statSync(path.join(dist, name)).isFile(),
  );
}

/** Our script for the CMS page, bundled for browsers. */
export async function bundleCmsScript(root: string): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["scripts/authoring/cms-admin.ts"],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
  });
  return (result.outputFiles[0] as { text: string }).text;
}

/** What /admin/ holds, besides Decap's files. */
export interface CmsSite {
  page: string;
  /** Generated again on each request in the preview: the sections or pages may have changed. */
  config: () => string;
  script: string;
  /** The page's own policy, also sent as a header by the preview. */
  contentSecurityPolicy: string;
}

/** The preview's answer for a path under /admin/, or null (scripts/eleventy/preview-server.ts). */
export function cmsFiles(root: string, site: CmsSite): (pathname: string) => ExtraFile | null {
  const dist = decapDist(root);
  const decap = new Set(decapFiles(root));
  const noindex = { "X-Robots-Tag": "noindex, nofollow" };
  return (pathname) => {
    if (!pathname.startsWith(CMS_FOLDER)) return null;
    if (pathname === CMS_FOLDER || pathname === `${CMS_FOLDER}index.html`) {
      return {
        type: TYPES[".html"] as string,
        body: site.page,
        headers: { ...noindex, "Content-Security-Policy": `${site.contentSecurityPolicy}; frame-ancestors 'none'` },
      };
    }
    if (pathname === `${CMS_FOLDER}config.yml`)
      return { type: TYPES[".yml"] as string, body: site.config(), headers: noindex };
    if (pathname === `${CMS_FOLDER}admin.js`)
      return { type: TYPES[".js"] as string, body: site.script, headers: noindex };
    const name = pathname.slice(DECAP_FOLDER.length);
    if (pathname.startsWith(DECAP_FOLDER) && decap.has(name)) {
      return {
        type: TYPES[path.extname(name)] as string,
        body: readFileSync(path.join(dist, name)),
        headers: noindex,
      };
    }
    return null;
  };
}

/**
 * Writes /admin/ into a build's output (settings.yaml `cms.deploy`): the page, the configuration,
 * our script and Decap's files (hard links to node_modules when they share a file system).
 * Returns the files it wrote, relative to the output.
 */
export async function writeCmsFolder(
  outDir: string,
  root: string,
  cms: { page: string; config: string },
): Promise<string[]> {
  const folder = path.join(outDir, CMS_FOLDER);
  mkdirSync(path.join(outDir, DECAP_FOLDER), { recursive: true });
  writeFileSync(path.join(folder, "index.html"), cms.page);
  writeFileSync(path.join(folder, "config.yml"), cms.config);
  writeFileSync(path.join(folder, "admin.js"), await bundleCmsScript(root));
  const dist = decapDist(root);
  const files = decapFiles(root);
  // Copies: a published file never shares its inode with node_modules.
  for (const name of files) copyFile(path.join(dist, name), path.join(outDir, DECAP_FOLDER, name));
  const relative = (file: string) => path.relative(outDir, file).split(path.sep).join("/");
  return [
    ...["index.html", "config.yml", "admin.js"].map((name) => relative(path.join(folder, name))),
    ...files.map((name) => relative(path.join(outDir, DECAP_FOLDER, name))),
  ];
}
