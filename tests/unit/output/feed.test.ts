import { XMLParser } from "fast-xml-parser";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  absolutizeLinks,
  atomFeed,
  FEED_LENGTH,
  FEED_LIVE_UPDATES,
  feedFiles,
  jsonFeed,
  planFeeds,
} from "../../../scripts/output/feed.ts";
import { context, makeArticle } from "../../helpers/articles.ts";
import { liveSource } from "../../helpers/live-article.ts";

const hostile = "</script><script>alert(1)</script> & « ça » <b>";
const articles = [
  makeArticle({
    slug: "deux",
    title: hostile,
    date: "2023-04-19T09:00:00+02:00",
    modified: "2023-04-19T10:00:00+02:00",
    author: "Marie Dupont",
    tags: ["Chine"],
  }),
  makeArticle({ slug: "un", title: "Premier", body: "Voir [la rubrique](/economie/) et [plus bas](#suite).\n" }),
];
const site = { name: "Le Quotidien", description: "Un journal.", url: "/", articles };
const [siteFeed, sectionFeed] = planFeeds(
  site,
  [{ name: "International", description: "Le monde.", url: "/international/", articles }],
  "Le Quotidien",
);
const BUILD = "2024-01-01T00:00:00Z";

describe("planFeeds", () => {
  it("makes the site's feed and one per section, at most FEED_LENGTH entries each", () => {
    const many = Array.from({ length: FEED_LENGTH + 5 }, (_, i) => makeArticle({ slug: `a-${i}` }));
    const [all] = planFeeds({ ...site, articles: many }, [], "Le Quotidien");
    expect(all?.articles).toHaveLength(FEED_LENGTH);
    expect(siteFeed).toMatchObject({ atomPath: "/atom.xml", jsonPath: "/feed.json", title: "Le Quotidien" });
    expect(sectionFeed).toMatchObject({ atomPath: "/international/atom.xml", title: "International – Le Quotidien" });
  });
});

describe("atomFeed", () => {
  const xml = atomFeed(sectionFeed!, context, BUILD);
  const feed = parseAtomFeed(xml);

  it("parses as Atom with absolute, prefixed links", () => {
    expect(feed.title).toMatchObject({ value: "International – Le Quotidien" });
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rel: "self", href: "https://www.exemple.fr/actu/international/atom.xml" }),
        expect.objectContaining({ rel: "alternate", href: "https://www.exemple.fr/actu/international/" }),
      ]),
    );
    expect(feed.updated).toBe("2023-04-19T10:00:00+02:00");
  });

  it("is in French", () => {
    const root = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(root["@_xml:lang"]).toBe("fr");
  });

  it("gives each entry its dates, author, section, tags and summary, escaped", () => {
    const [entry] = feed.entries ?? [];
    const [article] = articles;
    expect(entry?.title).toMatchObject({ value: article?.title });
    expect(entry?.id).toBe("https://www.exemple.fr/actu/international/deux/");
    expect(entry?.links?.[0]?.href).toBe("https://www.exemple.fr/actu/international/deux/");
    expect(entry?.published).toBe(article?.published.iso);
    expect(entry?.updated).toBe("2023-04-19T10:00:00+02:00");
    expect(entry?.authors?.[0]?.name).toBe("Marie Dupont");
    expect(entry?.categories?.map((c) => c.label)).toEqual(["International", "Chine"]);
    expect(entry?.summary).toMatchObject({ value: article?.standfirst });
  });

  it("names every author of an entry with their page, and a free byline alone", () => {
    const signed = makeArticle({ slug: "signe", authors: ["claire-martin", "la-redaction"], author: "avec AFP" });
    const parsed = parseAtomFeed(atomFeed({ ...sectionFeed!, articles: [signed, articles[0]!] }, context, BUILD));
    expect(parsed.entries?.map((entry) => entry.authors?.map((author) => [author.name, author.uri]))).toEqual([
      [
        ["Claire Martin", "https://www.exemple.fr/actu/auteurs/claire-martin/"],
        ["La Rédaction", "https://www.exemple.fr/actu/auteurs/la-redaction/"],
      ],
      [["Marie Dupont", undefined]],
    ]);
    const json = parseJsonFeed(JSON.parse(jsonFeed({ ...sectionFeed!, articles: [signed] }, context)));
    expect(json.items?.[0]?.authors).toEqual([
      { name: "Claire Martin", url: "https://www.exemple.fr/actu/auteurs/claire-martin/" },
      { name: "La Rédaction", url: "https://www.exemple.fr/actu/auteurs/la-redaction/" },
    ]);
  });

  it("makes links inside the content absolute", () => {
    const content = (feed.entries?.[1]?.content as { value?: string } | undefined)?.value ?? "";
    expect(content).toContain('href="https://www.exemple.fr/actu/economie/"');
    expect(content).toContain('href="https://www.exemple.fr/actu/international/un/#suite"');
  });

  it("is updated when its most recently updated entry was, whichever comes first (newest publication)", () => {
    // The newest article was never changed; an older one was corrected after it was published.
    const newest = makeArticle({ slug: "recent", date: "2023-04-20T09:00:00+02:00" });
    const corrected = makeArticle({
      slug: "corrige",
      date: "2023-04-19T09:00:00+02:00",
      corrections: [{ date: "2023-04-21T10:00:00+02:00", text: "Un chiffre corrigé." }],
    });
    const [site] = planFeeds(
      { ...siteFeed!, name: "Le Quotidien", url: "/", articles: [newest, corrected] },
      [],
      "Le Quotidien",
    );
    const parsed = parseAtomFeed(atomFeed(site!, context, BUILD));
    expect(parsed.updated).toBe("2023-04-21T10:00:00+02:00");
    expect(parsed.entries?.map((entry) => entry.updated)).toEqual([
      "2023-04-20T09:00:00+02:00",
      "2023-04-21T10:00:00+02:00",
    ]);
  });

  it("falls back to the build time only when empty", () => {
    expect(parseAtomFeed(atomFeed({ ...sectionFeed!, articles: [] }, context, BUILD)).updated).toBe(BUILD);
  });
});

describe("jsonFeed", () => {
  it("is a JSON Feed 1.1 with the entries' dates and absolute URLs", () => {
    const json = JSON.parse(jsonFeed(siteFeed!, context));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    const feed = parseJsonFeed(json);
    expect(feed.feed_url).toBe("https://www.exemple.fr/actu/feed.json");
    expect(feed.items?.[0]).toMatchObject({
      id: "https://www.exemple.fr/actu/international/deux/",
      title: articles[0]?.title,
      date_published: articles[0]?.published.iso,
      date_modified: "2023-04-19T10:00:00+02:00",
      authors: [{ name: "Marie Dupont" }],
      tags: ["International", "Chine"],
    });
  });
});

describe("feedFiles", () => {
  it("writes an Atom and a JSON file per feed", () => {
    expect(feedFiles([siteFeed!, sectionFeed!], context, BUILD).map((file) => file.path)).toEqual([
      "/atom.xml",
      "/feed.json",
      "/international/atom.xml",
      "/international/feed.json",
    ]);
  });
});

describe("live coverage in feeds", () => {
  const source = liveSource({ updates: FEED_LIVE_UPDATES + 3 });
  const [, frontMatter = "", markdown = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
  const live = makeArticle({
    slug: "direct",
    date: "2024-03-05T07:00:00+01:00",
    live: { start: "2024-03-05T07:00:00+01:00" },
    body: markdown,
  });
  const feed = planFeeds({ ...site, articles: [live] }, [], "Le Quotidien")[0]!;

  it("dates the entry at its latest update", () => {
    expect(frontMatter).toContain("live:");
    const latest = live.liveUpdates?.[0]?.iso;
    expect(latest).toBe("2024-03-05T09:00:00+01:00");
    expect(parseAtomFeed(atomFeed(feed, context, BUILD)).entries?.[0]?.updated).toBe(latest);
    expect(parseJsonFeed(JSON.parse(jsonFeed(feed, context))).items?.[0]?.date_modified).toBe(latest);
  });

  it("carries « L'essentiel » and the latest updates, newest first, with absolute anchors", () => {
    const entry = parseAtomFeed(atomFeed(feed, context, BUILD)).entries?.[0];
    const content = (entry?.content as { value?: string } | undefined)?.value ?? "";
    const document = parseHTML(`<!doctype html><body>${content}</body>`).document;
    expect(document.querySelector(".live-summary h2")?.textContent).toBe("L\u2019essentiel");
    const shown = [...document.querySelectorAll("article.live-update")].map((article) => article.id);
    expect(shown).toEqual(live.liveUpdates?.slice(0, FEED_LIVE_UPDATES).map((update) => update.id));
    expect(document.querySelector(".live-time a")?.getAttribute("href")).toBe(
      `https://www.exemple.fr/actu/international/direct/#${shown[0]}`,
    );
  });
});

describe("a WebSub hub", () => {
  const hub = "https://hub.example/";
  const withHub = { ...context, publisher: { ...context.publisher, ping: { websub: { hub } } } };

  it("is named by both formats when publisher.yaml has one, and by neither otherwise", () => {
    const atom = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "link" }).parse(
      atomFeed(siteFeed!, withHub, BUILD),
    );
    const links = atom.feed.link.map((link: Record<string, string>) => [link["@_rel"], link["@_href"]]);
    expect(links).toContainEqual(["hub", hub]);
    expect(links).toContainEqual(["self", "https://www.exemple.fr/actu/atom.xml"]);
    expect(JSON.parse(jsonFeed(siteFeed!, withHub)).hubs).toEqual([{ type: "WebSub", url: hub }]);
    expect(atomFeed(siteFeed!, context, BUILD)).not.toContain('rel="hub"');
    expect(JSON.parse(jsonFeed(siteFeed!, context))).not.toHaveProperty("hubs");
  });
});

describe("absolutizeLinks", () => {
  it("leaves other origins and mailto alone", () => {
    const html =
      '<a href="https://autre.example/x">x</a> <a href="mailto:a@b.fr">m</a> <img src="/assets/a.png" alt="">';
    expect(absolutizeLinks(html, "/p/", context.siteUrl)).toBe(
      '<a href="https://autre.example/x">x</a> <a href="mailto:a@b.fr">m</a> <img src="https://www.exemple.fr/actu/assets/a.png" alt="">',
    );
  });
});
