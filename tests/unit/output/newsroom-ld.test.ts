import { describe, expect, it } from "vitest";
import type { Publisher } from "../../../scripts/input/schema.ts";
import { authorRefLd, correctionLd, organizationPoliciesLd, profileLd } from "../../../scripts/output/newsroom-ld.ts";
import { authors, context, makeArticle, publisher } from "../../helpers/articles.ts";

const site = context.siteUrl;
const [claire, newsroom] = authors;

describe("authorRefLd", () => {
  it("makes a named author a Person with their page and their links elsewhere", () => {
    const [author] = makeArticle({ authors: ["claire-martin"] }).authors;
    expect(authorRefLd(author!, site)).toEqual({
      "@type": "Person",
      name: "Claire Martin",
      url: "https://www.exemple.fr/actu/auteurs/claire-martin/",
      sameAs: ["https://x.example/claire_martin", "https://www.claire-martin.example/"],
    });
  });

  it("makes the newsroom an Organization, without sameAs when it has no links", () => {
    const [author] = makeArticle({ authors: ["la-redaction"] }).authors;
    expect(authorRefLd(author!, site)).toEqual({
      "@type": "Organization",
      name: "La Rédaction",
      url: "https://www.exemple.fr/actu/auteurs/la-redaction/",
    });
  });
});

describe("profileLd", () => {
  it("describes a person by their role (jobTitle) and biography", () => {
    expect(profileLd(claire!, site)).toEqual({
      "@type": "Person",
      name: "Claire Martin",
      url: "https://www.exemple.fr/actu/auteurs/claire-martin/",
      jobTitle: "Journaliste, service International",
      description: "Claire Martin suit la diplomatie.",
      sameAs: ["https://x.example/claire_martin", "https://www.claire-martin.example/"],
    });
  });

  it("gives an organization no jobTitle, which schema.org keeps for people", () => {
    expect(profileLd(newsroom!, site)).toEqual({
      "@type": "Organization",
      name: "La Rédaction",
      url: "https://www.exemple.fr/actu/auteurs/la-redaction/",
      description: "Les articles écrits ensemble.",
    });
  });
});

describe("correctionLd", () => {
  it("is a CorrectionComment with the notice's date and text", () => {
    const [correction] = makeArticle({
      corrections: [{ date: "2023-04-18T16:30:00+02:00", text: "Un nom était mal écrit." }],
    }).corrections;
    expect(correctionLd(correction!)).toEqual({
      "@type": "CorrectionComment",
      datePublished: "2023-04-18T16:30:00+02:00",
      text: "Un nom était mal écrit.",
    });
  });
});

describe("organizationPoliciesLd", () => {
  const withPages: Publisher = {
    ...publisher,
    email: "redaction@exemple.fr",
    pages: [
      { slug: "a-propos", roles: ["masthead"] },
      { slug: "charte", roles: ["publishingPrinciples", "ethicsPolicy"] },
      { slug: "corrections", roles: ["correctionsPolicy"] },
      { slug: "contact", roles: ["contactPoint"] },
      { slug: "mentions-legales", roles: [] },
    ],
  };

  it("links each policy to the page publisher.yaml gives that role, and says how to reach the newsroom", () => {
    expect(organizationPoliciesLd(withPages, site)).toEqual({
      masthead: "https://www.exemple.fr/actu/a-propos/",
      publishingPrinciples: "https://www.exemple.fr/actu/charte/",
      ethicsPolicy: "https://www.exemple.fr/actu/charte/",
      correctionsPolicy: "https://www.exemple.fr/actu/corrections/",
      contactPoint: {
        "@type": "ContactPoint",
        contactType: "Rédaction",
        email: "redaction@exemple.fr",
        url: "https://www.exemple.fr/actu/contact/",
      },
    });
  });

  it("gives only what is given", () => {
    expect(organizationPoliciesLd(publisher, site)).toEqual({});
    expect(organizationPoliciesLd({ ...publisher, email: "redaction@exemple.fr" }, site)).toEqual({
      contactPoint: { "@type": "ContactPoint", contactType: "Rédaction", email: "redaction@exemple.fr" },
    });
  });
});
