/**
 * The CMS page's own script (/admin/admin.js, bundled by scripts/publish/cms-admin.ts): teaches
 * Decap CMS our source format, which writes back only what the editor changed
 * (scripts/authoring/cms-format.ts). Loaded after Decap's bundle, before it reads the entries.
 */
import { type EntryKind, entryProblems, fromFile, toFile } from "./cms-format.ts";

/** The part of an entry Decap hands its event handlers (an Immutable.js Map). */
interface DecapEntry {
  get(key: "collection"): string;
  get(key: "data"): { toJS(): Record<string, unknown> };
}

interface DecapCms {
  registerCustomFormat(
    name: string,
    extension: string,
    formatter: {
      fromFile(content: string): unknown;
      toFile(data: Record<string, unknown>, fieldOrder?: string[]): string;
    },
  ): void;
  registerEventListener(listener: { name: "preSave"; handler(event: { entry: DecapEntry }): void }): void;
}

const cms = (globalThis as { CMS?: DecapCms }).CMS;
if (!cms) throw new Error("Decap CMS did not load: /admin/decap/decap-cms.js is missing");
cms.registerCustomFormat("news-frontmatter", "md", { fromFile, toFile });

// Collections as scripts/output/cms-config.ts names them: one per section, then these two.
const KINDS: Record<string, EntryKind> = { redaction: "authors", pages: "page" };

// Nothing the build would refuse is saved: an error here stops the save and Decap shows it.
cms.registerEventListener({
  name: "preSave",
  handler({ entry }) {
    const problems = entryProblems(KINDS[entry.get("collection")] ?? "article", entry.get("data").toJS());
    if (problems.length > 0) throw new Error(`Le site refuserait cette entrée :\n${problems.join("\n")}`);
  },
});

// The text in Markdown unless the editor chose rich text once: Markdown is saved as typed, while
// rich text writes the whole text's Markdown again (escapes, list markers) on any change.
const MODE_KEY = "cms.md-mode";
if (globalThis.localStorage?.getItem(MODE_KEY) === null) globalThis.localStorage.setItem(MODE_KEY, "raw");
