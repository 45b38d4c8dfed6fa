/** The shapes of the mail-intake API (src/http/presenters/draft.ts), as the pages read them. */
export interface Evidence {
  page: number;
  start: number;
  end: number;
  text: string;
  boxes: { x: number; y: number; w: number; h: number }[];
}
export interface FieldView<T = unknown> {
  value: T;
  confidence: number;
  evidence: Evidence[];
}
export interface DraftSummary {
  id: string;
  state: 'reading' | 'ready' | 'unreadable' | 'confirmed' | 'discarded';
  receivedAt: string;
  subject: string | null;
  from: string | null;
  sender: { verdict: string; label: string };
  instrument: string | null;
  problems: number;
  demand: { reference: string } | null;
}
export interface Draft extends Omit<DraftSummary, 'problems'> {
  via: 'smtp' | 'imap' | null;
  sender: {
    verdict: string;
    label: string;
    reasons: string[];
    agencyId: string | null;
    authentication: {
      dkim: { domain: string; result: string }[];
      spf: { result: string };
      dmarc: { result: string };
      arc: { result: string };
    };
  };
  documents: {
    index: number;
    filename: string;
    mediaType: string;
    read: boolean;
    problem: string | null;
    primary: boolean;
  }[];
  fields:
    | (Record<string, FieldView | null> & {
        identifiers: (FieldView<{ kind: string; value: string }> & { match: { customerName: string } | null })[];
      })
    | null;
  pages: { page: number; source: 'text' | 'ocr'; confidence: number; text: string }[];
  problems: string[];
  suggested: Record<string, unknown>;
  discardReason: string | null;
}

export const FIELD_LABELS: Record<string, string> = {
  instrument: 'Instrument',
  issuingAuthority: 'Issued by',
  jurisdiction: 'Country',
  caseNumber: 'Case number',
  issuedAt: 'Issued on',
  executeBy: 'Execute by',
  dataCategories: 'Data asked for',
  dateRange: 'Date range',
  secrecyOrder: 'Secrecy order',
  emergency: 'Emergency',
  requesterName: 'Requester',
  requesterEmail: 'Requester e-mail',
  requesterPhone: 'Requester phone',
  signed: 'Signed',
};

export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('from' in o && 'to' in o) return `${o.from ?? '…'} to ${o.to ?? 'now'}`;
    if ('legalBasis' in o)
      return `${o.legalBasis}, ${o.untilFurtherOrder ? 'until further order' : `until ${o.endsAt ?? '?'}`}`;
    return JSON.stringify(v);
  }
  return String(v);
}
