/**
 * The structured-data pieces that say who stands behind the articles: authors (a Person, or an
 * Organization for a desk, with their page as `url` and their links as `sameAs`), corrections
 * (CorrectionComment) and what the publisher's pages are to the NewsMediaOrganization
 * (publishingPrinciples, correctionsPolicy…, contactPoint). json-ld.ts puts them together.
 */
import type { Author, AuthorRef } from "../input/authors.ts";
import type { Correction } from "../input/corrections.ts";
import type { Publisher } from "../input/schema.ts";
import type { SiteUrl } from "../input/site-url.ts";
import { trustPageUrl } from "../input/urls.ts";

type JsonLd = Record<string, unknown>;

const typeOf = (kind: Author["kind"]) => (kind === "organization" ? "Organization" : "Person");
const sameAs = (urls: readonly string[]) => (urls.length > 0 ? { sameAs: urls } : {});

/** An article's author: who they are, their page on the site and elsewhere. */
export function authorRefLd(author: AuthorRef, site: SiteUrl): JsonLd {
  return { "@type": typeOf(author.kind), name: author.name, url: site.absolute(author.url), ...sameAs(author.sameAs) };
}

/** The author their page is about (a ProfilePage's mainEntity): also their role and biography. */
export function profileLd(author: Author, site: SiteUrl): JsonLd {
  return {
    "@type": typeOf(author.kind),
    name: author.name,
    url: site.absolute(author.url),
    // jobTitle is a Person's property only.
    ...(author.kind === "person" ? { jobTitle: author.role } : {}),
    description: author.bio,
    ...sameAs(author.links.map((link) => link.url)),
  };
}

export function correctionLd(correction: Correction): JsonLd {
  return { "@type": "CorrectionComment", datePublished: correction.iso, text: correction.text };
}

/**
 * The NewsMediaOrganization's links to its policies, from the roles publisher.yaml gives its
 * pages, and how to reach the newsroom (contact page, e-mail) where given.
 */
export function organizationPoliciesLd(publisher: Publisher, site: SiteUrl): JsonLd {
  const fields: JsonLd = {};
  let contactUrl: string | undefined;
  for (const page of publisher.pages) {
    const url = site.absolute(trustPageUrl(page.slug));
    for (const role of page.roles) {
      if (role === "contactPoint") contactUrl = url;
      else fields[role] = url;
    }
  }
  if (contactUrl || publisher.email) {
    fields.contactPoint = {
      "@type": "ContactPoint",
      contactType: "Rédaction",
      ...(publisher.email ? { email: publisher.email } : {}),
      ...(contactUrl ? { url: contactUrl } : {}),
    };
  }
  return fields;
}
