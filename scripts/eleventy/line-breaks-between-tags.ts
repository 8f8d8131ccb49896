/**
 * Templates are written one element a line, indented, for the people who edit them; readers'
 * browsers need none of that whitespace. Dropping it once, when a template is loaded, makes
 * Nunjucks write pages that are already minified, instead of minifying every page afterwards
 * (html-minifier-terser parses about 4 MB/s: most of a large build). tests/minified-pages.test.ts
 * checks that html-minifier-terser finds nothing left to remove.
 *
 * The rule: a line break, with the spaces around it, between two tags (HTML `<…>`, Nunjucks
 * `{% … %}` or `{# … #}`, or an output `{{ … }}` on one side) is dropped. Whitespace within a line
 * is kept, so a space that inline content needs is written on the line. Two outputs (`}}` and
 * `{{`) are never joined across a line break: they may be words.
 */
const LINE_BREAK_BETWEEN_TAGS = /(>|%\}|#\})[ \t]*\r?\n\s*(?=<|\{[%#{])|(\}\})[ \t]*\r?\n\s*(?=<|\{[%#])/g;
/** What follows the last tag: a template file's final newline would end up inside the page. */
const TRAILING_WHITESPACE = /(>|%\}|#\})\s+$/;

export function dropLineBreaksBetweenTags(template: string): string {
  return template.replace(LINE_BREAK_BETWEEN_TAGS, "$1$2").replace(TRAILING_WHITESPACE, "$1");
}
