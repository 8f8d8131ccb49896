/** Minimal Article objects for unit tests of list-building modules. */
import type { Article } from "../../scripts/input/article.ts";
import { articleUrl, sectionUrl, topicUrl } from "../../scripts/input/urls.ts";
import { tagSlug } from "../../scripts/text/slug.ts";

/** An article published on `iso` (with offset) in `section`, with the given tag names. */
export function fakeArticle(slug: string, iso: string, section: string, tags: string[] = []): Article {
  const stamp = { iso, long: iso, short: iso, day: iso.slice(0, 10), epoch: Date.parse(iso) };
  return {
    sourcePath: `${section}/${iso.slice(0, 10)}-${slug}.md`,
    slug,
    url: articleUrl(section, slug),
    section: { slug: section, name: section, url: sectionUrl(section) },
    title: slug,
    standfirst: slug,
    excerpt: slug,
    authors: [],
    credit: "La Rédaction",
    byline: [{ text: "La Rédaction" }],
    tags: tags.map((name) => ({ name, slug: tagSlug(name), url: topicUrl(tagSlug(name)) })),
    published: stamp,
    modified: null,
    updated: stamp,
    bodyHtml: "<p>Texte.</p>",
    leadPhoto: null,
    bodyPhotos: [],
    siteLinks: [],
    wordCount: 1,
    readingMinutes: 1,
    readingTime: "1 min de lecture",
    draft: false,
    corrections: [],
    scheduled: false,
  };
}
