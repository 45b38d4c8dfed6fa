/**
 * Every clock that binds the provider on this demand, soonest first: an emergency's hours run live
 * (to the minute), the others say when and how far off, each with the law it rests on.
 */
import { useEffect, useState } from 'react';
import type { DemandClock } from '../../lib/api-types.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { Badge } from '../../components/Badge.tsx';
import { hoursLeft } from './case-api.ts';

const STATE: Record<DemandClock['state'], { label: string; tone: 'danger' | 'warn' | 'ok' | 'neutral' }> = {
  overdue: { label: 'Overdue', tone: 'danger' },
  running: { label: 'Running', tone: 'warn' },
  met: { label: 'Met', tone: 'ok' },
  stopped: { label: 'Stopped', tone: 'neutral' },
};

/** The time now, moving every 30 seconds while a clock in hours is shown. */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [live]);
  return now;
}

export function ClocksCard({ clocks }: { clocks: DemandClock[] }) {
  const live = clocks.some((c) => c.hours && (c.state === 'running' || c.state === 'overdue'));
  const now = useNow(live);
  const sorted = [...clocks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="card" aria-labelledby="clocks-title">
      <h2 id="clocks-title">Clocks</h2>
      {sorted.length === 0 ? (
        <p className="muted">No deadline binds the provider on this demand.</p>
      ) : (
        <ul className="clock-list">
          {sorted.map((c) => {
            const pending = c.state === 'running' || c.state === 'overdue';
            return (
              <li key={`${c.kind}-${c.dueAt}`} className={`clock clock-${c.state}`}>
                <p>
                  <strong>{c.label}</strong> <Badge tone={STATE[c.state].tone}>{STATE[c.state].label}</Badge>
                </p>
                <p>
                  <time dateTime={c.dueAt}>{formatDateTime(c.dueAt)}</time>
                  {pending && (
                    <span className={c.hours ? 'clock-live' : 'muted'} role={c.hours ? 'timer' : undefined}>
                      {' '}
                      ({c.hours ? hoursLeft(c.dueAt, now) : formatRelative(c.dueAt, now)})
                    </span>
                  )}
                </p>
                <p className="muted small">{c.basis}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
