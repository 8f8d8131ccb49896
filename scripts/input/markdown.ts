/**
 * The article body renderer: markdown-it, created once, with French typography applied to
 * text tokens only (never to code, URLs or attributes).
 *
 * Raw HTML in bodies is off: it is rendered as text. Links may only use http(s), mailto,
 * root-relative or fragment URLs, so javascript: and data: never reach a page.
 */
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { frenchTypography, spaceBeforeLeadingMark } from "../text/typography.ts";
import { type FigureEnv, figuresRule, LOCAL_FILE, type PhotoLookup } from "./figures.ts";
import { headingIdsRule } from "./heading-ids.ts";
import { type LiveEnv, type UpdateHeading, updateHeadingsRule } from "./live-headings.ts";
import type { ResponsivePhoto } from "./responsive-photos.ts";

const SAFE_URL = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;
/** Images come from this site only: pages load nothing from another origin. */
const SAFE_IMAGE = /^\/(?!\/)/;

/** A link or image target the body may not use; rendered as text, and reported by article.ts. */
export interface RejectedUrl {
  kind: "link" | "image";
  url: string;
}

// validateLink gets no parse environment, so rejections are collected here during one
// (synchronous) renderBody call.
let rejected: RejectedUrl[] | null = null;

const CLOSING_INLINE = new Set(["em_close", "strong_close", "link_close", "s_close", "code_inline"]);

export interface RenderedBody {
  html: string;
  /** The body's visible text, for word counts and excerpts. */
  text: string;
  /** Heading levels and their 1-based source lines, for validation. */
  headings: { level: number; line: number }[];
  /** Link and image targets that were refused, in order, each once. */
  rejectedUrls: RejectedUrl[];
  /** The site's pages the text links to, root-relative, without fragment or query, in order, each once. */
  siteLinks: string[];
  /** Photos shown in the text (scripts/input/figures.ts), in order. */
  photos: ResponsivePhoto[];
  /** Problems with them, each with its line in the file. */
  photoProblems: { line: number; message: string }[];
}

/** Turns images whose source is not on this site into their alt text (figures.ts takes files beside the article). */
function sameOriginImagesRule(state: { tokens: Token[]; Token: typeof Token }): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    block.children = block.children.map((token) => {
      const src = token.attrGet("src") ?? "";
      if (token.type !== "image" || SAFE_IMAGE.test(src) || LOCAL_FILE.test(src)) return token;
      rejected?.push({ kind: "image", url: token.attrGet("src") ?? "" });
      const text = new state.Token("text", "", 0);
      text.content = token.content;
      return text;
    });
  }
}

/**
 * Unwraps links with an empty target (`[clic]()`): markdown-it writes them as href="", a link
 * to the page itself that goes nowhere (found by the property test).
 */
function emptyLinksRule(state: { tokens: Token[] }): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let inEmptyLink = false;
    block.children = block.children.filter((token) => {
      if (token.type === "link_open" && token.attrGet("href") === "") {
        rejected?.push({ kind: "link", url: "" });
        inEmptyLink = true;
        return false;
      }
      // CommonMark links do not nest: the next link_close closes this one.
      if (token.type === "link_close" && inEmptyLink) {
        inEmptyLink = false;
        return false;
      }
      return true;
    });
  }
}

function typographyRule(state: { tokens: Token[] }): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children = block.children;
    children.forEach((token, index) => {
      if (token.type !== "text") return;
      // Runs of spaces show as one; written as one, as a minifier would.
      let content = frenchTypography(token.content.replace(/[ \t\f]{2,}/g, " "));
      const previous = children[index - 1];
      if (previous && CLOSING_INLINE.has(previous.type)) content = spaceBeforeLeadingMark(content) + content;
      token.content = content;
    });
  }
}

function createMarkdown(): MarkdownIt {
  // xhtmlOut off: `<br>`, not `<br />`, as the minified pages around the body are written.
  const md = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false, xhtmlOut: false });
  md.enable("strikethrough");
  md.validateLink = (url: string) => {
    // A file beside the article passes here: figures.ts makes it a photo or reports it.
    const safe = SAFE_URL.test(url.trim()) || LOCAL_FILE.test(url.trim());
    if (!safe) rejected?.push({ kind: "link", url });
    return safe;
  };
  md.core.ruler.push("same_origin_images", sameOriginImagesRule);
  md.core.ruler.push("empty_links", emptyLinksRule);
  // Before typography: the time leaves an update's heading, the headline alone is typeset.
  md.core.ruler.push("update_headings", updateHeadingsRule);
  md.core.ruler.push("french_typography", typographyRule);
  md.core.ruler.push("photo_figures", figuresRule);
  md.core.ruler.push("heading_ids", headingIdsRule);
  // A line break inside a paragraph is a space to the reader (and to a minifier).
  md.renderer.rules.softbreak = () => " ";
  return md;
}

const md = createMarkdown();

function collectText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") parts.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") parts.push(" ");
      }
      parts.push("\n");
    } else if (token.type === "code_block" || token.type === "fence") {
      parts.push(token.content);
    }
  }
  return parts.join("").trim();
}

/**
 * markdown-it ends each block with a line break, which the reader never sees: the body is
 * written minified, like the page around it. Raw HTML is off, so every `>` and `<` in the output
 * is a tag's (text and code have them escaped) and only whitespace between tags goes.
 */
function withoutLineBreaksBetweenTags(html: string): string {
  return html.replace(/>\n(?=<|$)/g, ">");
}

/** Parses a body once: its tokens and what the rules found in it. */
function parseBody(
  markdown: string,
  firstLine: number,
  resolvePhoto: PhotoLookup | undefined,
  live: LiveEnv["live"],
): {
  tokens: Token[];
  env: FigureEnv & LiveEnv;
  rest: Omit<RenderedBody, "html" | "text" | "photos" | "photoProblems">;
} {
  const env: FigureEnv & LiveEnv = { resolvePhoto, firstLine, photos: [], photoProblems: [], live };
  rejected = [];
  let tokens: Token[];
  let refused: RejectedUrl[];
  try {
    tokens = md.parse(markdown, env);
  } finally {
    refused = rejected;
    rejected = null;
  }
  const seen = new Set<string>();
  const rejectedUrls = refused.filter(({ kind, url }) => !seen.has(`${kind} ${url}`) && seen.add(`${kind} ${url}`));
  const siteLinks = new Set<string>();
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      const href = token.type === "link_open" ? token.attrGet("href") : null;
      if (href?.startsWith("/") && !href.startsWith("//")) siteLinks.add(href.replace(/[?#].*$/, ""));
    }
  }
  const headings = tokens
    .filter((token) => token.type === "heading_open")
    .map((token) => ({ level: Number(token.tag.slice(1)), line: (token.map?.[0] ?? 0) + firstLine }));
  return { tokens, env, rest: { headings, rejectedUrls, siteLinks: [...siteLinks] } };
}

const render = (tokens: Token[], env: object) =>
  withoutLineBreaksBetweenTags(md.renderer.render(tokens, md.options, env));

/**
 * Renders an article body. `firstLine` is the body's line number in its file, for messages;
 * `resolvePhoto` finds the photos its figures name.
 */
export function renderBody(markdown: string, firstLine = 1, resolvePhoto?: PhotoLookup): RenderedBody {
  const { tokens, env, rest } = parseBody(markdown, firstLine, resolvePhoto, undefined);
  return {
    ...rest,
    html: render(tokens, env),
    text: collectText(tokens),
    photos: env.photos,
    photoProblems: env.photoProblems,
  };
}

/** One part of a body cut at its level-2 headings: the text before the first, or one heading and what follows it. */
export interface BodyPart {
  /** Null for the text before the first heading. */
  heading: (UpdateHeading & { html: string; text: string }) | null;
  /** What follows the heading, rendered. */
  html: string;
  text: string;
  photos: ResponsivePhoto[];
}

/**
 * Renders a live article's body (live.ts) as its parts: the text before the first level-2
 * heading, then each heading (an update: its time taken off, its id given, in `zone`) with
 * what follows it. Parsed once, like any body.
 */
export function renderBodyParts(
  markdown: string,
  firstLine: number,
  resolvePhoto: PhotoLookup | undefined,
  zone: string,
): Omit<RenderedBody, "html"> & { parts: BodyPart[]; timedSubheadings: { line: number; level: number }[] } {
  const live: NonNullable<LiveEnv["live"]> = { zone, headings: [], timedSubheadings: [] };
  const { tokens, env, rest } = parseBody(markdown, firstLine, resolvePhoto, live);
  const parts: BodyPart[] = [];
  let start = 0;
  let heading: BodyPart["heading"] = null;
  const close = (end: number) => {
    const own = tokens.slice(start, end);
    const photos = own.flatMap((token) => (token.type === "html_block" && token.meta?.photo ? [token.meta.photo] : []));
    parts.push({ heading, html: render(own, env), text: collectText(own), photos });
  };
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.tag !== "h2" || token.level !== 0) return;
    close(index);
    const inline = tokens[index + 1] as Token;
    heading = {
      ...(live.headings[parts.length - 1] as UpdateHeading),
      html: md.renderer.renderInline(inline.children ?? [], md.options, env),
      text: collectText([inline]),
    };
    // The heading's three tokens: open, inline, close.
    start = index + 3;
  });
  close(tokens.length);
  return {
    ...rest,
    text: collectText(tokens),
    photos: env.photos,
    photoProblems: env.photoProblems,
    parts,
    timedSubheadings: live.timedSubheadings,
  };
}

/** Renders one line of inline Markdown-free text with typography, for titles and standfirsts. */
export function typesetPlainText(text: string): string {
  return frenchTypography(text.replace(/\s+/g, " ").trim());
}
