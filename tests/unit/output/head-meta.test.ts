import { describe, expect, it } from "vitest";
import { type HeadContext, headMeta, ogLocale } from "../../../scripts/output/head-meta.ts";
import { authors, context, makeArticle, makeTrustPage } from "../../helpers/articles.ts";
import { leadPhotoOf } from "../../helpers/photo-files.ts";

const head: HeadContext = {
  ...context,
  feeds: [
    { pageUrl: "/", title: "Le Quotidien", atomPath: "/atom.xml", jsonPath: "/feed.json" },
    {
      pageUrl: "/international/",
      title: "International – Le Quotidien",
      atomPath: "/international/atom.xml",
      jsonPath: "/international/feed.json",
    },
    {
      pageUrl: "/economie/",
      title: "Économie – Le Quotidien",
      atomPath: "/economie/atom.xml",
      jsonPath: "/economie/feed.json",
    },
  ],
};
const article = makeArticle({ modified: "2023-04-18T16:30:00+02:00", tags: ["Chine", "Russie"] });
const values = (tags: { key: string; content: string }[], key: string) =>
  tags.filter((tag) => tag.key === key).map((tag) => tag.content);

describe("headMeta on an article", () => {
  const result = headMeta({ url: article.url, title: article.title, description: article.excerpt, article }, head);

  it("titles the page « headline – site » with an absolute canonical", () => {
    expect(result.title).toBe(`${article.title} – Le Quotidien`);
    expect(result.canonical).toBe("https://www.exemple.fr/actu/international/un-titre/");
    // Search engines may show large image previews of every page but the 404.
    expect(result.robots).toBe("max-image-preview:large");
  });

  it("has the Open Graph article tags, one per tag, and a large Twitter card", () => {
    expect(values(result.meta, "og:type")).toEqual(["article"]);
    expect(values(result.meta, "og:locale")).toEqual(["fr_FR"]);
    expect(values(result.meta, "og:url")).toEqual([result.canonical]);
    expect(values(result.meta, "og:image")).toEqual(["https://www.exemple.fr/actu/international/un-titre/social.png"]);
    expect(values(result.meta, "article:published_time")).toEqual([article.published.iso]);
    expect(values(result.meta, "article:modified_time")).toEqual(["2023-04-18T16:30:00+02:00"]);
    expect(values(result.meta, "article:section")).toEqual(["International"]);
    expect(values(result.meta, "article:tag")).toEqual(["Chine", "Russie"]);
    expect(values(result.meta, "twitter:card")).toEqual(["summary_large_image"]);
    expect(values(result.meta, "twitter:image")).toEqual(values(result.meta, "og:image"));
    expect(result.meta.find((tag) => tag.key === "twitter:card")?.attribute).toBe("name");
  });

  it("links the site's and its section's feeds, not other sections'", () => {
    expect(result.links.map((link) => link.href)).toEqual([
      "/atom.xml",
      "/feed.json",
      "/international/atom.xml",
      "/international/feed.json",
    ]);
  });

  it("carries NewsArticle and BreadcrumbList JSON-LD", () => {
    expect(result.jsonLd.map((json) => JSON.parse(json)["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
  });
});

describe("headMeta on an article with a lead photo", () => {
  const withPhoto = { ...article, leadPhoto: leadPhotoOf(2400, 1600) };
  const result = headMeta({ url: article.url, article: withPhoto }, head);

  it("shares the photo cropped to 1200×630, described by its alt text", () => {
    const crop = "https://www.exemple.fr/actu/photos/international/2023-04-18-moscou-1200x630.jpg";
    expect(values(result.meta, "og:image")).toEqual([crop]);
    expect(values(result.meta, "og:image:type")).toEqual(["image/jpeg"]);
    expect(values(result.meta, "og:image:width")).toEqual(["1200"]);
    expect(values(result.meta, "og:image:height")).toEqual(["630"]);
    expect(values(result.meta, "og:image:alt")).toEqual(["Deux hommes se serrent la main"]);
    expect(values(result.meta, "twitter:image")).toEqual([crop]);
  });

  it("gives search engines its 16:9, 4:3 and 1:1 crops", () => {
    const [newsArticle] = result.jsonLd.map((json) => JSON.parse(json));
    expect(newsArticle.image.map((image: { url: string }) => image.url.replace(/^.*moscou-/, ""))).toEqual([
      "16x9.jpg",
      "4x3.jpg",
      "1x1.jpg",
    ]);
  });
});

describe("headMeta on other pages", () => {
  it("gives the home page the site name as title, the WebSite JSON-LD and the site card", () => {
    const result = headMeta({ url: "/", listing: { name: "Le Quotidien", url: "/", articles: [article] } }, head);
    expect(result.title).toBe("Le Quotidien");
    expect(result.description).toBe("Un journal.");
    expect(result.jsonLd.map((json) => JSON.parse(json)["@type"])).toEqual(["WebSite"]);
    expect(values(result.meta, "og:type")).toEqual(["website"]);
    expect(values(result.meta, "og:image")).toEqual(["https://www.exemple.fr/actu/assets/social.png"]);
  });

  it("describes a list page from its listing alone", () => {
    const result = headMeta(
      { url: "/economie/", listing: { name: "Économie", description: "L’économie.", url: "/economie/", articles: [] } },
      head,
    );
    expect(result.title).toBe("Économie – Le Quotidien");
    expect(result.description).toBe("L’économie.");
    expect(result.jsonLd.map((json) => JSON.parse(json)["@type"])).toEqual(["CollectionPage", "BreadcrumbList"]);
    expect(result.links.map((link) => link.href)).toContain("/economie/atom.xml");
  });

  it("describes an author's page as a ProfilePage under « Auteurs »", () => {
    const [claire] = authors;
    const listing = {
      name: "Claire Martin",
      description: "Claire Martin suit la diplomatie.",
      url: "/auteurs/claire-martin/",
      articles: [article],
      crumbs: [{ name: "Auteurs", url: "/auteurs/" }],
      profile: claire!,
    };
    const result = headMeta({ url: listing.url, listing }, head);
    expect(result.title).toBe("Claire Martin – Le Quotidien");
    expect(result.description).toBe("Claire Martin suit la diplomatie.");
    const [profile, trail] = result.jsonLd.map((json) => JSON.parse(json));
    expect(profile["@type"]).toBe("ProfilePage");
    expect(profile.mainEntity.name).toBe("Claire Martin");
    expect(trail.itemListElement.map((item: { name: string }) => item.name)).toEqual([
      "Accueil",
      "Auteurs",
      "Claire Martin",
    ]);
  });

  it("titles and describes a page about the publisher from its front matter", () => {
    const trustPage = makeTrustPage({ roles: ["contactPoint"] });
    const result = headMeta({ url: "/contact/", trustPage }, head);
    expect(result.title).toBe("Contact – Le Quotidien");
    expect(result.description).toBe("Nous écrire.");
    expect(result.canonical).toBe("https://www.exemple.fr/actu/contact/");
    expect(result.jsonLd.map((json) => JSON.parse(json)["@type"])).toEqual(["ContactPage", "BreadcrumbList"]);
  });

  it("keeps a noindex page out: robots noindex, no canonical, no og:url, no JSON-LD", () => {
    const result = headMeta({ url: "/404.html", title: "Page introuvable", noindex: true }, head);
    expect(result.robots).toBe("noindex");
    expect(result.canonical).toBeNull();
    expect(values(result.meta, "og:url")).toEqual([]);
    expect(result.jsonLd).toEqual([]);
  });
});

describe("ogLocale", () => {
  it("writes locales the Open Graph way", () => expect(ogLocale("fr-FR")).toBe("fr_FR"));
});
