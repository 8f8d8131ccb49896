import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_TAG, cacheFolderProblems, tagCacheFolders } from "../../../scripts/publish/cache-folder.ts";
import { manifestFile } from "../../../scripts/publish/manifest.ts";
import { projectFolders } from "../../../scripts/publish/output-folder.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("news-cache-folder-");
const project = () => path.join(tempDir(), "project");
const out = () => path.join(project(), "dist");

/** The problems of CACHE_DIR (and IMAGE_CACHE_DIR) given relative to the project. */
function problems(cache: string, images?: string): string[] {
  const cwd = project();
  mkdirSync(path.join(cwd, "src", "articles"), { recursive: true });
  const cacheDir = path.resolve(cwd, cache);
  const imageCacheDir = images === undefined ? path.join(cacheDir, "images") : path.resolve(cwd, images);
  const folders = projectFolders({
    cwd,
    input: "src",
    includes: "_includes",
    data: "_data",
    articlesDir: path.join(cwd, "src", "articles"),
    dataDir: path.join(cwd, "_data"),
  });
  return cacheFolderProblems({ cacheDir, imageCacheDir }, out(), folders);
}

function folderOf(dir: string, entries: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const entry of entries) writeFileSync(path.join(dir, entry), "x");
  return dir;
}

describe("cacheFolderProblems: CACHE_DIR and IMAGE_CACHE_DIR", () => {
  it("accepts a new folder, an empty one, a tagged one, one of an earlier build's caches, and a link to one", () => {
    expect(problems(".cache")).toEqual([]);
    folderOf(path.join(tempDir(), "empty"), []);
    expect(problems("../empty")).toEqual([]);
    folderOf(path.join(tempDir(), "tagged"), [CACHE_TAG, "whatever"]);
    expect(problems("../tagged")).toEqual([]);
    // Every folder an earlier build kept, before caches were tagged: the pages', the search index's, the uploads'.
    for (const name of ["builds", "compiled", "content", "git-dates", "images", "search", "stylesheets", "uploads"]) {
      mkdirSync(path.join(tempDir(), "earlier", name), { recursive: true });
    }
    expect(problems("../earlier")).toEqual([]);
    symlinkSync(path.join(tempDir(), "tagged"), path.join(tempDir(), "to-tagged"));
    expect(problems("../to-tagged")).toEqual([]);
    folderOf(path.join(tempDir(), "images", "photos"), []);
    folderOf(path.join(tempDir(), "images"), [`${"a".repeat(64)}.png`]);
    expect(problems(".cache", "../images")).toEqual([]);
  });

  it.each([
    ["a link leading nowhere", () => symlinkSync("absent", path.join(tempDir(), "c")), /which leads nowhere/],
    [
      "a link to a file",
      () => symlinkSync(`${folderOf(path.join(tempDir(), "d"), ["f"])}/f`, path.join(tempDir(), "c")),
      /\(a file\)/,
    ],
    ["a file", () => writeFileSync(path.join(tempDir(), "c"), "x"), /: is a file;/],
    [
      "someone's folder",
      () => folderOf(path.join(tempDir(), "c"), ["notes.txt"]),
      /is a folder no build keeps its cache in \(it has 1 entries and no CACHEDIR\.TAG file\)/,
    ],
  ])("refuses %s, in one line", (_what, make, found) => {
    make();
    const [line, ...more] = problems("../c");
    expect(more).toEqual([]);
    expect(line).toMatch(/^CACHE_DIR ".*c": /);
    expect(line).toMatch(found);
    expect(line).toMatch(
      /; expected a new or empty folder, or one a build keeps its cache in .*; nothing was written$/,
    );
  });

  it("refuses the project, a folder holding it, its sources, and the folders the swap uses beside the output", () => {
    expect(problems(".")[0]).toMatch(/is the working directory/);
    expect(problems("..")[0]).toMatch(/holds the working directory/);
    expect(problems("src")[0]).toMatch(/is the templates folder/);
    expect(problems("src/articles/.cache")[0]).toMatch(/is inside the templates folder/);
    expect(problems(".git/cache")[0]).toMatch(/is inside the git repository/);
    expect(problems("dist.previous")[0]).toMatch(/is where the build keeps dist\.previous beside its output/);
    expect(problems("dist.lock")[0]).toMatch(/is where the build keeps dist\.lock/);
    expect(problems("dist-cache")).toEqual([]);
    expect(problems(".cache", "..")[0]).toMatch(/^IMAGE_CACHE_DIR ".*": holds the working directory/);
  });

  it("follows no link inside the cache: a link or file where the build keeps a folder is refused", () => {
    mkdirSync(path.join(project(), ".cache"), { recursive: true });
    symlinkSync(path.join(tempDir(), "elsewhere"), path.join(project(), ".cache", "builds"));
    writeFileSync(path.join(project(), ".cache", "content"), "x");
    expect(problems(".cache")).toEqual([
      expect.stringMatching(
        /^the cache folder ".*\.cache\/builds": is a symbolic link to .*elsewhere, which leads nowhere; expected the build's own folder/,
      ),
      expect.stringMatching(/^the cache folder ".*\.cache\/content": is a file; /),
    ]);
  });

  it("refuses a folder where the manifest goes", () => {
    const manifest = manifestFile(path.join(project(), ".cache"), out());
    mkdirSync(manifest, { recursive: true });
    expect(problems(".cache")).toEqual([
      expect.stringMatching(/^the manifest ".*\.json": is a folder; expected the file the last build of .*dist wrote/),
    ]);
  });
});

describe("tagCacheFolders", () => {
  it("makes the cache folders and tags them as the Cache Directory Tagging Specification says", () => {
    const cacheDir = path.join(tempDir(), "cache");
    const imageCacheDir = path.join(tempDir(), "images");
    tagCacheFolders({ cacheDir, imageCacheDir });
    for (const dir of [cacheDir, imageCacheDir]) {
      expect(readdirSync(dir)).toEqual([CACHE_TAG]);
      expect(readFileSync(path.join(dir, CACHE_TAG), "utf8")).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    }
  });
});
