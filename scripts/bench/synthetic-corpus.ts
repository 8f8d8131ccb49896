/**
 * Synthetic French articles for the benchmark: seeded and deterministic, realistic in shape
 * (500–900 words, subheadings, quotes, tags, dates over two years, several sections).
 * Never published: the benchmark writes them to temporary folders only.
 */
import { DateTime } from "luxon";
import { slugify } from "../text/slug.ts";

export interface SyntheticArticle {
  section: string;
  slug: string;
  /** The publication day in Europe/Paris, as in file names: 2024-03-06. */
  day: string;
  /** ISO 8601 with the Paris offset. */
  date: string;
  title: string;
  standfirst: string;
  author: string;
  tags: string[];
  /** Markdown: paragraphs, ## subheadings, > quotes. */
  body: string;
  wordCount: number;
  /** A lead photo, for one article in three when asked for: which of the PHOTO_VARIANTS it shows. */
  photo: { variant: number; alt: string; caption: string; credit: string } | null;
}

/** Distinct photos a corpus shows (generated once each, 2400×1600: scripts/bench/synthetic-photo.ts). */
export const PHOTO_VARIANTS = 6;
export const PHOTO_SIZE = { width: 2400, height: 1600 } as const;

const PHOTOGRAPHERS = ["Alexander Zemlianichenko / AP", "Ludovic Marin / AFP", "Claire Martin", "Reuters"];

/** mulberry32: tiny, fast and good enough to pick words. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "gouvernement ministre réforme budget économie croissance emploi entreprise marché inflation " +
  "énergie électricité pétrole gaz climat sécheresse agriculture récolte élection campagne vote " +
  "député sénateur assemblée parlement loi décret tribunal justice enquête police sécurité défense " +
  "armée frontière diplomatie sommet accord négociation conflit guerre paix alliance sanction " +
  "commerce exportation importation banque taux crédit dette investissement innovation recherche " +
  "université école élève enseignant santé hôpital médecin patient vaccin épidémie recherche " +
  "culture musée exposition cinéma festival théâtre roman auteur musique patrimoine ville région " +
  "département commune maire habitant logement transport train route aéroport port chantier " +
  "projet rapport étude chiffre hausse baisse semaine mois année décennie avenir passé présent " +
  "question réponse débat opposition majorité syndicat grève manifestation accord salaire retraite " +
  "famille jeunesse société liberté droit citoyen presse information vérité confiance avenir " +
  "le la les un une des du de et à dans pour avec sans sur sous entre depuis vers selon après avant " +
  "nouveau grand petit important récent prochain dernier premier national international européen " +
  "français local public privé économique politique social culturel scientifique historique " +
  "annonce confirme explique souligne estime rappelle prévoit propose refuse défend critique " +
  "observe constate redoute espère affirme précise ajoute indique reconnaît dénonce"
).split(" ");

const TAGS = [
  "Chine",
  "Russie",
  "États-Unis",
  "Union européenne",
  "Guerre en Ukraine",
  "Défense",
  "Élections",
  "Assemblée nationale",
  "Retraites",
  "Inflation",
  "Énergie",
  "Climat",
  "Agriculture",
  "Santé",
  "Hôpital",
  "Éducation",
  "Justice",
  "Sécurité",
  "Immigration",
  "Logement",
  "Transports",
  "Industrie",
  "Numérique",
  "Intelligence artificielle",
  "Espace",
  "Recherche",
  "Cinéma",
  "Littérature",
  "Musique",
  "Patrimoine",
  "Festival d’Avignon",
  "Droits de l’homme",
  "Taïwan",
  "Hong Kong",
  "Afrique",
  "Moyen-Orient",
  "Amérique latine",
  "Inde",
  "Japon",
  "Royaume-Uni",
  "Allemagne",
  "Italie",
  "Budget",
  "Dette publique",
  "Emploi",
  "Syndicats",
  "Banque centrale européenne",
  "Bourse",
  "Entreprises",
  "Commerce",
  "Océans",
  "Biodiversité",
  "Vaccins",
  "Épidémies",
  "Sport",
  "Jeux olympiques",
  "Paris",
  "Marseille",
  "Lyon",
  "Outre-mer",
];

const AUTHORS = ["La Rédaction", "Claire Martin", "Julien Moreau", "Sophie Lambert", "Nicolas Petit", "Élise Durand"];

export const SECTIONS = ["international", "france", "economie", "sciences", "culture"];

/** The last day of the synthetic archive; articles spread over the two years before it. */
const END = DateTime.fromISO("2024-12-31T18:00:00", { zone: "Europe/Paris" });
const SPAN_MS = 2 * 365 * 24 * 3600 * 1000;

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Zipf-like: a few tags are everywhere, most are rare, like a real newsroom's. */
function pickTag(random: () => number): string {
  return TAGS[Math.floor(TAGS.length * random() ** 2)] as string;
}

function sentence(random: () => number, words: number): string {
  const parts = Array.from({ length: words }, () => pick(random, WORDS));
  const text = parts.join(" ");
  const end = random() < 0.08 ? " ?" : ".";
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${end}`;
}

function paragraph(random: () => number, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const length = Math.min(left, 8 + Math.floor(random() * 14));
    sentences.push(sentence(random, length));
    left -= length;
  }
  return sentences.join(" ");
}

function body(random: () => number, targetWords: number): { markdown: string; words: number } {
  const blocks: string[] = [];
  let words = 0;
  const subheadingEvery = 2 + Math.floor(random() * 3);
  let paragraphs = 0;
  while (words < targetWords) {
    if (paragraphs > 0 && paragraphs % subheadingEvery === 0) {
      const heading = sentence(random, 3 + Math.floor(random() * 4)).replace(/[.?]$/, "");
      blocks.push(`## ${heading}`);
      words += heading.split(" ").length;
    }
    if (paragraphs === 2 || (paragraphs > 4 && random() < 0.12)) {
      const quoteWords = 12 + Math.floor(random() * 18);
      blocks.push(`> « ${sentence(random, quoteWords)} », a déclaré ${pick(random, AUTHORS)}.`);
      words += quoteWords + 4;
    }
    const length = Math.min(targetWords - words, 40 + Math.floor(random() * 50));
    if (length <= 0) break;
    blocks.push(paragraph(random, length));
    words += length;
    paragraphs += 1;
  }
  return { markdown: `${blocks.join("\n\n")}\n`, words };
}

/**
 * `count` articles, the same for the same seed; slugs unique per section. With `photos`, one in
 * three has a lead photo; the text is the same either way (photos draw from a random of their own).
 */
export function generateCorpus(count: number, seed = 20240101, options: { photos?: boolean } = {}): SyntheticArticle[] {
  const photoRandom = seededRandom(seed ^ 0x9e3779b9);
  const random = seededRandom(seed);
  const articles: SyntheticArticle[] = [];
  for (let index = 0; index < count; index += 1) {
    const section = SECTIONS[index % SECTIONS.length] as string;
    const published = END.minus({ milliseconds: Math.floor(random() * SPAN_MS) }).startOf("minute");
    const title = sentence(random, 6 + Math.floor(random() * 8))
      .replace(/[.?]$/, "")
      .slice(0, 100);
    const tags = new Set<string>();
    const tagCount = 2 + Math.floor(random() * 4);
    while (tags.size < tagCount) tags.add(pickTag(random));
    const { markdown, words } = body(random, 500 + Math.floor(random() * 361));
    articles.push({
      section,
      slug: `${slugify(title, 60)}-${index + 1}`,
      day: published.toISODate() ?? "",
      date: published.toISO({ suppressMilliseconds: true, suppressSeconds: false }) ?? "",
      title,
      standfirst: paragraph(random, 25 + Math.floor(random() * 15)),
      author: pick(random, AUTHORS),
      tags: [...tags],
      body: markdown,
      wordCount: words,
      photo:
        options.photos && index % 3 === 0
          ? {
              variant: (index / 3) % PHOTO_VARIANTS,
              alt: sentence(photoRandom, 6 + Math.floor(photoRandom() * 6)).replace(/[.?]$/, ""),
              caption: sentence(photoRandom, 10 + Math.floor(photoRandom() * 10)),
              credit: pick(photoRandom, PHOTOGRAPHERS),
            }
          : null,
    });
  }
  return articles;
}

const yamlString = (text: string) => JSON.stringify(text);

/**
 * The article as this site's source file: front matter our schema accepts, then Markdown; and
 * where its photo goes (beside it, named after it), when it has one.
 */
export function toSiteSource(article: SyntheticArticle): {
  path: string;
  text: string;
  photo?: { path: string; variant: number };
} {
  const photoFile = `${article.day}-${article.slug}.jpg`;
  const { photo } = article;
  const frontMatter = [
    `title: ${yamlString(article.title)}`,
    `standfirst: ${yamlString(article.standfirst)}`,
    `date: ${article.date}`,
    `section: ${article.section}`,
    `author: ${yamlString(article.author)}`,
    `tags: [${article.tags.map(yamlString).join(", ")}]`,
    ...(photo
      ? [
          "image:",
          `  src: ${photoFile}`,
          `  alt: ${yamlString(photo.alt)}`,
          `  caption: ${yamlString(photo.caption)}`,
          `  credit: ${yamlString(photo.credit)}`,
        ]
      : []),
  ].join("\n");
  return {
    path: `${article.section}/${article.day}-${article.slug}.md`,
    text: `---\n${frontMatter}\n---\n\n${article.body}`,
    ...(photo ? { photo: { path: `${article.section}/${photoFile}`, variant: photo.variant } } : {}),
  };
}

/** The same article for the stock Eleventy and Hugo projects: plain Markdown pages with a permalink. */
export function toGenericSource(
  article: SyntheticArticle,
  flavour: "eleventy" | "hugo",
): { path: string; text: string } {
  const permalink = `/${article.section}/${article.slug}/`;
  // The month of publication, as the archive pages group articles: 2024/03.
  const month = article.day.slice(0, 7).replace("-", "/");
  const frontMatter = [
    `title: ${yamlString(article.title)}`,
    `description: ${yamlString(article.standfirst)}`,
    `date: ${article.date}`,
    `author: ${yamlString(article.author)}`,
    `section: ${article.section}`,
    ...(flavour === "eleventy"
      ? [
          `topics: [${article.tags.map(yamlString).join(", ")}]`,
          `month: "${month}"`,
          `permalink: ${permalink}`,
          "layout: layout.njk",
        ]
      : [`sujets: [${article.tags.map(yamlString).join(", ")}]`, `mois: ["${month}"]`, `url: ${permalink}`]),
  ].join("\n");
  return { path: `${article.section}/${article.slug}.md`, text: `---\n${frontMatter}\n---\n\n${article.body}` };
}
