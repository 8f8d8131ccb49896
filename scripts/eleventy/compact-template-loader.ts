/**
 * Nunjucks' file loader, with the line breaks between tags dropped from every template it loads
 * (layouts, partials: anything reached by `extends`, `include` or `import`). Loaded templates
 * are compiled once and cached by Nunjucks, so this runs once per template, not once per page.
 */
import nunjucks from "nunjucks";
import { dropLineBreaksBetweenTags } from "./line-breaks-between-tags.ts";

export class CompactTemplateLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name);
    // Nunjucks' types say LoaderSource, but a name it cannot find gives null.
    if (source) source.src = dropLineBreaksBetweenTags(source.src);
    return source;
  }
}
