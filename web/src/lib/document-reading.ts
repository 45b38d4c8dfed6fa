/**
 * What Writ read from a legal document (src/http/presenters/draft.ts), as the pages show it: each
 * field with its value, confidence and evidence (page, span, the boxes of its lines), and the pages'
 * text. A mail draft and the agency's pre-filled form read the same shapes.
 */
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
/** An identifier read; `match` only where the reader may know whose account it is (staff). */
export type IdentifierView = FieldView<{ kind: string; value: string }> & { match?: { customerName: string } | null };
export type FieldsRead = Record<string, FieldView | null> & { identifiers: IdentifierView[] };
export interface PageRead {
  page: number;
  source: 'text' | 'ocr';
  confidence: number;
  text: string;
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

export const percent = (confidence: number) => `${Math.round(confidence * 100)} %`;

/** The evidence of the field a reader chose: a field's key, or "id:<n>" for the n-th identifier. */
export function evidenceOf(fields: FieldsRead | null, key: string | null): Evidence[] {
  if (!fields || key === null) return [];
  if (key.startsWith('id:')) return fields.identifiers[Number(key.slice(3))]?.evidence ?? [];
  return fields[key]?.evidence ?? [];
}
