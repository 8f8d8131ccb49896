/**
 * The search page's script (/recherche/), the only script the site sends: bundled by the build
 * (scripts/publish/search-index.ts) into the search files' folder. It shows results as the
 * reader types and for `?q=` in the URL, with filters by section and year and a choice of order,
 * keeps the URL in step (a search can be shared or bookmarked), and announces the number of
 * results to screen readers. Without it, the page's form still sends `?q=` to the page, which
 * then offers the sections, topics and archives (src/search.njk).
 */
import { excerptOf, type Hit, SearchEngine } from "./search-engine.ts";

/** Results shown at once; « Afficher plus » shows as many more. */
const PAGE = 10;
/** Typing pauses this long before a search runs. */
const TYPING_MS = 120;

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
};

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("fr-FR")} ${count > 1 ? many : one}`;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // Files are written gzipped (1f 8b); a host may already have decoded them.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function start(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const files = new URL(".", script?.src ?? location.href);
  // The site's root (with any path prefix): the script's folder is just below it.
  const site = new URL("../", files);
  const form = byId<HTMLFormElement>("recherche-formulaire");
  const input = byId<HTMLInputElement>("recherche-q");
  const section = byId<HTMLSelectElement>("recherche-rubrique");
  const year = byId<HTMLSelectElement>("recherche-annee");
  const order = byId<HTMLSelectElement>("recherche-tri");
  const status = byId<HTMLElement>("recherche-etat");
  const list = byId<HTMLOListElement>("recherche-resultats");
  const more = byId<HTMLButtonElement>("recherche-plus");

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  const wantedSection = params.get("rubrique") ?? "";
  const wantedYear = params.get("annee") ?? "";
  order.value = params.get("tri") === "date" ? "date" : "pertinence";

  const load = async (file: string): Promise<Uint8Array> => {
    const response = await fetch(new URL(file, files));
    if (!response.ok) throw new Error(`${file}: ${response.status}`);
    return gunzip(new Uint8Array(await response.arrayBuffer()));
  };
  const opened = typeof DecompressionStream === "function" ? SearchEngine.open(load) : Promise.reject();
  // Without an index (a browser too old, a host that lost it), the filters have nothing to filter.
  opened.catch(() => document.body.classList.add("search-unavailable"));

  let run = 0;
  let shown: Hit[] = [];
  /** Says `text` in the status region, noting which query (and filters) it is about: the URL's search. */
  const say = (text: string) => {
    status.textContent = text;
    status.dataset.for = location.search;
  };
  let shownCount = 0;

  const option = (select: HTMLSelectElement, value: string, label: string) => {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    select.append(element);
  };

  /** Fills a filter with the values the results have, each with its count; keeps the choice. */
  const fill = (select: HTMLSelectElement, all: string, values: [value: string, label: string, count: number][]) => {
    const chosen = select.value || (select === section ? wantedSection : wantedYear);
    select.replaceChildren();
    option(select, "", all);
    for (const [value, label, count] of values) option(select, value, `${label} (${count.toLocaleString("fr-FR")})`);
    select.value = values.some(([value]) => value === chosen) ? chosen : "";
  };

  const showMore = async (engine: SearchEngine, current: number, query: string) => {
    const terms = engine.terms(query);
    const next = shown.slice(shownCount, shownCount + PAGE);
    const documents = await Promise.all(next.map((hit) => engine.document(hit.number)));
    if (current !== run) return;
    const items = documents.map((found) => {
      const item = document.createElement("li");
      item.className = "search-result";
      const heading = document.createElement("h2");
      const link = document.createElement("a");
      link.href = new URL(found.url.replace(/^\//, ""), site).pathname;
      link.textContent = found.title;
      heading.append(link);
      const meta = document.createElement("p");
      meta.className = "search-result-meta";
      const time = document.createElement("time");
      time.dateTime = found.iso;
      time.textContent = found.date;
      meta.append(`${found.section} · `, time);
      const excerpt = document.createElement("p");
      for (const part of excerptOf(found.text, terms, engine.stemmer)) {
        if (part.marked) {
          const mark = document.createElement("mark");
          mark.textContent = part.text;
          excerpt.append(mark);
        } else {
          excerpt.append(part.text);
        }
      }
      item.append(heading, meta, excerpt);
      return item;
    });
    list.append(...items);
    // Focus moves to the first new result, so that a keyboard reader carries on from there.
    if (shownCount > 0) items[0]?.querySelector("a")?.focus();
    shownCount += next.length;
    more.hidden = shownCount >= shown.length;
  };

  const search = async () => {
    const current = ++run;
    const query = input.value;
    const url = new URL(location.href);
    url.search = "";
    if (query.trim() !== "") url.searchParams.set("q", query);
    if (section.value) url.searchParams.set("rubrique", section.value);
    if (year.value) url.searchParams.set("annee", year.value);
    if (order.value === "date") url.searchParams.set("tri", "date");
    history.replaceState(null, "", url);
    const unavailable = () => {
      if (current !== run) return;
      list.replaceChildren();
      more.hidden = true;
      say(
        "La recherche est indisponible pour le moment. Les rubriques, sujets et archives ci-dessous restent accessibles.",
      );
    };
    let engine: SearchEngine;
    try {
      engine = await opened;
    } catch {
      unavailable();
      return;
    }
    if (query.trim() === "") {
      if (current !== run) return;
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    const terms = engine.terms(query);
    let hits: Hit[];
    try {
      hits = terms.stems.length === 0 && terms.prefix === null ? [] : await engine.search(query);
    } catch {
      // A shard that did not load (the network went): the next search tries again.
      unavailable();
      return;
    }
    if (current !== run) return;
    const bySection = new Map<string, number>();
    const byYear = new Map<string, number>();
    for (const hit of hits) {
      const hitSection = engine.sectionOf(hit.number);
      const hitYear = engine.yearOf(hit.number);
      if (!year.value || hitYear === year.value) bySection.set(hitSection, (bySection.get(hitSection) ?? 0) + 1);
      if (!section.value || hitSection === section.value) byYear.set(hitYear, (byYear.get(hitYear) ?? 0) + 1);
    }
    fill(
      section,
      "Toutes les rubriques",
      engine.manifest.sections.flatMap(({ slug, name }) => {
        const count = bySection.get(slug);
        return count ? [[slug, name, count] as [string, string, number]] : [];
      }),
    );
    fill(
      year,
      "Toutes les années",
      [...byYear].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([name, count]) => [name, name, count]),
    );
    shown = hits.filter(
      (hit) =>
        (!section.value || engine.sectionOf(hit.number) === section.value) &&
        (!year.value || engine.yearOf(hit.number) === year.value),
    );
    if (order.value === "date") shown.sort((a, b) => b.number - a.number);
    shownCount = 0;
    list.replaceChildren();
    more.hidden = true;
    if (shown.length === 0) {
      say(
        terms.stems.length === 0 && terms.prefix === null
          ? `« ${query.trim()} » est trop courant pour être cherché : précisez avec d’autres mots.`
          : `Aucun article ne correspond à « ${query.trim()} »${section.value || year.value ? " avec ces filtres" : ""}.`,
      );
      return;
    }
    try {
      await showMore(engine, current, query);
    } catch {
      unavailable();
      return;
    }
    if (current !== run) return;
    say(
      `${plural(shown.length, "article trouvé", "articles trouvés")}${order.value === "date" ? ", du plus récent au plus ancien" : ", les plus pertinents d’abord"}.`,
    );
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(search, TYPING_MS);
  });
  for (const select of [section, year, order]) select.addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void search();
  });
  more.addEventListener("click", () => {
    void opened.then((engine) => showMore(engine, run, input.value)).catch(() => undefined);
  });
  // The page says live search needs JavaScript until this runs; now it offers the filters instead.
  document.body.classList.add("search-ready");
  if (input.value.trim() !== "" || wantedSection || wantedYear) void search();
}

start();
