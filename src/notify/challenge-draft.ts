/**
 * The text of a draft application against a secrecy order: the facts Writ holds, the order's
 * duration, and the grounds that apply, through the operator's challenge-draft template.
 */
import { challengeGrounds, orderDurationDays } from '../domain/challenge-grounds.ts';
import type { Demand } from '../domain/demand.ts';
import type { Agency, Customer } from '../domain/directory.ts';
import type { CustomerKind } from '../domain/vocabulary.ts';
import { categoryLabels, formatDay, instrumentLabel } from './format.ts';
import type { MessageTemplates } from './templates.ts';

export function draftChallengeText(
  templates: MessageTemplates,
  d: Demand,
  agency: Agency | undefined,
  customers: Customer[],
  today: Date,
): { text: string; grounds: string[] } {
  const kinds = new Map<string, CustomerKind>(customers.map((c) => [c.id, c.kind]));
  const grounds = challengeGrounds(d, kinds);
  const order = d.secrecyOrder!;
  const days = orderDurationDays(order);
  const enterprises = customers.filter((c) => c.kind === 'enterprise').map((c) => c.name);
  const { text } = templates.render('challenge-draft', {
    date: formatDay(today),
    reference: d.reference,
    court: d.issuingCourt,
    caseNumber: d.caseNumber,
    agencyName: agency?.name ?? '',
    instrument: instrumentLabel(d.instrument),
    legalBasis: order.legalBasis,
    orderIssuedAt: formatDay(order.issuedAt),
    expiresAt: order.expiresAt ? formatDay(order.expiresAt) : null,
    duration: days === null ? 'no stated end' : `${days} days`,
    receivedAt: formatDay(d.receivedAt),
    accountCount: d.targets.length,
    dataCategories: categoryLabels(d.dataCategories),
    enterpriseCustomers: enterprises.join(', '),
    grounds: grounds.map((g, i) => ({ heading: `${String.fromCharCode(65 + i)}. ${g.heading}`, text: g.text })),
  });
  return { text, grounds: grounds.map((g) => g.code) };
}
