// @11ty/eleventy-img 6 ships JavaScript without declarations; this is the part of its API we call.
declare module "@11ty/eleventy-img" {
  import type { Sharp } from "sharp";

  /** One file made (with `dryRun`, its bytes are in `buffer` and nothing is written). */
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    buffer?: Buffer;
  }

  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    dryRun?: boolean;
    useCache?: boolean;
    fixOrientation?: boolean;
    sharpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    /** Runs on the sharp instance before eleventy-img resizes and encodes. */
    transform?: (image: Sharp) => void | Promise<void>;
  }

  /** Makes the widths × formats of `src`; results by format, widths ascending. */
  export default function eleventyImage(
    src: string | Buffer,
    options?: ImageOptions,
  ): Promise<Record<string, ImageStat[] | undefined>>;
}
