/**
 * What a customer is told, for one customer in its language: the first notice (what was demanded,
 * by whom, under what instrument, for which of its accounts and which data, by when it can answer,
 * a copy of the legal process with what was left out and why, and, for a notice a secrecy order
 * held, what happened meanwhile and how the hold ended), and each follow-up. The same facts feed
 * the e-mail templates and the webhook bodies.
 */
import type { Demand } from '../domain/demand.ts';
import type { Agency, Customer } from '../domain/directory.ts';
import { answerByDate, type FollowUpType, NOTICE_EVENT_TYPE } from '../domain/follow-ups.ts';
import type { HistoryEvent } from '../store/notice-facts.ts';
import { describeCopy, legalProcessCopy } from '../domain/legal-process-copy.ts';
import type { Words } from './customer-words.ts';

/** The facts every customer message is made from. */
export interface MessageFacts {
  demand: Demand;
  agency: Agency;
  customer: Customer;
  history: HistoryEvent[];
  words: Words;
  replyTo: string;
  portalUrl: string;
}

const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m));

export const portalLink = (portalUrl: string, reference: string) =>
  `${portalUrl}/portal/demands/${encodeURIComponent(reference)}`;

/**
 * What the notice's statement of the legal process leaves out, and why (stable codes). Where the
 * served documents themselves are copied to the customer (legal-process-copy.ts), nothing is left
 * out: the customer holds the process as it was served.
 */
export function redactionsOf(d: Demand, customer: Customer): { code: string; count: number }[] {
  if (legalProcessCopy(d, customer.id).documents.length) return [];
  const others = d.targets.filter((t) => t.customerId !== customer.id).length;
  const out: { code: string; count: number }[] = [];
  // Other people's identifiers are their data, not this customer's (GDPR Art. 5(1)(c), 6(1)).
  if (others) out.push({ code: 'other_customers_accounts', count: others });
  // The requesting officer's own name and address are the agency's to give: the agency is named.
  if (d.requesterId) out.push({ code: 'requester_contact', count: 1 });
  return out;
}

/** The copy of the served documents a notice carries, in words, and the documents themselves. */
export function copyOf(f: MessageFacts) {
  const copy = legalProcessCopy(f.demand, f.customer.id);
  const key = copy.withheld ? `copy.${copy.withheld}` : copy.fitsEmail ? 'copy.attached' : 'copy.portal';
  return {
    copy,
    copyNote: f.words.label(key),
    copies: copy.documents.map((x) => ({ filename: x.filename })),
    hasCopies: copy.documents.length > 0,
  };
}

/** How a held notice ended, and what happened while it was held; or an order that had already lapsed. */
export function delayOf(f: MessageFacts) {
  const { demand: d, history, words } = f;
  const order = d.secrecyOrder;
  if (order?.expiresAt && new Date(order.expiresAt) <= new Date(d.receivedAt))
    return {
      lapsed: { legalBasis: order.legalBasis, expiredAt: words.day(order.expiresAt)! },
      held: null,
    };
  const heldAt = history.find((h) => h.type === 'notice.held');
  if (!heldAt) return { lapsed: null, held: null };
  const released = [...history].reverse().find((h) => h.type === 'notice.released');
  const releasedAt = released?.at ?? null;
  // Event ids follow the order of the timeline (times may tie).
  const during = history.filter(
    (h) => BigInt(h.id) > BigInt(heldAt.id) && (released === undefined || BigInt(h.id) < BigInt(released.id)),
  );
  const byPerson = released ? !released.actor.startsWith('system:') : false;
  return {
    lapsed: null,
    held: {
      // The order's own provision; the hold's event carries the policy's reason.
      legalBasis: order?.legalBasis ?? String(heldAt.payload.legalBasis ?? ''),
      heldSince: words.time(heldAt.at)!,
      releasedAt: words.time(releasedAt),
      releaseWhy: released
        ? byPerson
          ? fill(words.label('release.lifted'), { reason: String(released.payload.reason ?? '') })
          : words.label('release.lapsed')
        : '',
      during: during.map((h) => ({ at: words.time(h.at)!, what: stepSentence(f, h) })),
      nothingHappened: during.length === 0,
    },
  };
}

/** One recorded step as a sentence of the customer's language. */
export function stepSentence(f: MessageFacts, h: HistoryEvent): string {
  const { words, demand: d } = f;
  const p = h.payload;
  switch (h.type) {
    case 'demand.produced':
      return fill(words.label('step.produced'), {
        categories: d.dataCategories.map((c) => words.label(`category.${c}`)).join(', '),
      });
    case 'disclosure.package_prepared':
      return fill(words.label('step.package_prepared'), { files: words.number(Number(p.files ?? 0)) });
    case 'redirect.letter_sent':
      return fill(words.label('step.redirect_sent'), { agency: f.agency.name });
    case 'redirect.agency_answered':
      return fill(words.label('step.agency_answered'), { answer: words.label(`answer.${p.answer}`) });
    case 'demand.closed':
      return fill(words.label('step.closed'), { outcome: words.label(`disposition.${p.disposition}`) });
    case 'notice.release_moved':
      return p.to
        ? fill(words.label('step.order_extended'), { until: words.day(String(p.to))! })
        : words.label('step.order_extended_no_end');
    case 'notice.released':
      return fill(words.label('step.order_vacated'), { reason: String(p.reason ?? '') });
    default:
      return h.type;
  }
}

/** The template data of a first notice (contactName is filled per contact). */
export function noticeModel(f: MessageFacts, noticeAt: Date, objectionDays: number) {
  const { demand: d, agency, customer, words } = f;
  const answerBy = answerByDate(noticeAt, d.responseDeadline, objectionDays);
  const delay = delayOf(f);
  const redactions = redactionsOf(d, customer).map((r) =>
    fill(words.label(`redaction.${r.code}`), { count: words.number(r.count) }),
  );
  const { copyNote, copies, hasCopies } = copyOf(f);
  return {
    reference: d.reference,
    customerName: customer.name,
    contactName: customer.name,
    agencyName: agency.name,
    agencyCountry: agency.country,
    instrument: words.label(`instrument.${d.instrument}`),
    caseNumber: d.caseNumber,
    issuingCourt: d.issuingCourt,
    issuedAt: words.time(d.issuedAt),
    receivedAt: words.time(d.receivedAt)!,
    signed: d.signed,
    accounts: d.targets
      .filter((t) => t.customerId === customer.id)
      .map((t) => ({ kind: words.label(`identifier.${t.kind}`), value: t.value })),
    dataCategories: d.dataCategories.map((c) => words.label(`category.${c}`)),
    dateFrom: words.day(d.dateRange.from),
    dateTo: words.day(d.dateRange.to),
    deadline: words.time(d.responseDeadline),
    answerBy: words.time(answerBy)!,
    answerByIso: answerBy.toISOString(),
    redactions,
    copyNote,
    copies,
    hasCopies,
    delayed: delay.held,
    lapsedOrder: delay.lapsed,
    portalUrl: portalLink(f.portalUrl, d.reference),
    replyTo: f.replyTo,
  };
}

export type NoticeModel = ReturnType<typeof noticeModel>;

/** What the customer can do, as stable codes for machines (the e-mail says it in words). */
export const CUSTOMER_OPTIONS = [
  'object_to_provider',
  'challenge_in_court',
  'answer_agency_directly',
  'ask_provider_to_produce',
] as const;

/** The served documents as the webhook and the portal name them: where to fetch each, or why none. */
export function legalProcessDocuments(f: MessageFacts) {
  const { documents, withheld } = describeCopy(f.demand, f.customer.id, f.portalUrl);
  return { documents: documents.map(({ id: _id, ...rest }) => rest), copyWithheld: withheld };
}

const agencyOf = (a: Agency) => ({ name: a.name, country: a.country, kind: a.kind });

/** The first notice's webhook body (Standard Webhooks' envelope: type, timestamp, data). */
export function noticeWebhookBody(f: MessageFacts, model: NoticeModel, at: Date): string {
  const { demand: d, customer } = f;
  const held = f.history.find((h) => h.type === 'notice.held');
  const released = [...f.history].reverse().find((h) => h.type === 'notice.released');
  return JSON.stringify({
    type: NOTICE_EVENT_TYPE,
    timestamp: at.toISOString(),
    data: {
      reference: d.reference,
      customerId: customer.id,
      agency: agencyOf(f.agency),
      instrument: d.instrument,
      instrumentLabel: model.instrument,
      caseNumber: d.caseNumber,
      issuingCourt: d.issuingCourt,
      issuedAt: d.issuedAt,
      receivedAt: d.receivedAt,
      accounts: d.targets
        .filter((t) => t.customerId === customer.id)
        .map((t) => ({ kind: t.kind, value: t.value, accountId: t.accountId })),
      dataCategories: d.dataCategories,
      dateRange: d.dateRange,
      responseDeadline: d.responseDeadline,
      answerBy: model.answerByIso,
      secrecyOrder: d.secrecyOrder
        ? { legalBasis: d.secrecyOrder.legalBasis, expiresAt: d.secrecyOrder.expiresAt }
        : null,
      legalProcess: {
        signed: d.signed,
        redactions: redactionsOf(d, customer),
        ...legalProcessDocuments(f),
      },
      delay: held
        ? {
            heldAt: held.at,
            releasedAt: released?.at ?? null,
            releasedBy: released ? (released.actor.startsWith('system:') ? 'order_lapsed' : 'person') : null,
            reason: released ? String(released.payload.reason ?? '') : null,
            whileHeld: f.history
              .filter((h) => BigInt(h.id) > BigInt(held.id) && (!released || BigInt(h.id) < BigInt(released.id)))
              .map((h) => ({ type: h.type, at: h.at })),
          }
        : null,
      options: CUSTOMER_OPTIONS,
      language: f.words.language,
      portalUrl: model.portalUrl,
    },
  });
}

/** The template data of a follow-up. */
export function followUpModel(f: MessageFacts, type: FollowUpType, event: HistoryEvent) {
  const { demand: d, words } = f;
  return {
    reference: d.reference,
    customerName: f.customer.name,
    contactName: f.customer.name,
    agencyName: f.agency.name,
    headline: words.label(`update.${type}`),
    what: stepSentence(f, event),
    occurredAt: words.time(event.at)!,
    produced:
      type === 'demand.data_produced'
        ? {
            categories: d.dataCategories.map((c) => words.label(`category.${c}`)),
            accounts: d.targets.filter((t) => t.customerId === f.customer.id).map((t) => t.value),
          }
        : null,
    portalUrl: portalLink(f.portalUrl, d.reference),
    replyTo: f.replyTo,
  };
}

/** A follow-up's webhook body: its own type, the step's time and its facts. */
export function followUpWebhookBody(
  f: MessageFacts,
  type: FollowUpType,
  event: HistoryEvent,
  whileHeld: boolean,
  at: Date,
): string {
  const { demand: d } = f;
  const p = event.payload;
  const details: Record<string, unknown> =
    type === 'demand.data_produced'
      ? {
          dataCategories: d.dataCategories,
          accounts: d.targets
            .filter((t) => t.customerId === f.customer.id)
            .map((t) => ({ kind: t.kind, value: t.value, accountId: t.accountId })),
        }
      : type === 'demand.agency_answered'
        ? { answer: p.answer }
        : type === 'demand.closed' || type === 'demand.withdrawn'
          ? { disposition: p.disposition }
          : type === 'secrecy_order.extended'
            ? { until: p.to ?? null }
            : type === 'secrecy_order.vacated'
              ? { reason: p.reason ?? null }
              : {};
  return JSON.stringify({
    type,
    timestamp: at.toISOString(),
    data: {
      reference: d.reference,
      customerId: f.customer.id,
      agency: agencyOf(f.agency),
      eventId: event.id,
      occurredAt: event.at,
      whileHeld,
      details,
      portalUrl: portalLink(f.portalUrl, d.reference),
    },
  });
}
