/**
 * The build replaces its output folder whole, so `--out` may only name a folder a previous build
 * wrote, an empty one or a new one: never the project, its sources, `.git`, `node_modules`, a
 * folder holding them or one inside them, nor a folder of someone's files. A refusal is one line,
 * and nothing is written. Run in a copy of the project, so a failure costs only the copy.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_MARKER } from "../../scripts/publish/output-folder.ts";
import { BUILD_COMMAND, type BuildRun, makeTempDir, ROOT } from "../helpers/build.ts";
import { hashTree, statTree } from "../helpers/tree.ts";

let parent: string;
let project: string;

/** The build as `npm run build` runs it, from the copy of the project. */
function buildIn(cwd: string, out: string): BuildRun {
  const [script, ...rest] = BUILD_COMMAND;
  const result = spawnSync(process.execPath, [path.join(ROOT, script as string), ...rest, "--quiet", "--out", out], {
    cwd,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file and folder of the temporary parent, with bytes and times. */
const snapshot = () => [hashTree(parent), statTree(parent)];

beforeAll(() => {
  parent = makeTempDir("news-out-");
  project = path.join(parent, "project");
  mkdirSync(project);
  for (const folder of ["src", "_includes", "_data"])
    cpSync(path.join(ROOT, folder), path.join(project, folder), { recursive: true });
  cpSync(path.join(ROOT, "package.json"), path.join(project, "package.json"));
  mkdirSync(path.join(project, ".git"));
  writeFileSync(path.join(project, ".git", "HEAD"), "ref: refs/heads/main\n");
  mkdirSync(path.join(project, "node_modules", "a-package"), { recursive: true });
  writeFileSync(path.join(project, "node_modules", "a-package", "index.js"), "export {};\n");
  mkdirSync(path.join(parent, "notes"));
  writeFileSync(path.join(parent, "notes", "todo.txt"), "mine\n");
  writeFileSync(path.join(parent, "a-file"), "mine\n");
  symlinkSync(path.join(project, "src"), path.join(parent, "link-to-src"));
});
afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

describe("--out naming a folder the build must not replace", () => {
  const refused: [string, string, RegExp][] = [
    ["the project", ".", /is the working directory/],
    ["the project, spelt absolutely with a trailing slash", "<project>/src/../", /is the working directory/],
    ["a parent of the project", "..", /holds the working directory/],
    ["the templates", "src", /is the templates folder \(src\)/],
    ["a folder inside the templates", "src/articles/new", /is inside the templates folder \(src\)/],
    ["the layouts", "_includes", /is the layouts folder/],
    ["the publisher data", "_data", /is the publisher data folder/],
    ["the git repository", ".git", /is the git repository/],
    ["a folder inside .git", ".git/site", /is inside the git repository/],
    ["the installed packages", "node_modules", /is the installed packages/],
    ["a link to the templates", "../link-to-src", /is the templates folder/],
    [
      "a folder of someone's files",
      "../notes",
      /is a folder no build wrote \(it has 1 entries and no \.news-build file\)/,
    ],
    ["a file", "../a-file", /is not a folder/],
  ];

  it.each(refused)("refuses %s in one line, and writes nothing anywhere", (_what, out, reason) => {
    const before = snapshot();
    const run = buildIn(project, out.replace("<project>", project));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Build failed: --out ".+": .+; expected a new or empty folder, or one a previous build wrote/,
    );
    expect(lines[0]).toMatch(reason);
    expect(snapshot()).toEqual(before);
  });
});

describe("--out naming a folder the build may write", () => {
  it("builds a new folder, leaves its marker, and replaces that folder on the next build", () => {
    const out = path.join(parent, "site");
    const first = buildIn(project, out);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([OUTPUT_MARKER, "index.html", "404.html"]));
    writeFileSync(path.join(out, "stale.html"), "from an older build");
    const second = buildIn(project, out);
    expect(second.status).toBe(0);
    expect(existsSync(path.join(out, "stale.html"))).toBe(false);
    rmSync(out, { recursive: true });
  });

  it("accepts an empty folder, and a site an earlier version built before the marker existed", () => {
    const out = path.join(parent, "empty");
    mkdirSync(out);
    expect(buildIn(project, out).status).toBe(0);
    const page = readFileSync(path.join(out, "index.html"), "utf8");
    rmSync(path.join(out, OUTPUT_MARKER));
    const again = buildIn(project, out);
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe(page);
    expect(existsSync(path.join(out, OUTPUT_MARKER))).toBe(true);
    rmSync(out, { recursive: true });
  });
});
