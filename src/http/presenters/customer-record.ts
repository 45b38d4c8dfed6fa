/**
 * A demand's life as its customer follows it in the portal: each step in plain words (no staff
 * notes: only the customer's own answers carry its own words), every message sent to it, its
 * answers, and what was disclosed when. Each step keeps its event id, for its ledger proof.
 */
import { CUSTOMER_EVENT_LABELS, type CustomerEventType } from '../../domain/follow-ups.ts';
import { DISPOSITION_LABELS, type Disposition } from '../../domain/vocabulary.ts';
import type { Demand } from '../../domain/demand.ts';
import { describeCopy } from '../../domain/legal-process-copy.ts';
import type { CustomerRecordRows } from '../../store/customer-record.ts';

const ANSWERS: Record<string, string> = {
  withdrawn: 'it withdraws the demand',
  will_go_to_customer: 'it will ask you directly',
  insists_with_process: 'it insists, with compelled process',
  will_answer_agency: 'you will answer the agency yourselves',
  objects: 'you object to the demand',
  asks_provider_to_produce: 'you ask us to produce the data',
};

function summary(type: string, p: Record<string, any>): string {
  switch (type) {
    case 'demand.received':
      return 'We received the demand';
    case 'demand.redirected':
      return 'We decided to send the agency to you';
    case 'demand.accepted':
      return 'We found the demand legally binding on us';
    case 'demand.rejected':
      return 'We refused the demand';
    case 'demand.reopened':
      return 'The demand was reopened';
    case 'demand.produced':
      return 'Data was produced to the agency';
    case 'disclosure.package_prepared':
      return `The data was packaged for the agency (${p.files} file(s))`;
    case 'demand.closed':
      return `The demand was closed: ${DISPOSITION_LABELS[p.disposition as Disposition] ?? p.disposition}`;
    case 'notice.held':
      return p.until
        ? `A secrecy order held our notice to you until ${p.until}`
        : 'A secrecy order held our notice to you';
    case 'notice.release_moved':
      return p.to ? `The secrecy order's end moved to ${p.to}` : 'The secrecy order no longer states an end';
    case 'notice.released':
      return 'The secrecy order ended: we could tell you';
    case 'notice.sent':
      return `We sent you the notice (${p.recipients} recipient(s))`;
    case 'notice.follow_up_sent':
      return `We told you: ${CUSTOMER_EVENT_LABELS[p.followUp as CustomerEventType] ?? p.followUp}`;
    case 'redirect.letter_sent':
      return 'We told the agency to ask you directly';
    case 'redirect.agency_answered':
      return `The agency answered: ${ANSWERS[p.answer] ?? p.answer}`;
    case 'redirect.customer_answered':
      return `You answered: ${ANSWERS[p.answer] ?? p.answer}`;
    default:
      return type;
  }
}

export function presentCustomerRecord(d: Demand, customerId: string, r: CustomerRecordRows) {
  const mine = d.targets.filter((t) => t.customerId === customerId).map((t) => ({ kind: t.kind, value: t.value }));
  const messages = new Map<
    string,
    { key: string; type: string; label: string; firstSentAt: string; recipients: object[] }
  >();
  for (const m of r.messages) {
    let msg = messages.get(m.key);
    if (!msg) {
      msg = {
        key: m.key,
        type: m.type,
        label: CUSTOMER_EVENT_LABELS[m.type as CustomerEventType] ?? m.type,
        firstSentAt: m.at,
        recipients: [],
      };
      messages.set(m.key, msg);
    }
    msg.recipients.push({
      channel: m.recipient.slice(0, m.recipient.indexOf(':')),
      to: m.to,
      at: m.at,
      messageId: m.messageId,
    });
  }
  return {
    reference: d.reference,
    agency: r.agency,
    timeline: r.events.map((e) => ({ eventId: e.id, type: e.type, at: e.at, summary: summary(e.type, e.payload) })),
    messages: [...messages.values()],
    answers: r.events
      .filter((e) => e.type === 'redirect.customer_answered')
      .map((e) => ({
        eventId: e.id,
        at: e.at,
        answer: String(e.payload.answer),
        note: (e.payload.note as string | null) ?? null,
      })),
    disclosures: r.events
      .filter((e) => e.type === 'demand.produced')
      .map((e) => ({ eventId: e.id, at: e.at, dataCategories: d.dataCategories, accounts: mine })),
    legalProcess: describeCopy(d, customerId),
  };
}
