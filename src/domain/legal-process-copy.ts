/**
 * Which documents of the legal process a customer holds a copy of: those the agency served (not
 * the provider's own letters, forms and drafts), as served, when they concern this customer alone.
 * Documents that also name other customers' accounts are not sent: those identifiers are the other
 * customers' data (GDPR Art. 5(1)(c)), and redacting a scan reliably is not something Writ can
 * promise; the notice then states the process as it concerns this customer and says why.
 * Pure: the notice, its webhook body and the portal all ask this one question.
 */
import type { Demand, DemandDocument } from './demand.ts';

/** Why a customer gets no copy of the documents: stable codes for machines and templates. */
export type CopyWithheld = 'other_customers_accounts' | 'no_documents';

/** Copies larger than this in all go by the portal only, not as e-mail attachments. */
export const COPY_EMAIL_MAX_BYTES = 10 * 1024 * 1024;

export interface LegalProcessCopy {
  documents: DemandDocument[];
  withheld: CopyWithheld | null;
  /** The copies fit in an e-mail (else the notice points to the portal). */
  fitsEmail: boolean;
}

/**
 * The copy as the API shows it: each served document with its hash and the path that serves it
 * to the customer's admins (`base` prefixes the path: the portal's address in a webhook), or why
 * there is none.
 */
export function describeCopy(d: Demand, customerId: string, base = '') {
  const copy = legalProcessCopy(d, customerId);
  return {
    documents: copy.documents.map((x) => ({
      id: x.id,
      filename: x.filename,
      mediaType: x.mediaType,
      sizeBytes: x.sizeBytes,
      sha256: x.sha256,
      href: `${base}/api/v1/demands/${encodeURIComponent(d.reference)}/documents/${x.id}`,
    })),
    withheld: copy.withheld,
  };
}

export function legalProcessCopy(d: Demand, customerId: string): LegalProcessCopy {
  const served = d.documents.filter((x) => !x.internal && !x.madeByProvider);
  if (!served.length) return { documents: [], withheld: 'no_documents', fitsEmail: true };
  if (d.targets.some((t) => t.customerId !== customerId))
    return { documents: [], withheld: 'other_customers_accounts', fitsEmail: true };
  const bytes = served.reduce((n, x) => n + x.sizeBytes, 0);
  return { documents: served, withheld: null, fitsEmail: bytes <= COPY_EMAIL_MAX_BYTES };
}
