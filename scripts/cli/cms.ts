/**
 * `npm run cms`: the editor's preview (as `npm start`) with the CMS at /admin/ and its local
 * backend, both on 127.0.0.1 only. An editor opens http://127.0.0.1:8080/admin/, writes or
 * corrects an article, saves: the file is written in this working copy (never committed) and
 * the preview shows the page, or the problem panel, a moment later.
 *
 *   npm run cms -- [--port 8080] [--backend-port 8081] [--output _preview] [--articles DIR] [--data DIR] [--pages DIR]
 */
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { parseArticle } from "../input/article.ts";
import { findContentValidationError, formatProblem } from "../input/content-error.ts";
import { resolveContentPaths } from "../input/content-paths.ts";
import { readMetadata } from "../input/load-sources.ts";
import { cmsConfigYaml, cmsFolders } from "../output/cms-config.ts";
import { CMS_FOLDER, cmsContentSecurityPolicy, cmsPageHtml } from "../output/cms-page.ts";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { bundleCmsScript, cmsFiles } from "../publish/cms-admin.ts";
import { startCmsBackend } from "../publish/cms-backend.ts";
import { PreviewOutputRefused, startPreview } from "../publish/preview.ts";
import { shownPath } from "../text/shown-path.ts";
import { exitWithUsage, readCommandLine, readEnvironmentOrExit } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run cms -- [--port 8080] [--backend-port 8081] [--output _preview] [--articles DIR] [--data DIR]
                    [--pages DIR]
  The preview with the CMS at /admin/ and its local backend, on 127.0.0.1 only: saving in the
  CMS writes the sources of this working copy (nothing is committed).`;

const { values: args } = readCommandLine(USAGE, {
  options: {
    port: { type: "string", default: "8080" },
    "backend-port": { type: "string", default: "8081" },
    output: { type: "string", default: "_preview" },
    articles: { type: "string" },
    data: { type: "string" },
    pages: { type: "string" },
  },
});

for (const flag of ["port", "backend-port"] as const) {
  if (!/^\d{1,5}$/.test(args[flag]) || Number(args[flag]) > 65535) {
    exitWithUsage(`--${flag} "${args[flag]}": is not a port; expected a number from 0 (any free port) to 65535`, USAGE);
  }
}

const environment = readEnvironmentOrExit();

const paths = resolveContentPaths({ articles: args.articles, data: args.data, pages: args.pages }, directories);
const pagesDir = paths.pagesDir ?? path.resolve(directories.input, "pages");
// The CMS names files relative to one folder: the project's, or one holding every content folder.
const root = [paths.articlesDir, paths.dataDir, pagesDir].every(
  (dir) => !path.relative(process.cwd(), dir).startsWith(".."),
)
  ? process.cwd()
  : commonFolder([paths.articlesDir, paths.dataDir, pagesDir]);
// decap-server reads the repository's folder from its environment (its only way to be told).
process.env.GIT_REPO_DIRECTORY = root;
const folders = cmsFolders(root, { ...paths, pagesDir });

let previewOrigin = `http://127.0.0.1:${args.port}`;
const backend = await startCmsBackend({
  root,
  port: Number(args["backend-port"]),
  get allowedOrigin() {
    return previewOrigin;
  },
  writable: { articles: folders.articles, pages: folders.pages, authorsFile: `${folders.data}/authors.yaml` },
  // The build's own check of one article, against the metadata as it is now.
  articleProblems: (file, raw) => {
    const source = shownPath(path.join(root, file));
    try {
      const checked = parseArticle(source, Buffer.from(raw, "utf8"), readMetadata(paths.dataDir));
      return checked.ok ? [] : checked.problems.map(formatProblem);
    } catch (error) {
      const invalid = findContentValidationError(error);
      if (!invalid) throw error;
      return invalid.problems.map(formatProblem);
    }
  },
});

const contentSecurityPolicy = cmsContentSecurityPolicy([new URL(backend.url).origin]);
let lastConfig = "";
const site = {
  page: cmsPageHtml({ siteName: safeSiteName(), contentSecurityPolicy }),
  contentSecurityPolicy,
  script: await bundleCmsScript(process.cwd()),
  // Read again for each request: a section added to publisher.yaml is a new collection at once.
  config: () => {
    try {
      lastConfig = cmsConfigYaml({
        publisher: readMetadata(paths.dataDir).publisher,
        folders,
        backend: { name: "proxy", proxy_url: backend.url },
        editorialWorkflow: false,
        siteUrl: previewOrigin,
      });
    } catch (error) {
      // The problem panel says what is wrong; the CMS keeps the last good configuration.
      if (!findContentValidationError(error) || lastConfig === "") throw error;
    }
    return lastConfig;
  },
};

function safeSiteName(): string {
  try {
    return readMetadata(paths.dataDir).publisher.name;
  } catch {
    return "aperçu";
  }
}

function commonFolder(dirs: string[]): string {
  const parts = dirs.map((dir) => path.resolve(dir).split(path.sep));
  const first = parts[0] as string[];
  let length = 0;
  while (length < first.length && parts.every((part) => part[length] === first[length])) length += 1;
  return first.slice(0, length).join(path.sep) || path.sep;
}

let preview: Awaited<ReturnType<typeof startPreview>>;
try {
  preview = await startPreview({
    paths,
    environment,
    outDir: path.resolve(args.output),
    port: args.port,
    // The CMS writes the sources: this machine only, whatever the preview allows otherwise.
    host: "127.0.0.1",
    extraFile: cmsFiles(process.cwd(), site),
    listening: (origin) => {
      previewOrigin = origin;
      console.log(`[cms] The CMS: ${origin}${CMS_FOLDER} (local backend at ${backend.url})`);
    },
  });
} catch (error) {
  await backend.close();
  if (!(error instanceof PreviewOutputRefused)) throw error;
  console.error(error.message);
  process.exit(1);
}
const stop = () => void Promise.all([preview.stop(), backend.close()]).then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
