/**
 * Prints what social cards cost: per card with an empty cache (drawn) and with a warm one
 * (copied), on synthetic headlines, in a temporary folder.
 *
 *   tsx scripts/cli/bench-cards.ts [count=200]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CARD_SIZE } from "../output/image-paths.ts";
import { cardTree, type ImageJob } from "../output/social-card.ts";
import { renderImages } from "../publish/render-images.ts";

const count = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(path.join(tmpdir(), "bench-cards-"));
const jobs: ImageJob[] = Array.from({ length: count }, (_, index) => ({
  image: { path: `/rubrique/article-${index}/social.png`, ...CARD_SIZE },
  tree: cardTree(
    "International",
    `Titre d’essai numéro ${index} : la coopération militaire « renforcée » entre deux pays voisins`,
    "Epoch Times",
  ),
}));

try {
  const time = async (out: string) => {
    const started = performance.now();
    const stats = await renderImages(jobs, path.join(dir, out), path.join(dir, "cache"));
    return { ms: performance.now() - started, stats };
  };
  const cold = await time("cold");
  const warm = await time("warm");
  const perCard = (ms: number) => (ms / count).toFixed(2);
  console.log(
    `${count} cards: cold ${cold.ms.toFixed(0)} ms (${perCard(cold.ms)} ms/card, ${cold.stats.drawn} drawn), warm ${warm.ms.toFixed(0)} ms (${perCard(warm.ms)} ms/card, ${warm.stats.cached} from cache)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
