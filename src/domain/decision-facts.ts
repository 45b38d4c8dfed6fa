/**
 * What the case-handling screens read from a stored policy decision (the full record is kept as the
 * engine made it): its deadlines with their citations, its route, flags and pack versions. Pure;
 * tolerant of records written by older engines (a missing part reads as none).
 */
import type { DeadlineFact } from './clocks.ts';

interface StoredDecision {
  route?: { route?: string };
  flags?: { code?: string }[];
  deadlines?: { kind?: string; at?: string; citation?: string }[];
  preservation?: { until?: string; citation?: string } | null;
  packs?: { id?: string; version?: string }[];
}

const asDecision = (d: unknown): StoredDecision => (d && typeof d === 'object' ? (d as StoredDecision) : {});

export function deadlineFacts(decision: unknown): DeadlineFact[] {
  const d = asDecision(decision);
  const out: DeadlineFact[] = [];
  for (const x of d.deadlines ?? [])
    if (x.kind && x.at) out.push({ kind: x.kind, at: x.at, citation: x.citation ?? '' });
  if (d.preservation?.until)
    out.push({ kind: 'preservation', at: d.preservation.until, citation: d.preservation.citation ?? '' });
  return out;
}

export const decisionRoute = (decision: unknown): string | null => asDecision(decision).route?.route ?? null;

export const decisionFlags = (decision: unknown): string[] =>
  (asDecision(decision).flags ?? []).map((f) => f.code).filter((c): c is string => typeof c === 'string');

export const decisionPacks = (decision: unknown): string[] =>
  (asDecision(decision).packs ?? []).map((p) => `${p.id}@${p.version}`);
