/**
 * What each audience sees of a demand. Staff see everything; an officer sees its own demand without
 * the provider's internal assessment; a customer admin sees only its own targets, and no requester
 * contact details.
 */
import type { Demand } from '../../domain/demand.ts';
import type { Principal } from '../../domain/principal.ts';
import type { DemandSummary } from '../../store/demand-repository.ts';
import type { EventRow } from '../../store/schema.ts';

/** Reads of a demand are on its record but are not steps of the case: they form its access log. */
const isRead = (e: EventRow) => e.type === 'demand.viewed';
const present = (e: EventRow) => ({
  id: e.id,
  type: e.type,
  at: new Date(e.occurred_at).toISOString(),
  actor: e.actor,
  ...(e.payload as object),
});

export function presentTimeline(events: EventRow[]) {
  return events.filter((e) => !isRead(e)).map(present);
}

/** Who read the demand, newest first (the last 100). */
export function presentAccessLog(events: EventRow[]) {
  return events
    .filter(isRead)
    .reverse()
    .slice(0, 100)
    .map((e) => ({ at: new Date(e.occurred_at).toISOString(), actor: e.actor }));
}

export function presentDemand(d: Demand & { decision?: unknown }, viewer: Principal, timeline?: EventRow[]) {
  if (viewer.kind === 'staff')
    return {
      ...d,
      ...(timeline ? { timeline: presentTimeline(timeline), accessLog: presentAccessLog(timeline) } : {}),
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
      documents: d.documents,
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
  const { requesterVerification: _v, flags: _f, ...rest } = s;
  return rest;
}

/** May this viewer see this demand at all? (Same answer as "does it exist", to leak nothing.) */
export function canView(d: Demand, viewer: Principal): boolean {
  if (viewer.kind === 'staff') return true;
  if (viewer.kind === 'officer') return d.agencyId === viewer.agencyId;
  return d.noticeState === 'sent' && d.targets.some((t) => t.customerId === viewer.customerId);
}
