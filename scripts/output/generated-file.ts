/** A text file the build writes besides pages: a feed, a sitemap, robots.txt. */
export interface GeneratedFile {
  /** Root-relative output path, without the path prefix. */
  path: string;
  body: string;
}
