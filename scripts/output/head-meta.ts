/**
 * Everything in a page's <head> that tells machines what the page is: title, description,
 * canonical, Open Graph and Twitter tags, feed links and JSON-LD. The meta partial renders it.
 */
import type { FeedLink } from "./feed.ts";
import { FAVICON_PATH } from "./image-paths.ts";
import {
  breadcrumbLd,
  collectionPageLd,
  type JsonLd,
  newsArticleLd,
  type Publication,
  profilePageLd,
  serializeJsonLd,
  trustPageLd,
  webSiteLd,
} from "./json-ld.ts";
import { isHome, isIndexable, type PageInput, pageTrail } from "./page.ts";
import { sharingImage } from "./photo-crops.ts";

export interface HeadContext extends Publication {
  feeds: FeedLink[];
}

export interface MetaTag {
  /** Open Graph uses property=, everything else name=. */
  attribute: "name" | "property";
  key: string;
  content: string;
}

export interface HeadLink {
  rel: string;
  type: string;
  /** Root-relative: the HTML base plugin adds the path prefix and the link checker follows it. */
  href: string;
  title: string;
}

export interface Head {
  title: string;
  description: string;
  canonical: string | null;
  robots: string | null;
  /** The favicon, root-relative. */
  icon: { href: string; type: string };
  meta: MetaTag[];
  links: HeadLink[];
  /** Serialized, safe to place inside <script type="application/ld+json">. */
  jsonLd: string[];
}

/** "fr-FR" → "fr_FR", as Open Graph writes locales. */
export function ogLocale(locale: string): string {
  return locale.replace("-", "_");
}

function feedLinksFor(page: PageInput, feeds: FeedLink[]): HeadLink[] {
  const own = page.article?.section.url ?? page.listing?.url;
  return feeds
    .filter((feed) => feed.pageUrl === "/" || feed.pageUrl === own)
    .flatMap((feed) => [
      { rel: "alternate", type: "application/atom+xml", href: feed.atomPath, title: `${feed.title} (Atom)` },
      { rel: "alternate", type: "application/feed+json", href: feed.jsonPath, title: `${feed.title} (JSON Feed)` },
    ]);
}

function structuredData(page: PageInput & { url: string }, publication: Publication): JsonLd[] {
  const { article, listing, trustPage } = page;
  if (trustPage) {
    return [
      trustPageLd(trustPage, publication),
      breadcrumbLd([...pageTrail(page), { name: trustPage.title, url: trustPage.url }], publication),
    ];
  }
  if (article) {
    return [
      newsArticleLd(article, publication),
      breadcrumbLd([...pageTrail(page), { name: article.title, url: article.url }], publication),
    ];
  }
  if (isHome(page)) return [webSiteLd(publication)];
  if (listing) {
    const { profile } = listing;
    return [
      profile ? profilePageLd({ ...listing, profile }, publication) : collectionPageLd(listing, publication),
      breadcrumbLd([...pageTrail(page), { name: listing.name, url: listing.url }], publication),
    ];
  }
  return [];
}

export function headMeta(page: PageInput, publication: HeadContext): Head {
  const { publisher, siteUrl } = publication;
  const { article, trustPage } = page;
  const ownTitle = page.title ?? article?.title ?? trustPage?.title ?? (isHome(page) ? undefined : page.listing?.name);
  const description =
    page.description ??
    article?.excerpt ??
    trustPage?.description ??
    page.listing?.description ??
    publisher.description;
  const indexable = isIndexable(page);
  const canonical = indexable ? siteUrl.absolute(page.url) : null;
  const image = sharingImage(article, ownTitle ?? publisher.name);

  const meta: MetaTag[] = [];
  const og = (key: string, content: string) => meta.push({ attribute: "property", key, content });
  og("og:locale", ogLocale(publisher.locale));
  og("og:site_name", publisher.name);
  og("og:type", article ? "article" : "website");
  og("og:title", ownTitle ?? publisher.name);
  og("og:description", description);
  if (canonical) og("og:url", canonical);
  og("og:image", siteUrl.absolute(image.path));
  og("og:image:type", image.type);
  og("og:image:width", String(image.width));
  og("og:image:height", String(image.height));
  og("og:image:alt", image.alt);
  if (article) {
    og("article:published_time", article.published.iso);
    og("article:modified_time", article.updated.iso);
    og("article:section", article.section.name);
    for (const tag of article.tags) og("article:tag", tag.name);
  }
  meta.push({ attribute: "name", key: "twitter:card", content: "summary_large_image" });
  meta.push({ attribute: "name", key: "twitter:image", content: siteUrl.absolute(image.path) });

  return {
    title: ownTitle ? `${ownTitle} – ${publisher.name}` : publisher.name,
    description,
    canonical,
    // Search engines may show large previews of the photos (Google Discover asks for it).
    robots: page.noindex ? "noindex" : "max-image-preview:large",
    icon: { href: FAVICON_PATH, type: "image/svg+xml" },
    meta,
    links: feedLinksFor(page, publication.feeds),
    jsonLd: indexable ? structuredData(page, publication).map(serializeJsonLd) : [],
  };
}
