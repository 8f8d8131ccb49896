import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CmsBackend, isWritable, startCmsBackend, writtenPaths } from "../../../scripts/publish/cms-backend.ts";
import { makeTempDir } from "../../helpers/build.ts";

const writable = { articles: "src/articles", pages: "src/pages", authorsFile: "_data/authors.yaml" };

describe("isWritable", () => {
  it.each([
    "src/articles/international/2024-03-01-x.md",
    "src/articles/international/2024-03-01-x.jpg",
    "src/articles/culture/dossier/photo.webp",
    "src/pages/contact.md",
    "_data/authors.yaml",
  ])("lets the CMS write %s", (file) => {
    expect(isWritable(file, writable)).toBe(true);
  });

  it.each([
    "package.json",
    "scripts/cli/build.ts",
    "_data/publisher.yaml",
    "_data/settings.yaml",
    "src/articles/../../package.json",
    "src/articles/international/x.sh",
    "src/articles/.git/config",
    "src/pages/sub/page.md",
    "src/pages/contact.njk",
    "/etc/passwd",
    "src/articlesx/a.md",
  ])("refuses %s", (file) => {
    expect(isWritable(file, writable)).toBe(false);
  });
});

describe("writtenPaths", () => {
  it("lists every file a request would write or delete", () => {
    expect(
      writtenPaths({
        action: "persistEntry",
        params: { entry: { path: "a.md", newPath: "b.md" }, assets: [{ path: "c.jpg" }] },
      }),
    ).toEqual(["a.md", "b.md", "c.jpg"]);
    expect(writtenPaths({ action: "deleteFiles", params: { paths: ["x", "y"] } })).toEqual(["x", "y"]);
    expect(writtenPaths({ action: "persistMedia", params: { asset: { path: "m.png" } } })).toEqual(["m.png"]);
    expect(writtenPaths({ action: "entriesByFolder", params: {} })).toEqual([]);
  });
});

describe("a save through the backend", () => {
  let root = "";
  let backend: CmsBackend;
  let refusals: string[] = [];
  const articles = () => path.join(root, "articles/international");
  const save = (body: unknown) =>
    fetch(backend.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const persistEntry = (
    entry: { path: string; raw: string; newPath?: string },
    assets: { path: string; content: string; encoding: string }[] = [],
  ) =>
    save({
      action: "persistEntry",
      params: {
        branch: "main",
        entry: { slug: "x", ...entry },
        assets,
        options: { commitMessage: "x", useWorkflow: false },
      },
    });

  beforeAll(async () => {
    root = makeTempDir("news-cms-backend-");
    mkdirSync(path.join(root, "articles/international"), { recursive: true });
    backend = await startCmsBackend({
      root,
      port: 0,
      allowedOrigin: "http://127.0.0.1:1",
      writable: { articles: "articles", pages: "pages", authorsFile: "data/authors.yaml" },
      articleProblems: () => refusals,
    });
  });
  afterAll(async () => {
    await backend.close();
  });
  beforeEach(() => {
    refusals = [];
  });

  it("replaces a file whole: a reader during the save sees the old text or the new, never a part", async () => {
    const file = path.join(articles(), "2024-03-01-long.md");
    const before = `---\ntitle: Avant\n---\n\n${"a".repeat(3_000_000)}\n`;
    const after = `---\ntitle: Après\n---\n\n${"b".repeat(4_000_000)}\n`;
    writeFileSync(file, before);
    const seen = new Set<number>();
    let saving = true;
    const reader = (async () => {
      while (saving) {
        seen.add(readFileSync(file).length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const response = await persistEntry({ path: "articles/international/2024-03-01-long.md", raw: after });
    saving = false;
    await reader;
    expect(response.status).toBe(200);
    expect(readFileSync(file, "utf8")).toBe(after);
    expect(
      [...seen].filter((length) => length !== Buffer.byteLength(before) && length !== Buffer.byteLength(after)),
    ).toEqual([]);
    expect(readdirSync(articles()).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("leaves every photo as it was when the article is refused", async () => {
    const kept = path.join(articles(), "garde.jpg");
    writeFileSync(kept, "photo d’avant");
    refusals = ['articles/international/2024-03-02-x.md: date: "18/04/2023" is not an ISO 8601 date'];
    const response = await persistEntry(
      { path: "articles/international/2024-03-02-x.md", raw: "---\ndate: 18/04/2023\n---\n" },
      [
        {
          path: "articles/international/garde.jpg",
          content: Buffer.from("photo nouvelle").toString("base64"),
          encoding: "base64",
        },
        {
          path: "articles/international/nouvelle.jpg",
          content: Buffer.from("autre").toString("base64"),
          encoding: "base64",
        },
      ],
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toContain("18/04/2023");
    expect(readFileSync(kept, "utf8")).toBe("photo d’avant");
    expect(existsSync(path.join(articles(), "nouvelle.jpg"))).toBe(false);
    expect(existsSync(path.join(articles(), "2024-03-02-x.md"))).toBe(false);
    expect(readdirSync(articles()).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("answers the CMS's page in a way it may read, a refusal included", async () => {
    refusals = ["articles/international/2024-03-02-x.md: title: missing"];
    const response = await fetch(backend.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://127.0.0.1:1" },
      body: JSON.stringify({
        action: "persistEntry",
        params: { entry: { path: "articles/international/2024-03-02-x.md", raw: "x" }, assets: [] },
      }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:1");
  });

  it("moves an article given a new name, and keeps the photos it was saved with", async () => {
    writeFileSync(path.join(articles(), "2024-03-03-ancien.md"), "ancien");
    const response = await persistEntry(
      {
        path: "articles/international/2024-03-03-ancien.md",
        newPath: "articles/international/2024-03-04-nouveau.md",
        raw: "nouveau",
      },
      [
        {
          path: "articles/international/nouveau.jpg",
          content: Buffer.from("photo").toString("base64"),
          encoding: "base64",
        },
      ],
    );
    expect(response.status).toBe(200);
    expect(existsSync(path.join(articles(), "2024-03-03-ancien.md"))).toBe(false);
    expect(readFileSync(path.join(articles(), "2024-03-04-nouveau.md"), "utf8")).toBe("nouveau");
    expect(readFileSync(path.join(articles(), "nouveau.jpg"), "utf8")).toBe("photo");
  });

  it("refuses a path whose folder is a link out of the repository, and writes nothing there", async () => {
    const outside = makeTempDir("news-cms-outside-");
    symlinkSync(outside, path.join(articles(), "dehors"));
    const entry = await persistEntry({ path: "articles/international/dehors/2024-03-05-x.md", raw: "x" });
    expect(entry.status).toBe(422);
    expect(((await entry.json()) as { error: string }).error).toMatch(/leads out of the repository/);
    const media = await save({
      action: "persistMedia",
      params: {
        branch: "main",
        asset: { path: "articles/international/dehors/x.jpg", content: "eA==", encoding: "base64" },
      },
    });
    expect(media.status).toBe(422);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("answers a saved photo as decap-server does, with its content and hash", async () => {
    const bytes = Buffer.from("une photo");
    const response = await save({
      action: "persistMedia",
      params: {
        branch: "main",
        asset: { path: "articles/international/media.jpg", content: bytes.toString("base64"), encoding: "base64" },
        options: { commitMessage: "x" },
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: createHash("sha256").update(bytes).digest("hex"),
      content: bytes.toString("base64"),
      encoding: "base64",
      path: "articles/international/media.jpg",
      name: "media.jpg",
    });
    expect(readFileSync(path.join(articles(), "media.jpg"))).toEqual(bytes);
  });
});
