import { existsSync, linkSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sameFile } from "../../../scripts/publish/place-file.ts";
import { prepareStaging, removeEmptyFolders } from "../../../scripts/publish/staging.ts";
import { useTempDir } from "../../helpers/build.ts";

const tempDir = useTempDir("staging-");

function write(file: string, text = file): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The current output, and a staging folder made of the output before last. */
function folders() {
  const out = path.join(tempDir(), "dist");
  const staging = path.join(tempDir(), "staging");
  const at = (root: string, file: string) => path.join(root, ...file.split("/"));
  return { out, staging, inOut: (file: string) => at(out, file), inStaging: (file: string) => at(staging, file) };
}

describe("prepareStaging", () => {
  it("keeps what the build keeps, removes the rest, links what is missing, and names the folders it emptied", () => {
    const { staging, inOut, inStaging } = folders();
    // A kept page that is already the current output's file, and one that is not.
    write(inOut("culture/gardee/index.html"));
    // A stray file a killed build left.
    write(inStaging("culture/gardee/index.html.tmp"));
    mkdirSync(inStaging("culture/gardee"), { recursive: true });
    linkSync(inOut("culture/gardee/index.html"), inStaging("culture/gardee/index.html"));
    write(inOut("culture/ancienne/index.html"), "nouvelle");
    write(inStaging("culture/ancienne/index.html"), "ancienne");
    // A page that is gone, a card, and a folder another part of the build owns.
    write(inStaging("economie/partie/index.html"));
    write(inStaging("culture/gardee/social.png"));
    write(inStaging("photos/culture/photo-480.avif"));
    // A kept page the staging folder lacks.
    write(inOut("sciences/nouvelle/index.html"));

    const kept = ["culture/gardee/index.html", "culture/ancienne/index.html", "sciences/nouvelle/index.html"];
    const emptied = prepareStaging(
      staging,
      new Map(kept.map((file) => [file, inOut(file)])),
      new Set(["culture/gardee/social.png"]),
      new Set(["photos"]),
    );

    expect(readdirSync(staging, { recursive: true, encoding: "utf8" }).sort()).toEqual([
      "culture",
      "culture/ancienne",
      "culture/ancienne/index.html",
      "culture/gardee",
      "culture/gardee/index.html",
      "culture/gardee/social.png",
      "economie",
      "economie/partie",
      "photos",
      "photos/culture",
      "photos/culture/photo-480.avif",
      "sciences",
      "sciences/nouvelle",
      "sciences/nouvelle/index.html",
    ]);
    for (const file of ["culture/gardee/index.html", "culture/ancienne/index.html", "sciences/nouvelle/index.html"]) {
      expect(sameFile(inStaging(file), inOut(file)), file).toBe(true);
    }
    // Emptied by the visit; the kept page linked back since fills one of them again.
    expect([...emptied].sort()).toEqual([inStaging("culture/ancienne"), inStaging("economie/partie")]);
  });
});

describe("removeEmptyFolders", () => {
  it("removes the folders still empty and the parents they leave empty, not one written into since", () => {
    const { staging, inStaging } = folders();
    mkdirSync(inStaging("economie/partie"), { recursive: true });
    mkdirSync(inStaging("culture/vide"), { recursive: true });
    write(inStaging("culture/autre/index.html"));
    mkdirSync(inStaging("sciences/refaite"), { recursive: true });
    write(inStaging("sciences/refaite/index.html"));
    removeEmptyFolders(staging, [
      inStaging("economie/partie"),
      inStaging("culture/vide"),
      inStaging("sciences/refaite"),
    ]);
    expect(existsSync(inStaging("economie"))).toBe(false);
    expect(existsSync(inStaging("culture/vide"))).toBe(false);
    expect(existsSync(inStaging("culture/autre/index.html"))).toBe(true);
    expect(existsSync(inStaging("sciences/refaite/index.html"))).toBe(true);
    expect(existsSync(staging)).toBe(true);
  });
});
