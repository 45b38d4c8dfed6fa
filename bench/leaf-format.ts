/**
 * The cost of recomputing a leaf, format 1 against format 2 (per-field HMAC salts and one padded
 * shape), on the same events, against the bare baseline of one SHA-256 per leaf over the same
 * bytes, in the same run. This is the per-leaf work that bounds `writ ledger verify`.
 *
 *   node --import tsx bench/leaf-format.ts [leaves]
 *
 * Prints JSON: leaves per second and CPU microseconds per leaf for each.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { encodeLeafText } from '../src/ledger/leaf.ts';
import type { LeafSource } from '../src/ledger/leaf-encoder.ts';

const n = Number(process.argv[2] ?? 100_000);
const events: LeafSource[] = [];
for (let i = 0; i < 1000; i++) {
  const kind = i % 4;
  events.push({
    demandId: randomUUID(),
    type: ['demand.received', 'demand.closed', 'demand.note_added', 'demand.viewed'][kind]!,
    actor: `staff:${randomUUID()}`,
    time: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    payload:
      kind === 0
        ? {
            instrument: 'search_warrant',
            jurisdiction: 'US',
            channel: 'portal',
            dataCategories: ['subscriber', 'content'],
            targetCount: 2,
            emergency: false,
            secrecyOrder: true,
            receivedOn: '2026-01-01',
            enterpriseTargets: 1,
            extraterritorial: false,
            secrecyTerm: 'a_year_or_less',
            noticePlan: 'delayed',
            customerIds: [randomUUID(), randomUUID()],
            agencyId: randomUUID(),
          }
        : kind === 1
          ? {
              from: 'approved',
              disposition: 'content_disclosed',
              note: 'Closed after production.',
              receivedOn: '2026-01-01',
              instrument: 'search_warrant',
              jurisdiction: 'US',
              dataCategories: ['content'],
              emergency: false,
              enterpriseTargets: 1,
              accountsAffected: 2,
            }
          : kind === 2
            ? { noteId: randomUUID() }
            : { viewer: `staff:${randomUUID()}` },
  });
}
const salts = Array.from({ length: 1000 }, () => new Uint8Array(randomBytes(32)));

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function run(label: string, f: (i: number) => string | Buffer): Record<string, number | string> {
  for (let i = 0; i < 2000; i++) f(i); // warm up
  const c0 = cpuUs();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += f(i).length;
  const ms = performance.now() - t0;
  const cpu = cpuUs() - c0;
  return {
    label,
    leavesPerSecond: Math.round((n / ms) * 1000),
    cpuMicrosPerLeaf: +(cpu / n).toFixed(2),
    meanLeafBytes: Math.round(bytes / n),
  };
}

const texts = events.map((e, i) => encodeLeafText(i, e, salts[i]!, false, undefined, 2));
const results = [
  run('format 1', (i) => encodeLeafText(i, events[i % 1000]!, salts[i % 1000]!, false, undefined, 1)),
  run('format 2', (i) => encodeLeafText(i, events[i % 1000]!, salts[i % 1000]!, false, undefined, 2)),
  run('baseline: one SHA-256 per format-2 leaf', (i) =>
    createHash('sha256')
      .update(texts[i % 1000]!)
      .digest(),
  ),
];
console.log(JSON.stringify({ leaves: n, loadAverage: (await import('node:os')).loadavg()[0], results }, null, 1));
