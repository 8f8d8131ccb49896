import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  authorLd,
  breadcrumbLd,
  collectionPageLd,
  newsArticleLd,
  organizationLd,
  profilePageLd,
  serializeJsonLd,
  trustPageLd,
  webSiteLd,
} from "../../../scripts/output/json-ld.ts";
import { authors, context, makeArticle, makeTrustPage, publisher } from "../../helpers/articles.ts";

describe("newsArticleLd", () => {
  it("describes the article with its own dates, section, tags and absolute URLs", () => {
    const article = makeArticle({ modified: "2023-04-18T16:30:00+02:00", tags: ["Chine", "Défense"] });
    const ld = newsArticleLd(article, context);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: article.title,
      description: article.standfirst,
      datePublished: "2023-04-18T14:05:00+02:00",
      dateModified: "2023-04-18T16:30:00+02:00",
      inLanguage: "fr-FR",
      articleSection: "International",
      keywords: ["Chine", "Défense"],
      isAccessibleForFree: true,
      mainEntityOfPage: { "@type": "WebPage", "@id": "https://www.exemple.fr/actu/international/un-titre/" },
      url: "https://www.exemple.fr/actu/international/un-titre/",
      wordCount: article.wordCount,
      publisher: {
        "@type": "NewsMediaOrganization",
        name: "Le Quotidien",
        logo: { "@type": "ImageObject", url: "https://www.exemple.fr/actu/assets/logo-square.png", width: 512 },
      },
      image: [{ url: "https://www.exemple.fr/actu/international/un-titre/social.png", width: 1200, height: 630 }],
    });
  });

  it("counts the words of the text", () => {
    const article = makeArticle({ body: "Un deux trois quatre cinq.\n\n## Six sept\n\nHuit.\n" });
    expect(newsArticleLd(article, context).wordCount).toBe(8);
  });

  it("uses the publication date as dateModified when the article was never updated", () => {
    expect(newsArticleLd(makeArticle(), context).dateModified).toBe("2023-04-18T14:05:00+02:00");
  });

  it("names each author with their page, and the free byline only when nobody is named", () => {
    const signed = newsArticleLd(
      makeArticle({ authors: ["claire-martin", "la-redaction"], author: "avec AFP" }),
      context,
    );
    expect((signed.author as { "@type": string; url: string }[]).map((a) => [a["@type"], a.url])).toEqual([
      ["Person", "https://www.exemple.fr/actu/auteurs/claire-martin/"],
      ["Organization", "https://www.exemple.fr/actu/auteurs/la-redaction/"],
    ]);
    expect(newsArticleLd(makeArticle({ author: "Marie Dupont" }), context).author).toEqual([
      { "@type": "Person", name: "Marie Dupont" },
    ]);
  });

  it("lists corrections, oldest first, and dates the modification at the latest", () => {
    const ld = newsArticleLd(
      makeArticle({
        corrections: [
          { date: "2023-04-19T09:00:00+02:00", text: "Second." },
          { date: "2023-04-18T16:30:00+02:00", text: "Premier." },
        ],
      }),
      context,
    );
    expect(ld.correction).toEqual([
      { "@type": "CorrectionComment", datePublished: "2023-04-18T16:30:00+02:00", text: "Premier." },
      { "@type": "CorrectionComment", datePublished: "2023-04-19T09:00:00+02:00", text: "Second." },
    ]);
    expect(ld.dateModified).toBe("2023-04-19T09:00:00+02:00");
    expect(newsArticleLd(makeArticle(), context)).not.toHaveProperty("correction");
  });
});

/**
 * Google's live blog markup, as its documentation lists it (Search Central, « Live blog »:
 * LiveBlogPosting and, for each update, BlogPosting) and the issue restates: what every live
 * page must carry, what only coverage with an end (past or planned) carries, and what each
 * update carries.
 */
const LIVE_BLOG_POSTING = [
  "@context",
  "@type",
  "headline",
  "description",
  "datePublished",
  "dateModified",
  "author",
  "publisher",
  "image",
  "mainEntityOfPage",
  "url",
  "coverageStartTime",
  "liveBlogUpdate",
] as const;
const ENDED_ONLY = ["coverageEndTime"] as const;
const BLOG_POSTING = ["@type", "headline", "datePublished", "url", "articleBody"] as const;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

describe("live coverage: LiveBlogPosting", () => {
  const body = [
    "Les cortèges partent à 14 heures.",
    "",
    "## 2024-03-05T12:40+01:00 — Le ministère annonce 24 % de grévistes",
    "",
    "Selon le ministère, 24 % des enseignants sont en grève : « un record ».",
    "",
    "Un second paragraphe & un signe.",
    "",
    "## 2024-03-05T07:30+01:00 — Bienvenue",
    "",
    "Bonjour à tous.",
  ].join("\n");
  const options = { date: "2024-03-05T07:30:00+01:00", slug: "direct", body };
  const running = makeArticle({ ...options, live: { start: "2024-03-05T07:30:00+01:00" } });
  const ended = makeArticle({
    ...options,
    live: { start: "2024-03-05T07:30:00+01:00", end: "2024-03-05T20:00:00+01:00" },
  });
  const canonical = "https://www.exemple.fr/actu/international/direct/";

  it("has every field of Google's list, and coverageEndTime only once the coverage has an end", () => {
    const ld = newsArticleLd(running, context);
    expect(ld["@type"]).toBe("LiveBlogPosting");
    for (const field of LIVE_BLOG_POSTING) expect(ld, field).toHaveProperty([field]);
    for (const field of ENDED_ONLY) expect(ld, field).not.toHaveProperty([field]);
    const over = newsArticleLd(ended, context);
    for (const field of [...LIVE_BLOG_POSTING, ...ENDED_ONLY]) expect(over, field).toHaveProperty([field]);
    expect(over.coverageEndTime).toBe("2024-03-05T20:00:00+01:00");
  });

  it("dates the coverage with the page's own times: started, published, modified at its latest update", () => {
    const ld = newsArticleLd(running, context);
    expect(ld).toMatchObject({
      coverageStartTime: "2024-03-05T07:30:00+01:00",
      datePublished: "2024-03-05T07:30:00+01:00",
      dateModified: "2024-03-05T12:40:00+01:00",
      url: canonical,
      mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    });
    for (const field of ["coverageStartTime", "datePublished", "dateModified"]) {
      expect(ld[field]).toMatch(ISO_WITH_OFFSET);
    }
  });

  it("lists each update as a BlogPosting with its headline, time, anchored URL and text, newest first", () => {
    const updates = newsArticleLd(running, context).liveBlogUpdate as Record<string, unknown>[];
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      for (const field of BLOG_POSTING) expect(update, field).toHaveProperty([field]);
      expect(update.datePublished).toMatch(ISO_WITH_OFFSET);
      // The page's URL and the update's anchor; no query string.
      expect(String(update.url)).toMatch(new RegExp(`^${canonical}#maj-[0-9a-z-]+$`));
      expect(String(update.articleBody).trim()).not.toBe("");
    }
    expect(updates.map((update) => [update.headline, update.datePublished, update.url])).toEqual([
      ["Le ministère annonce 24 % de grévistes", "2024-03-05T12:40:00+01:00", `${canonical}#maj-2024-03-05-12h40`],
      ["Bienvenue", "2024-03-05T07:30:00+01:00", `${canonical}#maj-2024-03-05-07h30`],
    ]);
    // Plain text, typeset, paragraphs apart; no markup or entities.
    expect(updates[0]?.articleBody).toBe(
      "Selon le ministère, 24 % des enseignants sont en grève\u00a0: «\u202fun record\u202f».\n\nUn second paragraphe & un signe.",
    );
  });

  it("stays a NewsArticle for an article that is not live", () => {
    const ld = newsArticleLd(makeArticle(), context);
    expect(ld["@type"]).toBe("NewsArticle");
    for (const field of ["coverageStartTime", "coverageEndTime", "liveBlogUpdate"])
      expect(ld).not.toHaveProperty([field]);
  });
});

describe("the newsroom", () => {
  it("makes an author's page a ProfilePage about them", () => {
    const [claire] = authors;
    const ld = profilePageLd(
      { name: "Claire Martin – page 2", url: "/auteurs/claire-martin/page/2/", articles: [], profile: claire! },
      context,
    );
    expect(ld).toEqual({
      "@context": "https://schema.org",
      "@type": "ProfilePage",
      name: "Claire Martin – page 2",
      url: "https://www.exemple.fr/actu/auteurs/claire-martin/page/2/",
      inLanguage: "fr-FR",
      isPartOf: { "@type": "WebSite", name: "Le Quotidien", url: "https://www.exemple.fr/actu/" },
      mainEntity: expect.objectContaining({ "@type": "Person", name: "Claire Martin" }),
    });
  });

  it("types a page about the publisher by its role", () => {
    const page = makeTrustPage();
    expect(trustPageLd({ ...page, roles: ["contactPoint"] }, context)).toEqual({
      "@context": "https://schema.org",
      "@type": "ContactPage",
      name: "Contact",
      description: "Nous écrire.",
      url: "https://www.exemple.fr/actu/contact/",
      inLanguage: "fr-FR",
      isPartOf: { "@type": "WebSite", name: "Le Quotidien", url: "https://www.exemple.fr/actu/" },
    });
    expect(trustPageLd({ ...page, roles: ["masthead"] }, context)["@type"]).toBe("AboutPage");
    const updated = { iso: "2024-03-01T10:00:00+01:00", long: "", short: "", day: "2024-03-01", epoch: 0 };
    expect(trustPageLd({ ...page, updated }, context)).toMatchObject({ "@type": "WebPage", dateModified: updated.iso });
  });

  it("publishes the site as a NewsMediaOrganization with a square logo of at least 112 px", () => {
    const organization = organizationLd({
      ...context,
      publisher: { ...publisher, pages: [{ slug: "charte", roles: ["ethicsPolicy"] }] },
    });
    expect(organization).toMatchObject({
      "@type": "NewsMediaOrganization",
      name: "Le Quotidien",
      url: "https://www.exemple.fr/actu/",
      logo: { url: "https://www.exemple.fr/actu/assets/logo-square.png", width: 512, height: 512 },
      ethicsPolicy: "https://www.exemple.fr/actu/charte/",
    });
    expect(webSiteLd(context).publisher).toEqual(organizationLd(context));
  });
});

describe("authorLd", () => {
  it("makes the newsroom an Organization with the site's URL and anyone else a Person", () => {
    expect(authorLd("La Rédaction", context)).toEqual({
      "@type": "Organization",
      name: "Le Quotidien",
      url: "https://www.exemple.fr/actu/",
    });
    expect(authorLd("Le Quotidien", context)["@type"]).toBe("Organization");
    expect(authorLd("Marie Dupont", context)).toEqual({ "@type": "Person", name: "Marie Dupont" });
  });
});

describe("lists and the site", () => {
  it("numbers breadcrumb items from « Accueil » with absolute URLs", () => {
    const ld = breadcrumbLd([{ name: "International", url: "/international/" }], context);
    expect(ld.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Accueil", item: "https://www.exemple.fr/actu/" },
      { "@type": "ListItem", position: 2, name: "International", item: "https://www.exemple.fr/actu/international/" },
    ]);
  });

  it("lists a section's articles in order in an ItemList", () => {
    const articles = [makeArticle({ slug: "b", title: "B" }), makeArticle({ slug: "a", title: "A" })];
    const ld = collectionPageLd(
      { name: "International", description: "Le monde.", url: "/international/", articles },
      context,
    );
    expect(ld).toMatchObject({
      "@type": "CollectionPage",
      url: "https://www.exemple.fr/actu/international/",
      description: "Le monde.",
    });
    expect((ld.mainEntity as { itemListElement: unknown[] }).itemListElement).toEqual([
      { "@type": "ListItem", position: 1, url: "https://www.exemple.fr/actu/international/b/", name: "B" },
      { "@type": "ListItem", position: 2, url: "https://www.exemple.fr/actu/international/a/", name: "A" },
    ]);
  });

  it("names the WebSite at the prefixed base URL", () => {
    expect(webSiteLd(context)).toMatchObject({
      "@type": "WebSite",
      name: "Le Quotidien",
      url: "https://www.exemple.fr/actu/",
      inLanguage: "fr-FR",
    });
  });
});

describe("serializeJsonLd", () => {
  const hostile = "</script><script>alert(1)</script> & <!-- \u2028\u2029";

  it("cannot close its script element: the page keeps one script and the JSON parses back", () => {
    const json = serializeJsonLd(newsArticleLd(makeArticle({ title: hostile }), context));
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const { document } = parseHTML(
      `<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body></body></html>`,
    );
    const scripts = document.querySelectorAll("script");
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]?.textContent ?? "").headline).toBe(makeArticle({ title: hostile }).title);
  });

  it("is the same JSON value as JSON.stringify", () => {
    const value = { a: "x<y>&z\u2028", b: [1, "é"] };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });
});
