/**
 * What a customer notice says, for one customer: what was demanded, by whom, under what
 * instrument, for which of its accounts and which data, by when, and what the customer can do.
 * The same facts feed the e-mail templates and the webhook body.
 */
import type { Demand } from '../domain/demand.ts';
import type { Agency, Customer } from '../domain/directory.ts';
import { categoryLabels, formatTime, instrumentLabel } from './format.ts';

/** The template data of a notice (contactName is filled per contact). */
export interface NoticeModel {
  reference: string;
  customerName: string;
  contactName: string;
  agencyName: string;
  agencyCountry: string;
  instrument: string;
  caseNumber: string | null;
  issuingCourt: string | null;
  issuedAt: string | null;
  receivedAt: string;
  accounts: { kind: string; value: string }[];
  dataCategories: string[];
  dateFrom: string | null;
  dateTo: string | null;
  deadline: string | null;
  secrecyOrder: { legalBasis: string; expiresAt: string | null } | null;
  /** Where the customer writes back. */
  replyTo: string;
}

export function noticeModel(d: Demand, agency: Agency, customer: Customer, replyTo: string): NoticeModel {
  return {
    reference: d.reference,
    customerName: customer.name,
    contactName: customer.name,
    agencyName: agency.name,
    agencyCountry: agency.country,
    instrument: instrumentLabel(d.instrument),
    caseNumber: d.caseNumber,
    issuingCourt: d.issuingCourt,
    issuedAt: formatTime(d.issuedAt),
    receivedAt: formatTime(d.receivedAt)!,
    accounts: d.targets
      .filter((t) => t.customerId === customer.id)
      .map((t) => ({ kind: t.kind.replace('_', ' '), value: t.value })),
    dataCategories: categoryLabels(d.dataCategories),
    dateFrom: formatTime(d.dateRange.from),
    dateTo: formatTime(d.dateRange.to),
    deadline: formatTime(d.responseDeadline),
    secrecyOrder: d.secrecyOrder
      ? { legalBasis: d.secrecyOrder.legalBasis, expiresAt: formatTime(d.secrecyOrder.expiresAt) }
      : null,
    replyTo,
  };
}

/** What the customer can do, as stable codes for machines (the e-mail says it in words). */
export const CUSTOMER_OPTIONS = [
  'object_to_provider',
  'challenge_in_court',
  'answer_agency_directly',
  'ask_provider_to_produce',
] as const;

/** The webhook body (Standard Webhooks' recommended envelope: type, timestamp, data). */
export function noticeWebhookBody(d: Demand, agency: Agency, customer: Customer, at: Date): string {
  return JSON.stringify({
    type: 'demand.notice',
    timestamp: at.toISOString(),
    data: {
      reference: d.reference,
      customerId: customer.id,
      agency: { name: agency.name, country: agency.country, kind: agency.kind },
      instrument: d.instrument,
      instrumentLabel: instrumentLabel(d.instrument),
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
      secrecyOrder: d.secrecyOrder
        ? { legalBasis: d.secrecyOrder.legalBasis, expiresAt: d.secrecyOrder.expiresAt }
        : null,
      options: CUSTOMER_OPTIONS,
    },
  });
}
