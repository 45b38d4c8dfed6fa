/** The customer's record of one demand (GET /api/v1/demands/:ref/customer-record). */
export interface CustomerRecord {
  reference: string;
  agency: { name: string; country: string; kind: string };
  timeline: { eventId: string; type: string; at: string; summary: string }[];
  messages: {
    key: string;
    type: string;
    label: string;
    firstSentAt: string;
    recipients: { channel: string; to: string; at: string; messageId: string }[];
  }[];
  answers: { eventId: string; at: string; answer: string; note: string | null }[];
  disclosures: { eventId: string; at: string; dataCategories: string[]; accounts: { kind: string; value: string }[] }[];
  /** The documents the agency served, as served, when they concern this customer alone; or why none. */
  legalProcess: {
    documents: { id: string; filename: string; mediaType: string; sizeBytes: number; sha256: string; href: string }[];
    withheld: 'other_customers_accounts' | 'no_documents' | null;
  };
}
