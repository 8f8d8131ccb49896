/**
 * `npm run upload`: sends to object storage (or any folder) only the files of the built site that
 * changed since the last upload to the same place, then deletes those it no longer has
 * (scripts/publish/upload.ts).
 *
 *   npm run upload -- --to DIR [--out dist]
 *   npm run upload -- --list DIR --place NAME [--out dist]   then, once the files are sent:
 *   npm run upload -- --confirm DIR
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { directories } from "../../.eleventy.js";
import { ignoreClosedOutput } from "../publish/closed-output.ts";
import { planFor, type readUploadState, uploadToFolder, writeUploadState } from "../publish/upload.ts";
import { shownPath } from "../text/shown-path.ts";
import { exitWithUsage, readCommandLine, readEnvironmentOrExit } from "./command-line.ts";

ignoreClosedOutput();

const USAGE = `Usage: npm run upload -- --to DIR [--out dist]
       npm run upload -- --list DIR --place NAME [--out dist]
       npm run upload -- --confirm DIR
  Sends only what changed since the last upload to the same place, deletions last.
  --to DIR       copies the changed files of --out into DIR (a mounted bucket, a folder)
  --list DIR     writes DIR/send.txt and DIR/remove.txt for another tool (rclone, aws s3) that
                 uploads to NAME; once it has succeeded, --confirm DIR records what NAME holds`;

const { values: args } = readCommandLine(USAGE, {
  options: {
    out: { type: "string", default: directories.output },
    to: { type: "string" },
    list: { type: "string" },
    place: { type: "string" },
    confirm: { type: "string" },
  },
});

const modes = [args.to, args.list, args.confirm].filter((mode) => mode !== undefined);
if (modes.length !== 1) exitWithUsage("say one of --to, --list or --confirm", USAGE);
const { cacheDir } = readEnvironmentOrExit();

const out = path.resolve(args.out);
const isFolder = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;

if (args.confirm !== undefined) {
  const dir = path.resolve(args.confirm);
  let pending: { stateFile: string; state: ReturnType<typeof readUploadState> };
  try {
    pending = JSON.parse(readFileSync(path.join(dir, "pending.json"), "utf8"));
  } catch {
    exitWithUsage(`${shownPath(dir)}: has no pending.json; expected a folder written by --list`, USAGE);
  }
  writeUploadState(pending.stateFile, pending.state);
  console.log(`Recorded ${Object.keys(pending.state.files).length} files as uploaded.`);
} else {
  if (!isFolder(out)) exitWithUsage(`${shownPath(out)}: is not a folder; expected a built site`, USAGE);
  if (args.to !== undefined) {
    const target = path.resolve(args.to);
    if (target === out || target.startsWith(`${out}${path.sep}`) || out.startsWith(`${target}${path.sep}`)) {
      exitWithUsage(`--to ${shownPath(target)}: is the site or holds it; expected another folder`, USAGE);
    }
    const { plan, stateFile } = planFor(out, cacheDir, target);
    uploadToFolder(out, target, plan);
    writeUploadState(stateFile, plan.state);
    console.log(`Uploaded ${plan.send.length} files to ${shownPath(target)}, deleted ${plan.remove.length}.`);
  } else {
    if (args.place === undefined) exitWithUsage("--list needs --place NAME (the bucket the files go to)", USAGE);
    const dir = path.resolve(args.list as string);
    mkdirSync(dir, { recursive: true });
    const { plan, stateFile } = planFor(out, cacheDir, args.place);
    const lines = (files: string[]) => (files.length > 0 ? `${files.join("\n")}\n` : "");
    writeFileSync(path.join(dir, "send.txt"), lines(plan.send));
    writeFileSync(path.join(dir, "remove.txt"), lines(plan.remove));
    writeFileSync(path.join(dir, "pending.json"), JSON.stringify({ stateFile, state: plan.state }));
    console.log(
      `${plan.send.length} files to send (send.txt), ${plan.remove.length} to delete (remove.txt) in ${shownPath(dir)}; after the upload: npm run upload -- --confirm ${shownPath(dir)}`,
    );
  }
}
