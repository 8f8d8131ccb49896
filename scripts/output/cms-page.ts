/**
 * The CMS's page, /admin/: Decap CMS's bundle and our script, under a policy of its own. It is
 * never listed (no sitemap, feed or list names it), asks search engines not to index it, and is
 * deployed only when settings.yaml says so (`cms.deploy`).
 */

import type { CmsSettings } from "../input/schema.ts";
import { escapeXml } from "../text/xml.ts";

/** Where the CMS lives, on the preview and on the site. */
export const CMS_FOLDER = "/admin/";
/** Decap's files, under the CMS's folder. */
export const DECAP_FOLDER = `${CMS_FOLDER}decap/`;

/**
 * The CMS page's Content-Security-Policy. Decap CMS needs more than the site's pages (which run
 * no script): `'unsafe-eval'` (it compiles its configuration's JSON schema with ajv, which builds
 * functions from text: decaporg/decap-cms#2343), `'unsafe-inline'` styles (its components inject
 * their CSS), `blob:` and `data:` images (photos chosen but not yet saved). Scripts come from the
 * site's own origin only; `connect` names the backend it talks to (the local backend, or the git
 * host's API and its OAuth).
 */
export function cmsContentSecurityPolicy(connect: readonly string[], images: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${images.join(" ")}`.trim(),
    "font-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' blob: data: ${connect.join(" ")}`.trim(),
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** The page: French, never indexed, Decap's bundle then ours. */
export function cmsPageHtml(options: { siteName: string; contentSecurityPolicy: string }): string {
  return [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXml(options.contentSecurityPolicy)}">`,
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="same-origin">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>Rédaction – ${escapeXml(options.siteName)}</title>`,
    `<link href="${CMS_FOLDER}config.yml" type="text/yaml" rel="cms-config-url">`,
    "</head><body>",
    `<script src="${DECAP_FOLDER}decap-cms.js"></script>`,
    `<script src="${CMS_FOLDER}admin.js"></script>`,
    "</body></html>\n",
  ].join("");
}

/** What the deployed CMS talks to, by git host: its API, and where editors' avatars come from. */
export const GIT_HOSTS = {
  github: { connect: ["https://api.github.com"], images: ["https://avatars.githubusercontent.com"] },
  gitlab: { connect: ["https://gitlab.com"], images: ["https://gitlab.com", "https://secure.gravatar.com"] },
} as const;

/** The deployed CMS page's policy, or null when settings.yaml does not deploy the CMS. */
export function deployedCmsPolicy(cms: CmsSettings | undefined): string | null {
  if (!cms?.deploy) return null;
  const host = GIT_HOSTS[cms.backend];
  return cmsContentSecurityPolicy(host.connect, host.images);
}
