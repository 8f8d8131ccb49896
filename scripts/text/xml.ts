/** Escaping for XML text and attribute values (feeds, sitemaps). */

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** C0 controls other than tab and newlines, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes markup characters and drops characters XML 1.0 forbids, which would make a whole feed
 * unreadable.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** An element with escaped text content, or "" when the value is absent. */
export function xmlElement(name: string, text: string | undefined, attributes = ""): string {
  return text === undefined ? "" : `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
