import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeShard,
  encodeShard,
  type Postings,
  shardKeys,
  shardOf,
  shardsWithPrefix,
} from "../../../scripts/output/search-format.ts";

const postings = (documents: number[], weights: number[]): Postings => ({
  documents: Uint32Array.from(documents),
  weights: Uint8Array.from(weights),
});

describe("shards", () => {
  it("decode to what was encoded, for any stems and postings", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 1, max: 255 })), {
          maxLength: 50,
        }),
        (stems, pairs) => {
          const documents = [...new Set(pairs.map(([document]) => document))].sort((a, b) => a - b);
          const shard = stems.map((stem): [string, Postings] => [
            stem,
            postings(
              documents,
              documents.map((_, index) => pairs[index]?.[1] ?? 1),
            ),
          ]);
          const decoded = decodeShard(encodeShard(shard));
          expect([...decoded.keys()]).toEqual(stems);
          for (const [stem, expected] of shard) expect(decoded.get(stem)).toEqual(expected);
        },
      ),
    );
  });

  it("refuse truncated bytes", () => {
    const bytes = encodeShard([["militair", postings([1, 200, 70000], [9, 8, 7])]]);
    expect(() => decodeShard(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
  });
});

describe("shardKeys", () => {
  const counts: Record<string, number> = { ma: 1, mais: 1, milit: 4, militair: 5, minist: 2, mo: 1, paix: 3 };
  const stems = Object.keys(counts).sort();

  it("groups stems by two letters, and splits a key holding more postings than the limit", () => {
    expect(shardKeys(stems, (stem) => counts[stem] ?? 0, 100)).toEqual([
      { key: "ma", stems: ["ma", "mais"], split: false },
      { key: "mi", stems: ["milit", "militair", "minist"], split: false },
      { key: "mo", stems: ["mo"], split: false },
      { key: "pa", stems: ["paix"], split: false },
    ]);
    expect(shardKeys(stems, (stem) => counts[stem] ?? 0, 10)).toEqual([
      { key: "ma", stems: ["ma", "mais"], split: false },
      { key: "mil", stems: ["milit", "militair"], split: false },
      { key: "min", stems: ["minist"], split: false },
      { key: "mo", stems: ["mo"], split: false },
      { key: "pa", stems: ["paix"], split: false },
    ]);
  });

  it("lets a query find the shard of any stem, and every shard a prefix may be in", () => {
    const manifest = {
      shards: shardKeys(stems, (stem) => counts[stem] ?? 0, 10).map(({ key, split }): [string, string, 0 | 1] => [
        key,
        `${key}.bin`,
        split ? 1 : 0,
      ]),
    };
    expect(shardOf(manifest, "militair")).toBe("mil.bin");
    expect(shardOf(manifest, "mais")).toBe("ma.bin");
    expect(shardOf(manifest, "mz")).toBeNull();
    expect(shardOf(manifest, "zz")).toBeNull();
    expect(shardsWithPrefix(manifest, "milita")).toEqual(["mil.bin"]);
    expect(shardsWithPrefix(manifest, "mi").sort()).toEqual(["mil.bin", "min.bin"]);
    expect(shardOf(manifest, "mi")).toBeNull();
    expect(shardsWithPrefix(manifest, "mai")).toEqual(["ma.bin"]);
  });
});
