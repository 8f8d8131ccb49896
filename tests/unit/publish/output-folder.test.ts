import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { headersFile } from "../../../scripts/output/security-headers.ts";
import {
  OUTPUT_MARKER,
  outputFolderProblem,
  projectFolders,
  writeOutputMarker,
} from "../../../scripts/publish/output-folder.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("news-output-folder-");

/** A project in the temporary folder, and the question asked about `out` (relative to it). */
function problem(out: string): string | null {
  const cwd = path.join(tempDir(), "project");
  mkdirSync(path.join(cwd, "src", "articles"), { recursive: true });
  const folders = projectFolders({
    cwd,
    input: "src",
    includes: "_includes",
    data: "_data",
    articlesDir: path.join(cwd, "src", "articles"),
    dataDir: path.join(cwd, "_data"),
  });
  return outputFolderProblem(path.resolve(cwd, out), folders);
}

/** A folder with the root files of a built site, its `_headers` as given. */
function siteShape(dir: string, headers: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of ["index.html", "404.html", "sitemap.xml", "robots.txt"]) writeFileSync(path.join(dir, file), "x");
  writeFileSync(path.join(dir, "_headers"), headers);
}

describe("outputFolderProblem", () => {
  it("accepts a new folder, an empty one, and one holding the marker", () => {
    expect(problem("dist")).toBeNull();
    expect(problem("../elsewhere/dist")).toBeNull();
    mkdirSync(path.join(tempDir(), "empty"));
    expect(problem("../empty")).toBeNull();
    const marked = path.join(tempDir(), "marked");
    mkdirSync(marked);
    writeFileSync(path.join(marked, "page.html"), "x");
    writeOutputMarker(marked);
    expect(readFileSync(path.join(marked, OUTPUT_MARKER), "utf8")).toMatch(/^This folder was written by news-build/);
    expect(problem("../marked")).toBeNull();
  });

  it("accepts a site built before the marker existed, by its root files and its _headers comment", () => {
    siteShape(path.join(tempDir(), "old-dist"), headersFile());
    expect(problem("../old-dist")).toBeNull();
    siteShape(path.join(tempDir(), "look-alike"), "/*\n  X-Frame-Options: DENY\n");
    expect(problem("../look-alike")).toMatch(/is a folder no build wrote/);
  });

  it("refuses the project, its parents, its source folders and what lies inside them", () => {
    expect(problem(".")).toMatch(/is the working directory/);
    expect(problem("..")).toMatch(/holds the working directory/);
    expect(problem("src")).toMatch(/is the templates folder/);
    expect(problem("src/articles/x")).toMatch(/is inside the templates folder/);
    expect(problem(".git/objects")).toMatch(/is inside the git repository/);
    expect(problem("node_modules")).toMatch(/is the installed packages/);
  });

  it("sees through symbolic links, to the folder itself and to a parent", () => {
    symlinkSync(path.join(tempDir(), "project", "src"), path.join(tempDir(), "link"));
    expect(problem("../link")).toMatch(/is the templates folder/);
    expect(problem("../link/articles/new")).toMatch(/is inside the templates folder/);
  });

  it("refuses a file, and a marker that is not a file", () => {
    writeFileSync(path.join(tempDir(), "file"), "x");
    expect(problem("../file")).toMatch(/is not a folder/);
    const fake = path.join(tempDir(), "fake");
    mkdirSync(path.join(fake, OUTPUT_MARKER), { recursive: true });
    expect(problem("../fake")).toMatch(/no \.news-build file/);
  });

  it("refuses a link as the output, wherever it leads, and a path that runs through a file", () => {
    const site = path.join(tempDir(), "www");
    mkdirSync(site);
    symlinkSync(site, path.join(tempDir(), "to-www"));
    expect(problem("../to-www")).toMatch(/is a symbolic link to .*www; the build renames its new output into place/);
    symlinkSync(path.join(tempDir(), "absent"), path.join(tempDir(), "dangling"));
    expect(problem("../dangling")).toMatch(/is a symbolic link to .*absent, which leads nowhere/);
    writeFileSync(path.join(tempDir(), "a-file"), "x");
    expect(problem("../a-file/dist")).toMatch(/lies inside .*a-file, which is a file/);
    // A link on the way to the output is followed.
    expect(problem("../to-www/dist")).toBeNull();
  });

  it("says it in one line: the flag, the folder, what it is, what is expected", () => {
    expect(problem("src")).toBe(
      '--out "' +
        path.join(tempDir(), "project", "src") +
        '": is the templates folder (' +
        path.join(tempDir(), "project", "src") +
        "); expected a new or empty folder, or one a previous build wrote (it holds a .news-build file); nothing was written",
    );
  });
});
