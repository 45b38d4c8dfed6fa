/**
 * Checks a PolicyInput before evaluation. A rule that compares against an unreadable date would
 * silently not fire, so bad timestamps and codes are refused up front with their paths.
 */
import { isCountryCode, isSubdivisionCode } from '../domain/countries.ts';
import { AGENCY_KINDS, CUSTOMER_KINDS, DATA_CATEGORIES, INSTRUMENTS, REQUESTER_VERIFICATION, isOneOf } from '../domain/vocabulary.ts';
import { EMAIL_DOMAIN_CLASSES, ENFORCING_STATE_ANSWERS, JUDICIAL_ROLES } from './codes.ts';
import { isInstant } from './time.ts';
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

/** Throws PolicyInputError unless `input` can be evaluated. */
export function assertValidInput(input: PolicyInput): void {
  const issues: string[] = [];
  const time = (path: string, v: unknown, nullable: boolean) => {
    if (v === null && nullable) return;
    if (!isInstant(v)) issues.push(`${path}: must be an ISO 8601 timestamp${nullable ? ' or null' : ''}`);
  };
  const oneOf = (path: string, values: readonly string[], v: unknown, nullable = false) => {
    if (v === null && nullable) return;
    if (!isOneOf(values, v)) issues.push(`${path}: must be one of ${values.join(', ')}`);
  };
  const country = (path: string, v: unknown, nullable: boolean) => {
    if (v === null && nullable) return;
    if (typeof v !== 'string' || !isCountryCode(v)) issues.push(`${path}: must be an ISO 3166-1 country code`);
  };
  time('now', input.now, false);
  time('receivedAt', input.receivedAt, false);
  time('issuedAt', input.issuedAt, true);
  time('statedDeadline', input.statedDeadline, true);
  time('dateRange.from', input.dateRange?.from, true);
  time('dateRange.to', input.dateRange?.to, true);
  oneOf('instrument', INSTRUMENTS, input.instrument);
  country('jurisdiction', input.jurisdiction, false);
  const sub = input.jurisdictionSubdivision;
  if (sub !== null && (typeof sub !== 'string' || !isSubdivisionCode(input.jurisdiction, sub))) {
    issues.push('jurisdictionSubdivision: must be an ISO 3166-2 code of the jurisdiction, or null');
  }
  oneOf('issuingAuthority.kind', AGENCY_KINDS, input.issuingAuthority?.kind);
  oneOf('issuingAuthority.judicialRole', JUDICIAL_ROLES, input.issuingAuthority?.judicialRole, true);
  oneOf('issuingAuthority.validatedBy', JUDICIAL_ROLES, input.issuingAuthority?.validatedBy, true);
  if (!Array.isArray(input.dataCategories) || input.dataCategories.length === 0) {
    issues.push('dataCategories: must name at least one category');
  } else input.dataCategories.forEach((c, i) => oneOf(`dataCategories[${i}]`, DATA_CATEGORIES, c));
  if (!Array.isArray(input.targets)) issues.push('targets: must be an array');
  else input.targets.forEach((t, i) => {
    oneOf(`targets[${i}].customerKind`, CUSTOMER_KINDS, t.customerKind);
    country(`targets[${i}].residenceCountry`, t.residenceCountry, true);
    country(`targets[${i}].storageCountry`, t.storageCountry, true);
  });
  oneOf('requester.verification', REQUESTER_VERIFICATION, input.requester?.verification);
  oneOf('requester.emailDomainClass', EMAIL_DOMAIN_CLASSES, input.requester?.emailDomainClass);
  if (input.secrecyOrder) {
    time('secrecyOrder.issuedAt', input.secrecyOrder.issuedAt, false);
    time('secrecyOrder.expiresAt', input.secrecyOrder.expiresAt, true);
  }
  if (input.eu) oneOf('eu.enforcingStateAnswer', ENFORCING_STATE_ANSWERS, input.eu.enforcingStateAnswer);
  if (!Number.isInteger(input.preservationRenewals) || input.preservationRenewals < 0) {
    issues.push('preservationRenewals: must be a whole number, 0 or more');
  }
  if (issues.length) throw new PolicyInputError(issues);
}
