/**
 * A demand as its agency follows it: the status history, the legal team's open question (the last
 * one asked, until the officer answers a clarification after it, and never on a closed demand),
 * the letters sent to the agency and the packages prepared for it.
 */
import type { Demand } from '../../domain/demand.ts';
import type { AgencyRecordEvent } from '../../store/agency-record.ts';

export function presentAgencyRecord(d: Demand, events: AgencyRecordEvent[]) {
  const at = (e: { occurred_at: Date | string }) => new Date(e.occurred_at).toISOString();
  const p = (e: { payload: unknown }) => e.payload as Record<string, any>;
  // The legal team's last question is open until the officer answers a clarification after it.
  const lastQuestion = events.findLast((e) => e.type === 'agency.clarification_requested');
  const answered =
    lastQuestion &&
    events.some(
      (e) =>
        e.type === 'agency.message_received' && p(e).kind === 'clarification' && BigInt(e.id) > BigInt(lastQuestion.id),
    );
  return {
    reference: d.reference,
    state: d.state,
    disposition: d.disposition,
    history: events.map((e) => ({
      eventId: e.id,
      type: e.type,
      at: at(e),
      ...(e.type === 'demand.closed' ? { disposition: p(e).disposition } : {}),
      ...(e.type === 'redirect.agency_answered' ? { answer: p(e).answer } : {}),
      ...(e.type === 'agency.message_received' ? { kind: p(e).kind, text: p(e).text } : {}),
      ...(e.type === 'agency.clarification_requested' ? { text: p(e).text, answerBy: p(e).answerBy } : {}),
    })),
    openQuestion:
      lastQuestion && !answered && d.state !== 'closed'
        ? { at: at(lastQuestion), text: p(lastQuestion).text, answerBy: p(lastQuestion).answerBy }
        : null,
    letters: events
      .filter((e) => e.type === 'redirect.letter_sent')
      .map((e) => ({
        at: at(e),
        documentId: p(e).documentId,
        href: `/api/v1/demands/${encodeURIComponent(d.reference)}/documents/${p(e).documentId}`,
      })),
    packages: events
      .filter((e) => e.type === 'disclosure.package_prepared')
      .map((e) => ({ at: at(e), packageId: p(e).packageId, files: p(e).files })),
  };
}
