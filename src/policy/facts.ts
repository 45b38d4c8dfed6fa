/**
 * The facts a pack's conditions may test, each with its type and allowed values. Facts are read
 * straight from the PolicyInput: no legal judgement happens here, so that all of it stays in the
 * packs. The validator uses this catalogue to refuse unknown facts and impossible values.
 */
import {
  AGENCY_KINDS,
  CUSTOMER_KINDS,
  DATA_CATEGORIES,
  INSTRUMENTS,
  REQUESTER_VERIFICATION,
} from '../domain/vocabulary.ts';
import {
  EMAIL_DOMAIN_CLASSES,
  ENFORCING_STATE_ANSWERS,
  EU_INABILITY_GROUNDS,
  JUDICIAL_ROLES,
  REQUESTER_KINDS,
  type RequesterKind,
} from './codes.ts';
import type { PolicyInput, PolicyTarget } from './types.ts';

export type FactType =
  | 'enum'
  | 'enum_set'
  | 'country'
  | 'subdivision'
  | 'boolean'
  | 'number'
  | 'time'
  | 'text'
  | 'timezone';

/** Who makes the demand; absent from the input, a civil litigant issuer is a private party. */
export function requesterKindOf(i: PolicyInput): RequesterKind {
  return i.requesterKind ?? (i.issuingAuthority.kind === 'civil_litigant' ? 'private' : 'government');
}
export type FactValue = string | number | boolean | null | readonly string[];

/** How one fact is typed and read. `target` facts exist only inside anyTarget/allTargets. */
export interface FactDef {
  type: FactType;
  values?: readonly string[];
  nullable: boolean;
  scope: 'demand' | 'target';
  read(input: PolicyInput, target: PolicyTarget | null): FactValue;
}

const demand = (
  type: FactType,
  nullable: boolean,
  read: (i: PolicyInput) => FactValue,
  values?: readonly string[],
): FactDef => ({
  type,
  nullable,
  scope: 'demand',
  read,
  ...(values ? { values } : {}),
});

const onTarget = (
  type: FactType,
  nullable: boolean,
  read: (t: PolicyTarget) => FactValue,
  values?: readonly string[],
): FactDef => ({
  type,
  nullable,
  scope: 'target',
  read: (_i, t) => (t === null ? null : read(t)),
  ...(values ? { values } : {}),
});

/** Every fact a condition may name. */
export const FACTS: Readonly<Record<string, FactDef>> = {
  now: demand('time', false, (i) => i.now),
  receivedAt: demand('time', false, (i) => i.receivedAt),
  issuedAt: demand('time', true, (i) => i.issuedAt),
  instrument: demand('enum', false, (i) => i.instrument, INSTRUMENTS),
  jurisdiction: demand('country', false, (i) => i.jurisdiction),
  jurisdictionSubdivision: demand('subdivision', true, (i) => i.jurisdictionSubdivision),
  'authority.kind': demand('enum', false, (i) => i.issuingAuthority.kind, AGENCY_KINDS),
  'authority.judicialRole': demand('enum', true, (i) => i.issuingAuthority.judicialRole, JUDICIAL_ROLES),
  'authority.validatedBy': demand('enum', true, (i) => i.issuingAuthority.validatedBy, JUDICIAL_ROLES),
  signed: demand('boolean', false, (i) => i.signed),
  issuingCourt: demand('text', true, (i) => i.issuingCourt),
  categories: demand('enum_set', false, (i) => i.dataCategories, DATA_CATEGORIES),
  'dateRange.from': demand('time', true, (i) => i.dateRange.from),
  'dateRange.to': demand('time', true, (i) => i.dateRange.to),
  identificationOnly: demand('boolean', false, (i) => i.identificationOnly),
  emergency: demand('boolean', false, (i) => i.emergency !== null),
  'requester.verification': demand('enum', false, (i) => i.requester.verification, REQUESTER_VERIFICATION),
  'requester.emailDomainClass': demand('enum', false, (i) => i.requester.emailDomainClass, EMAIL_DOMAIN_CLASSES),
  'requester.callbackConfirmed': demand('boolean', false, (i) => i.requester.callbackConfirmed),
  'requester.kind': demand('enum', false, requesterKindOf, REQUESTER_KINDS),
  'nsl.nondisclosureCertified': demand('boolean', true, (i) => i.nondisclosureCertified ?? null),
  'nsl.tollBillingRecordsOnly': demand('boolean', false, (i) => i.tollBillingRecordsOnly === true),
  issuingTimeZone: demand('timezone', true, (i) => i.issuingTimeZone ?? null),
  'secrecy.present': demand('boolean', false, (i) => i.secrecyOrder !== null),
  'secrecy.individualizedFindings': demand('boolean', true, (i) => i.secrecyOrder?.individualizedFindings ?? null),
  'secrecy.issuedAt': demand('time', true, (i) => i.secrecyOrder?.issuedAt ?? null),
  'secrecy.expiresAt': demand('time', true, (i) => i.secrecyOrder?.expiresAt ?? null),
  'secrecy.enterpriseNoticeRisk': demand('boolean', true, (i) =>
    i.secrecyOrder ? i.secrecyOrder.enterpriseNoticeRisk === true : null,
  ),
  'offence.present': demand('boolean', false, (i) => i.offence !== null),
  'offence.maxSentenceYears': demand('number', true, (i) => i.offence?.maxSentenceYears ?? null),
  'offence.listed': demand('boolean', true, (i) => i.offence?.listedOffence ?? null),
  'eu.offenceCommittedInIssuingState': demand('boolean', true, (i) => i.eu?.offenceCommittedInIssuingState ?? null),
  'eu.personResidesInIssuingState': demand('boolean', true, (i) => i.eu?.personResidesInIssuingState ?? null),
  'eu.enforcingStateAnswer': demand('enum', true, (i) => i.eu?.enforcingStateAnswer ?? null, ENFORCING_STATE_ANSWERS),
  'eu.controllerNotToBeInformed': demand('boolean', true, (i) =>
    i.eu ? i.eu.controllerNotToBeInformed === true : null,
  ),
  'eu.inability': demand('enum', true, (i) => (i.eu ? (i.eu.inability ?? 'none') : null), EU_INABILITY_GROUNDS),
  preservationRenewals: demand('number', false, (i) => i.preservationRenewals),
  preservationStartedAt: demand('time', true, (i) => i.preservationStartedAt ?? null),
  /** When the preservation this request belongs to began: the first request's receipt, else this one's. */
  preservationStart: demand('time', false, (i) => i.preservationStartedAt ?? i.receivedAt),
  statedDeadline: demand('time', true, (i) => i.statedDeadline),
  noDataFound: demand('boolean', false, (i) => i.noDataFound),
  targetCount: demand('number', false, (i) => i.targets.length),
  'target.customerKind': onTarget('enum', false, (t) => t.customerKind, CUSTOMER_KINDS),
  'target.wholeTenant': onTarget('boolean', false, (t) => t.wholeTenant),
  'target.residenceCountry': onTarget('country', true, (t) => t.residenceCountry),
  'target.usPerson': onTarget('boolean', true, (t) => t.usPerson),
  'target.storageCountry': onTarget('country', true, (t) => t.storageCountry),
  'target.locatedIn': onTarget('country', true, (t) => t.locatedIn ?? null),
};

/** The definition of `name`, or undefined when no such fact exists. */
export function factDef(name: string): FactDef | undefined {
  return Object.hasOwn(FACTS, name) ? FACTS[name] : undefined;
}
