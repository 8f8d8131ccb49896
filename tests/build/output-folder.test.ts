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
import { BUILD_COMMAND, type BuildRun, makeTempDir, ROOT, SEED_WARNINGS } from "../helpers/build.ts";
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
  // Each kind of refusal once through the command (every case of the rule: the unit test).
  const refused: [string, string, RegExp][] = [
    ["the project", ".", /is the working directory/],
    ["a parent of the project", "..", /holds the working directory/],
    ["the templates", "src", /is the templates folder \(src\)/],
    ["a folder inside the git repository", ".git/site", /is inside the git repository/],
    ["a link to the templates", "../link-to-src", /is the templates folder/],
    [
      "a folder of someone's files",
      "../notes",
      /is a folder no build wrote \(it has 1 entries and no \.news-build file\)/,
    ],
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
  it("builds into an empty folder, replaces it next time, and accepts a site built before the marker existed", () => {
    const out = path.join(parent, "site");
    mkdirSync(out);
    const first = buildIn(project, out);
    expect(first.stderr).toMatch(SEED_WARNINGS);
    expect(first.status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([OUTPUT_MARKER, "index.html", "404.html"]));
    const page = readFileSync(path.join(out, "index.html"), "utf8");

    writeFileSync(path.join(out, "stale.html"), "from an older build");
    expect(buildIn(project, out).status).toBe(0);
    expect(existsSync(path.join(out, "stale.html"))).toBe(false);

    // The same site without its marker: what an earlier version wrote.
    rmSync(path.join(out, OUTPUT_MARKER));
    const again = buildIn(project, out);
    expect(again.stderr).toMatch(SEED_WARNINGS);
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe(page);
    expect(existsSync(path.join(out, OUTPUT_MARKER))).toBe(true);
    rmSync(out, { recursive: true });
  });
});
