/**
 * The benchmark's photos: the corpus's few distinct photos, generated once and linked beside every
 * article that shows one, and what making them costs, per photo, with an empty cache (every file
 * encoded) and a full one (each source stat-ed, its hash known, its files linked into place).
 */
import { createHash } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ContentPaths } from "../input/content-paths.ts";
import { loadContent } from "../lists/content.ts";
import { photoJobs } from "../output/photo-crops.ts";
import { publishPhotos } from "../publish/photos.ts";
import { PHOTO_SIZE, PHOTO_VARIANTS } from "./synthetic-corpus.ts";
import { syntheticPhoto } from "./synthetic-photo.ts";

/** The corpus's distinct photos, as JPEG bytes (a second or two each to generate). */
export function generatePhotoVariants(count = PHOTO_VARIANTS): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, variant) => syntheticPhoto(1000 + variant, PHOTO_SIZE.width, PHOTO_SIZE.height)),
  );
}

/**
 * Writes each variant once under `dir`/photo-variants/ and links it at every photo path of the
 * corpus (a file per article, as in a newsroom, without the disk space of a copy each). With
 * fewer variants than the corpus asks for, they take turns.
 */
export function writeCorpusPhotos(
  dir: string,
  articlesDir: string,
  variants: Buffer[],
  photos: { path: string; variant: number }[],
): void {
  const variantsDir = path.join(dir, "photo-variants");
  mkdirSync(variantsDir, { recursive: true });
  const files = variants.map((bytes, variant) => {
    const file = path.join(variantsDir, `${variant}.jpg`);
    writeFileSync(file, bytes);
    return file;
  });
  for (const photo of photos) {
    const target = path.join(articlesDir, photo.path);
    mkdirSync(path.dirname(target), { recursive: true });
    linkSync(files[photo.variant % files.length] as string, target);
  }
}

export interface PhotoWork {
  /** Articles' photo sources, and how many distinct ones (by bytes) among them. */
  photos: number;
  distinct: number;
  /** Files made of each photo. */
  filesPerPhoto: number;
  /** Empty cache: per distinct photo made, wall and CPU milliseconds. */
  coldMs: number;
  coldCpuMs: number;
  /** Full cache, every source's hash remembered: per photo placed. */
  warmMs: number;
  warmCpuMs: number;
}

async function timed(task: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await task();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** Measures the photo work of the content at `paths`, in `workDir` (removed afterwards). */
export async function measurePhotoWork(paths: ContentPaths, workDir: string): Promise<PhotoWork | null> {
  const jobs = photoJobs(loadContent(paths).articles);
  if (jobs.length === 0) return null;
  const byBytes = new Map<string, (typeof jobs)[number]>();
  for (const job of jobs) {
    const hash = createHash("sha256").update(readFileSync(job.file)).digest("hex");
    if (!byBytes.has(hash)) byBytes.set(hash, job);
  }
  const distinct = [...byBytes.values()];
  const cache = path.join(workDir, "photo-cache");
  try {
    const cold = await timed(() => publishPhotos(distinct, path.join(workDir, "photos-cold"), cache));
    // Not measured: learns the other sources' hashes, as a build's first run does.
    await publishPhotos(jobs, path.join(workDir, "photos-learn"), cache);
    const warm = await timed(() => publishPhotos(jobs, path.join(workDir, "photos-warm"), cache));
    return {
      photos: jobs.length,
      distinct: distinct.length,
      filesPerPhoto: jobs[0]?.renditions.length ?? 0,
      coldMs: cold.ms / distinct.length,
      coldCpuMs: cold.cpuMs / distinct.length,
      warmMs: warm.ms / jobs.length,
      warmCpuMs: warm.cpuMs / jobs.length,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export function describePhotoWork(n: number, work: PhotoWork): string {
  return (
    `Photos at ${n} articles: ${work.photos} lead photos (${work.distinct} distinct ${PHOTO_SIZE.width}×${PHOTO_SIZE.height} source${work.distinct === 1 ? "" : "s"}, ` +
    `${work.filesPerPhoto} files each). Cold cache: ${(work.coldMs / 1000).toFixed(2)} s per photo made ` +
    `(CPU ${(work.coldCpuMs / 1000).toFixed(2)} s); warm cache: ${work.warmMs.toFixed(2)} ms per photo ` +
    `(CPU ${work.warmCpuMs.toFixed(2)} ms: the source stat-ed, ${work.filesPerPhoto} files linked).`
  );
}
