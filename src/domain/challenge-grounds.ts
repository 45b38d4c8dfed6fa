/**
 * Why a secrecy (non-disclosure) order may be challenged, from the facts Writ holds. These follow
 * the DOJ policy of 19 October 2017 on 18 U.S.C. 2705(b) orders (no indefinite orders, a year as
 * the ordinary ceiling, findings specific to the case) and the practice of seeking enterprise data
 * from the enterprise first. Pure: the draft and the queue both read it.
 */
import type { Demand } from './demand.ts';
import type { CustomerKind } from './vocabulary.ts';

export const GROUND_CODES = [
  'no_end_date',
  'longer_than_a_year',
  'no_individualised_findings',
  'enterprise_could_be_asked',
] as const;
export type GroundCode = (typeof GROUND_CODES)[number];

export interface ChallengeGround {
  code: GroundCode;
  heading: string;
  text: string;
}

const DAY = 86_400_000;

/** The order's length in whole days, or null when it states no end. */
export function orderDurationDays(order: NonNullable<Demand['secrecyOrder']>): number | null {
  if (!order.expiresAt) return null;
  return Math.round((new Date(order.expiresAt).getTime() - new Date(order.issuedAt).getTime()) / DAY);
}

/** The grounds that apply to a demand's secrecy order; none when it has no order. */
export function challengeGrounds(d: Demand, customerKinds: ReadonlyMap<string, CustomerKind>): ChallengeGround[] {
  const order = d.secrecyOrder;
  if (!order) return [];
  const grounds: ChallengeGround[] = [];
  const days = orderDurationDays(order);
  if (days === null) {
    grounds.push({
      code: 'no_end_date',
      heading: 'The order states no end date.',
      text: 'An order of indefinite duration silences the customer for ever. Delayed-notice orders should be limited to a stated period, renewable only on a fresh showing.',
    });
  } else if (days > 365) {
    grounds.push({
      code: 'longer_than_a_year',
      heading: 'The order runs for longer than a year.',
      text: `The order runs for ${days} days. A period beyond one year should be reserved for exceptional circumstances shown on the record; none is stated here.`,
    });
  }
  if (!order.individualizedFindings) {
    grounds.push({
      code: 'no_individualised_findings',
      heading: 'The order rests on no findings specific to this case.',
      text: 'The order does not show an individualised and meaningful assessment of why notice would endanger a person, cause flight, destruction of evidence, witness intimidation or serious jeopardy to the investigation.',
    });
  }
  if (d.targets.some((t) => customerKinds.get(t.customerId) === 'enterprise')) {
    grounds.push({
      code: 'enterprise_could_be_asked',
      heading: 'The data belongs to an enterprise customer that could be asked directly.',
      text: 'The data sought is held for an enterprise customer, which controls it and could answer the agency itself. Keeping that customer in the dark is not necessary where it could have been approached first.',
    });
  }
  return grounds;
}
