/** The shapes of the mail-intake API (src/http/presenters/draft.ts), as the pages read them. */
import type { FieldsRead, PageRead } from '../../lib/document-reading.ts';

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
  fields: FieldsRead | null;
  pages: PageRead[];
  problems: string[];
  suggested: Record<string, unknown>;
  discardReason: string | null;
}
