/** How dates and vocabularies read in messages. */
import { DATA_CATEGORY_LABELS, INSTRUMENT_LABELS, type DataCategory, type Instrument } from '../domain/vocabulary.ts';

/** "2026-12-02 09:00 UTC"; null stays null. */
export function formatTime(iso: string | Date | null): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** "2026-12-02". */
export function formatDay(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export const instrumentLabel = (i: Instrument) => INSTRUMENT_LABELS[i] ?? i;
export const categoryLabels = (cs: DataCategory[]) => cs.map((c) => DATA_CATEGORY_LABELS[c] ?? c);
