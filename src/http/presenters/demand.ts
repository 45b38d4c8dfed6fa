/**
 * What each audience sees of a demand. Staff see everything; an officer sees its own demand without
 * the provider's internal assessment; a customer admin sees only its own targets, and no requester
 * contact details.
 */
import type { Demand } from '../../domain/demand.ts';
import type { Principal } from '../../domain/principal.ts';
import type { DemandSummary } from '../../store/demand-repository.ts';
import type { NamedActor } from '../../store/people-repository.ts';
import type { EventRow } from '../../store/schema.ts';
import { describeEvent } from './event-words.ts';
import { DEMAND_READ_WORDS } from '../../domain/plain-words.ts';

/** Reads of a demand are on its record but are not steps of the case: they form its access log. */
const READS = new Set(['demands.listed', ...Object.keys(DEMAND_READ_WORDS)]);
const isRead = (e: EventRow) => READS.has(e.type);

/** Resolves an actor label ("staff:<id>") to a named actor. */
export type ActorNames = (label: string) => NamedActor;

/** Principal ids an event's payload names (approvers, assignees), to be named with the actors. */
export function payloadPeople(e: EventRow): string[] {
  const p = e.payload as Record<string, unknown>;
  const ids: unknown[] = [p.approver, p.from, p.to, ...(Array.isArray(p.approvers) ? p.approvers : [])];
  return e.type === 'demand.assigned' || e.type.startsWith('demand.approv')
    ? ids.filter((x): x is string => typeof x === 'string').map(asLabel)
    : [];
}

/** Payloads name people by principal id (assignments) or by actor label (approvals). */
const asLabel = (idOrLabel: string) => (idOrLabel.includes(':') ? idOrLabel : `staff:${idOrLabel}`);

/** The timeline in plain words: who (by name), what (a summary line), and labelled details. */
export function presentTimeline(events: EventRow[], names: ActorNames) {
  const person = (id: string | null) => (id ? names(asLabel(id)).name : 'Nobody');
  return events
    .filter((e) => !isRead(e))
    .map((e) => ({
      id: e.id,
      type: e.type,
      at: new Date(e.occurred_at).toISOString(),
      actor: names(e.actor),
      ...describeEvent(e.type, e.payload as Record<string, unknown>, person),
    }));
}

/** Who read the demand, newest first (the last 100). */
export function presentAccessLog(events: EventRow[], names: ActorNames) {
  return events
    .filter(isRead)
    .reverse()
    .slice(0, 100)
    .map((e) => ({ at: new Date(e.occurred_at).toISOString(), actor: names(e.actor) }));
}

export function presentDemand<D extends Demand>(
  d: D,
  viewer: Principal,
  timeline?: { events: EventRow[]; names: ActorNames },
) {
  if (viewer.kind === 'staff')
    return {
      ...d,
      ...(timeline
        ? {
            timeline: presentTimeline(timeline.events, timeline.names),
            accessLog: presentAccessLog(timeline.events, timeline.names),
          }
        : {}),
    };
  const base = {
    id: d.id,
    reference: d.reference,
    receivedAt: d.receivedAt,
    jurisdiction: d.jurisdiction,
    instrument: d.instrument,
    issuedAt: d.issuedAt,
    issuingCourt: d.issuingCourt,
    caseNumber: d.caseNumber,
    dataCategories: d.dataCategories,
    dateRange: d.dateRange,
    responseDeadline: d.responseDeadline,
    state: d.state,
    disposition: d.disposition,
  };
  if (viewer.kind === 'officer')
    return {
      ...base,
      agencyId: d.agencyId,
      targets: d.targets.map((t) => ({ kind: t.kind, value: t.value })),
      // The provider's own working papers (a draft challenge of the agency's secrecy order) stay inside.
      documents: d.documents.filter((doc) => !doc.internal),
    };
  return {
    ...base,
    agencyId: d.agencyId,
    targets: d.targets.filter((t) => t.customerId === viewer.customerId).map((t) => ({ kind: t.kind, value: t.value })),
    noticeState: d.noticeState,
  };
}

/** A row of the demand list: staff also see the provider's assessment (requester check, policy flags). */
export function presentSummary(s: DemandSummary, viewer: Principal) {
  if (viewer.kind === 'staff') return s;
  const { requesterVerification: _v, flags: _f, assignee: _a, nextDeadline: _n, ...rest } = s;
  return rest;
}

/** May this viewer see this demand at all? (Same answer as "does it exist", to leak nothing.) */
export function canView(d: Demand, viewer: Principal): boolean {
  if (viewer.kind === 'staff') return true;
  if (viewer.kind === 'officer') return d.agencyId === viewer.agencyId;
  return d.noticeState === 'sent' && d.targets.some((t) => t.customerId === viewer.customerId);
}
