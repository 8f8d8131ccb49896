import { describe, expect, it } from "vitest";
import { privacyNotice } from "../../../scripts/input/privacy.ts";
import type { Publisher } from "../../../scripts/input/schema.ts";
import { publisher as base } from "../../helpers/articles.ts";

const publisher: Publisher = { ...base, email: "redaction@exemple.fr" };

describe("privacyNotice", () => {
  it("declares nothing processed elsewhere when publisher.yaml declares nothing; rights go to the e-mail", () => {
    expect(privacyNotice(publisher)).toEqual({
      controller: "Le Quotidien",
      contact: "redaction@exemple.fr",
      audience: null,
      newsletter: null,
      contactForm: null,
    });
  });

  it("carries what the publisher declares, typeset, with the CNIL's limit beside the retention", () => {
    const notice = privacyNotice({
      ...publisher,
      legal: { publisher: { kind: "company", name: "Le Quotidien SAS" } },
      privacy: {
        contact: "dpo@exemple.fr",
        newsletter: { provider: "Lettres d'essai", url: "https://lettre.exemple.fr/", retention: "un an" },
        contactForm: { provider: "Formulaires", url: "https://contact.exemple.fr/" },
        audienceMeasurement: { tool: "GoAccess", retentionMonths: 13, cnilExemption: true },
      },
    });
    expect(notice).toEqual({
      controller: "Le Quotidien SAS",
      contact: "dpo@exemple.fr",
      audience: { tool: "GoAccess", provider: null, retentionMonths: 13, maxMonths: 25 },
      newsletter: { provider: "Lettres d’essai", url: "https://lettre.exemple.fr/", retention: "un an" },
      contactForm: { provider: "Formulaires", url: "https://contact.exemple.fr/", retention: null },
    });
  });

  it("names the publisher, not a placeholder, as the controller while its legal name is not given", () => {
    const notice = privacyNotice({
      ...publisher,
      legal: { publisher: { kind: "company", name: { placeholder: "à confirmer" } } },
    });
    expect(notice.controller).toBe("Le Quotidien");
  });
});
