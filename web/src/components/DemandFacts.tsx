/** What a demand asks for, as every audience may see it: instrument, court, data, period, targets. */
import type { ReactNode } from 'react';
import type { SharedDemand } from '../lib/api-types.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import {
  IDENTIFIER_LABELS,
  categoryLabel,
  countryName,
  dispositionLabel,
  instrumentLabel,
  stateLabel,
  type IdentifierKind,
} from '../lib/vocabulary.ts';

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

export function dateRangeText(r: { from: string | null; to: string | null }): string {
  if (!r.from && !r.to) return 'Any time';
  return `${r.from ? formatDate(r.from) : 'the beginning'} to ${r.to ? formatDate(r.to) : 'now'}`;
}

export function DemandFacts({
  demand,
  extra = [],
}: {
  demand: SharedDemand & { jurisdictionSubdivision?: string | null };
  extra?: [string, ReactNode][];
}) {
  return (
    <>
      <Facts
        items={[
          [
            'State',
            demand.disposition
              ? `${stateLabel(demand.state)}: ${dispositionLabel(demand.disposition)}`
              : stateLabel(demand.state),
          ],
          ['Instrument', instrumentLabel(demand.instrument)],
          [
            'Jurisdiction',
            `${countryName(demand.jurisdiction)}${demand.jurisdictionSubdivision ? ` (${demand.jurisdictionSubdivision})` : ''}`,
          ],
          ['Issued', formatDate(demand.issuedAt)],
          ['Issuing court', demand.issuingCourt ?? '—'],
          ['Case number', demand.caseNumber ?? '—'],
          ['Data asked for', demand.dataCategories.map(categoryLabel).join(', ')],
          ['Period', dateRangeText(demand.dateRange)],
          ['Received', formatDateTime(demand.receivedAt)],
          ['Response deadline', formatDateTime(demand.responseDeadline)],
          ...extra,
        ]}
      />
      <h3 className="subhead">Accounts named ({demand.targets.length})</h3>
      <ul className="targets">
        {demand.targets.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a demand's targets are a fixed list; the same identifier may appear under two kinds
          <li key={i}>
            <span className="muted">{IDENTIFIER_LABELS[t.kind as IdentifierKind] ?? t.kind}:</span>{' '}
            <code>{t.value}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
