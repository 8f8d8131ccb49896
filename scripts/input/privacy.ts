/**
 * The page « Données personnelles »: what the site collects from its readers (nothing, by
 * construction: reader pages set no cookie, run no script and load nothing from another site,
 * which the build checks on every page it writes, scripts/output/reader-pages.ts), and what the
 * publisher declares in publisher.yaml's `privacy` that it processes elsewhere: a newsletter, a
 * contact form run by another service, audience measurement in the terms of the CNIL's
 * exemption from consent.
 */
import { typesetPlainText } from "./markdown.ts";
import { CNIL_AUDIENCE_RETENTION_MONTHS, type Publisher } from "./schema.ts";

export interface OutsideService {
  provider: string;
  url: string;
  retention: string | null;
}

export interface PrivacyNotice {
  /** The controller (responsable du traitement): the publisher's legal name, else its name. */
  controller: string;
  /** Where readers exercise their rights; null only in the preview (a build refuses it). */
  contact: string | null;
  audience: { tool: string; provider: string | null; retentionMonths: number; maxMonths: number } | null;
  newsletter: OutsideService | null;
  contactForm: OutsideService | null;
}

function service(declared: { provider: string; url: string; retention?: string | undefined } | undefined) {
  if (!declared) return null;
  return {
    provider: typesetPlainText(declared.provider),
    url: declared.url,
    retention: declared.retention ? typesetPlainText(declared.retention) : null,
  };
}

/**
 * The notice. Readers exercise their rights at `privacy.contact`, else at the publisher's `email`,
 * which the legal notice requires (legal-notice.ts): a build refuses a site without either.
 */
export function privacyNotice(publisher: Publisher): PrivacyNotice {
  const privacy = publisher.privacy;
  const legalName = publisher.legal?.publisher?.name;
  const audience = privacy?.audienceMeasurement;
  return {
    controller: typesetPlainText(typeof legalName === "string" ? legalName : publisher.name),
    contact: privacy?.contact ?? publisher.email ?? null,
    audience: audience
      ? {
          tool: typesetPlainText(audience.tool),
          provider: audience.provider ? typesetPlainText(audience.provider) : null,
          retentionMonths: audience.retentionMonths,
          maxMonths: CNIL_AUDIENCE_RETENTION_MONTHS,
        }
      : null,
    newsletter: service(privacy?.newsletter),
    contactForm: service(privacy?.contactForm),
  };
}
