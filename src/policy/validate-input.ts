/**
 * Checks a PolicyInput before evaluation. A rule that compares against an unreadable date would
 * silently not fire, so bad timestamps and codes are refused up front with their paths. The
 * timestamps parsed here are handed to the evaluation so that each is parsed only once.
 */
import { isCountryCode, isSubdivisionCode } from '../domain/countries.ts';
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
} from './codes.ts';
import { isTimeZone, parseInstant } from './time.ts';
import type { PolicyInput } from './types.ts';

/** A PolicyInput the engine cannot evaluate; `issues` lists each problem as "path: what is wrong". */
export class PolicyInputError extends Error {
  readonly issues: string[];

  constructor(issues: string[]) {
    super(`Policy input is not valid:\n  ${issues.join('\n  ')}`);
    this.name = 'PolicyInputError';
    this.issues = issues;
  }
}

/** Epoch milliseconds of every time fact (null when unset), keyed by fact name. */
export type ParsedTimes = Record<string, number | null>;

/** Throws PolicyInputError unless `input` can be evaluated; returns its timestamps, parsed. */
export function assertValidInput(input: PolicyInput): ParsedTimes {
  const issues: string[] = [];
  const times: ParsedTimes = {
    now: time(issues, 'now', input.now, false),
    receivedAt: time(issues, 'receivedAt', input.receivedAt, false),
    issuedAt: time(issues, 'issuedAt', input.issuedAt, true),
    statedDeadline: time(issues, 'statedDeadline', input.statedDeadline, true),
    'dateRange.from': time(issues, 'dateRange.from', input.dateRange?.from, true),
    'dateRange.to': time(issues, 'dateRange.to', input.dateRange?.to, true),
    'secrecy.issuedAt': input.secrecyOrder
      ? time(issues, 'secrecyOrder.issuedAt', input.secrecyOrder.issuedAt, false)
      : null,
    'secrecy.expiresAt': input.secrecyOrder
      ? time(issues, 'secrecyOrder.expiresAt', input.secrecyOrder.expiresAt, true)
      : null,
    preservationStartedAt: time(issues, 'preservationStartedAt', input.preservationStartedAt ?? null, true),
  };
  times.preservationStart = times.preservationStartedAt ?? times.receivedAt ?? null;
  const started = times.preservationStartedAt;
  if (started != null && times.receivedAt != null && started > times.receivedAt)
    issues.push('preservationStartedAt: must not be after receivedAt');
  if (started != null && !(input.preservationRenewals >= 1))
    issues.push(
      'preservationStartedAt: only a renewal (preservationRenewals of 1 or more) extends an earlier preservation',
    );
  if (input.requesterKind !== undefined) oneOf(issues, 'requesterKind', REQUESTER_KINDS, input.requesterKind, false);
  optionalBoolean(issues, 'nondisclosureCertified', input.nondisclosureCertified, true);
  optionalBoolean(issues, 'tollBillingRecordsOnly', input.tollBillingRecordsOnly, false);
  const zone = input.issuingTimeZone;
  if (zone !== undefined && zone !== null && !isTimeZone(zone))
    issues.push('issuingTimeZone: must be an IANA time zone (e.g. "America/Los_Angeles"), or null');
  if (input.secrecyOrder)
    optionalBoolean(issues, 'secrecyOrder.enterpriseNoticeRisk', input.secrecyOrder.enterpriseNoticeRisk, false);
  oneOf(issues, 'instrument', INSTRUMENTS, input.instrument, false);
  country(issues, 'jurisdiction', input.jurisdiction, false);
  const sub = input.jurisdictionSubdivision;
  if (sub !== null && (typeof sub !== 'string' || !isSubdivisionCode(input.jurisdiction, sub))) {
    issues.push('jurisdictionSubdivision: must be an ISO 3166-2 code of the jurisdiction, or null');
  }
  oneOf(issues, 'issuingAuthority.kind', AGENCY_KINDS, input.issuingAuthority?.kind, false);
  oneOf(issues, 'issuingAuthority.judicialRole', JUDICIAL_ROLES, input.issuingAuthority?.judicialRole, true);
  oneOf(issues, 'issuingAuthority.validatedBy', JUDICIAL_ROLES, input.issuingAuthority?.validatedBy, true);
  if (!Array.isArray(input.dataCategories) || input.dataCategories.length === 0) {
    issues.push('dataCategories: must name at least one category');
  } else {
    for (let i = 0; i < input.dataCategories.length; i++)
      oneOf(issues, `dataCategories[${i}]`, DATA_CATEGORIES, input.dataCategories[i], false);
  }
  if (!Array.isArray(input.targets)) issues.push('targets: must be an array');
  else {
    for (let i = 0; i < input.targets.length; i++) {
      const t = input.targets[i];
      oneOf(issues, `targets[${i}].customerKind`, CUSTOMER_KINDS, t?.customerKind, false);
      country(issues, `targets[${i}].residenceCountry`, t?.residenceCountry, true);
      country(issues, `targets[${i}].storageCountry`, t?.storageCountry, true);
      if (t?.locatedIn !== undefined) country(issues, `targets[${i}].locatedIn`, t.locatedIn, true);
    }
  }
  oneOf(issues, 'requester.verification', REQUESTER_VERIFICATION, input.requester?.verification, false);
  oneOf(issues, 'requester.emailDomainClass', EMAIL_DOMAIN_CLASSES, input.requester?.emailDomainClass, false);
  if (input.eu) {
    oneOf(issues, 'eu.enforcingStateAnswer', ENFORCING_STATE_ANSWERS, input.eu.enforcingStateAnswer, false);
    optionalBoolean(issues, 'eu.controllerNotToBeInformed', input.eu.controllerNotToBeInformed, false);
    if (input.eu.inability !== undefined)
      oneOf(issues, 'eu.inability', EU_INABILITY_GROUNDS, input.eu.inability, false);
  }
  if (!Number.isInteger(input.preservationRenewals) || input.preservationRenewals < 0) {
    issues.push('preservationRenewals: must be a whole number, 0 or more');
  }
  if (issues.length) throw new PolicyInputError(issues);
  return times;
}

function time(issues: string[], path: string, v: unknown, nullable: boolean): number | null {
  if (v === null && nullable) return null;
  const ms = typeof v === 'string' ? parseInstant(v) : Number.NaN;
  if (Number.isNaN(ms)) issues.push(`${path}: must be an ISO 8601 timestamp${nullable ? ' or null' : ''}`);
  return ms;
}

/** An optional boolean: absent is fine, otherwise true or false (or null when `nullable`). */
function optionalBoolean(issues: string[], path: string, v: unknown, nullable: boolean): void {
  if (v === undefined || (v === null && nullable) || typeof v === 'boolean') return;
  issues.push(`${path}: must be true or false${nullable ? ' or null' : ''}`);
}

function oneOf(issues: string[], path: string, values: readonly string[], v: unknown, nullable: boolean): void {
  if (v === null && nullable) return;
  if (typeof v !== 'string' || !values.includes(v)) issues.push(`${path}: must be one of ${values.join(', ')}`);
}

function country(issues: string[], path: string, v: unknown, nullable: boolean): void {
  if (v === null && nullable) return;
  if (typeof v !== 'string' || !isCountryCode(v)) issues.push(`${path}: must be an ISO 3166-1 country code`);
}
