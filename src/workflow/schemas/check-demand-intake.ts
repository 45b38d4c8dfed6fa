/**
 * Validation of a submitted demand beyond its JSON shape: real country codes, dates that parse
 * and come in order. Pure: returns every problem at once, each with a JSON pointer.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isCountryCode, isSubdivisionCode } from '../../domain/countries.ts';
import { invalid, type FieldError } from '../../domain/errors.ts';
import { findNul } from '../../domain/nul-characters.ts';
import { DemandIntakeSchema, type DemandIntake } from './demand-intake.ts';

const shape = TypeCompiler.Compile(DemandIntakeSchema);

/** Check the JSON shape (for edges that do not validate with ajv themselves, e.g. the CLI). */
export function parseDemandIntake(value: unknown): DemandIntake {
  if (shape.Check(value)) {
    checkDemandIntake(value, new Date());
    return value;
  }
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const e of shape.Errors(value)) {
    const pointer = e.path || '/';
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    fields.push({ pointer, detail: e.message });
  }
  throw invalid(fields);
}

const SKEW_MS = 24 * 3600 * 1000; // a day of clock and time-zone slack for "not in the future"

/**
 * How long after a half-year ends staff may still date a demand into it (a letter that arrived on
 * the last day, entered after a weekend). After that the half-year's received figures are final.
 */
export const BACKDATE_GRACE_DAYS = 7;

/** The first instant of the half-year holding `t` (UTC). */
function halfYearStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() < 6 ? 0 : 6, 1);
}

/**
 * The earliest time staff may give as `receivedAt` at `now`: the start of the current half-year,
 * or of the previous one while its grace days last. No earlier, so a half-year's transparency report
 * cannot change once its figures are final.
 */
export function earliestReceivedAt(now: Date): number {
  return halfYearStart(now.getTime() - BACKDATE_GRACE_DAYS * 86_400_000);
}

/** Who submits: an agency's own demand is received when Writ receives it, and cannot say otherwise. */
export interface IntakeSubmitter {
  byAgency: boolean;
}

/** Semantic checks; throws DomainError(invalid_input) naming every offending field. */
export function checkDemandIntake(d: DemandIntake, now: Date, who: IntakeSubmitter = { byAgency: false }): void {
  const fields: FieldError[] = [];
  findNul(d, '', fields);
  const time = (pointer: string, v: string | null | undefined): number | null => {
    if (v === null || v === undefined) return null;
    const t = Date.parse(v);
    if (Number.isNaN(t)) {
      fields.push({ pointer, detail: 'is not a valid date-time' });
      return null;
    }
    return t;
  };
  if (!isCountryCode(d.jurisdiction))
    fields.push({ pointer: '/jurisdiction', detail: `"${d.jurisdiction}" is not an ISO 3166-1 country code` });
  if (d.jurisdictionSubdivision && !isSubdivisionCode(d.jurisdiction, d.jurisdictionSubdivision)) {
    fields.push({
      pointer: '/jurisdictionSubdivision',
      detail: `must be a subdivision of ${d.jurisdiction} (e.g. ${d.jurisdiction}-XX)`,
    });
  }
  const received = time('/receivedAt', d.receivedAt);
  if (received !== null && who.byAgency)
    fields.push({
      pointer: '/receivedAt',
      detail:
        'is set by Writ when an agency submits a demand: leave it out (staff date a demand received on paper or by e-mail)',
    });
  else if (received !== null && received > now.getTime() + SKEW_MS)
    fields.push({ pointer: '/receivedAt', detail: 'is in the future' });
  else if (received !== null && received < earliestReceivedAt(now))
    fields.push({
      pointer: '/receivedAt',
      detail: `is before ${new Date(earliestReceivedAt(now)).toISOString()}: a half-year's figures are final ${BACKDATE_GRACE_DAYS} days after it ends`,
    });
  const issued = time('/issuedAt', d.issuedAt);
  if (issued !== null && issued > (received ?? now.getTime()) + SKEW_MS)
    fields.push({ pointer: '/issuedAt', detail: 'is after the demand was received' });
  const from = time('/dateRange/from', d.dateRange?.from);
  const to = time('/dateRange/to', d.dateRange?.to);
  if (from !== null && to !== null && to < from)
    fields.push({ pointer: '/dateRange/to', detail: 'ends before the range starts' });
  if (d.secrecyOrder) {
    const s = time('/secrecyOrder/issuedAt', d.secrecyOrder.issuedAt);
    const e = time('/secrecyOrder/expiresAt', d.secrecyOrder.expiresAt);
    if (s !== null && e !== null && e <= s)
      fields.push({ pointer: '/secrecyOrder/expiresAt', detail: 'is not after the order was issued' });
  }
  time('/responseDeadline', d.responseDeadline);
  const seen = new Set<string>();
  d.targets.forEach((t, i) => {
    const k = `${t.kind}:${t.value.trim().toLowerCase()}`;
    if (seen.has(k)) fields.push({ pointer: `/targets/${i}`, detail: 'names the same identifier twice' });
    seen.add(k);
    if (t.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t.value.trim()))
      fields.push({ pointer: `/targets/${i}/value`, detail: 'is not an e-mail address' });
    if (t.kind === 'domain' && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(t.value.trim()))
      fields.push({ pointer: `/targets/${i}/value`, detail: 'is not a domain name' });
    if (t.locatedIn && !isCountryCode(t.locatedIn))
      fields.push({ pointer: `/targets/${i}/locatedIn`, detail: `"${t.locatedIn}" is not an ISO 3166-1 country code` });
  });
  const preservation = d.instrument === 'preservation_request' || d.instrument === 'european_preservation_order';
  if (d.renewsReference && !preservation)
    fields.push({ pointer: '/renewsReference', detail: 'only a preservation request renews an earlier preservation' });
  if (d.renewsReference && d.legalFacts?.preservationRenewals !== undefined)
    fields.push({
      pointer: '/legalFacts/preservationRenewals',
      detail: 'is counted from the linked preservation (renewsReference); give one or the other',
    });
  if (d.legalFacts?.nondisclosureCertified !== undefined && d.instrument !== 'national_security_letter')
    fields.push({
      pointer: '/legalFacts/nondisclosureCertified',
      detail: 'applies to a national security letter only',
    });
  if (d.legalFacts?.tollBillingRecordsOnly !== undefined && d.instrument !== 'national_security_letter')
    fields.push({
      pointer: '/legalFacts/tollBillingRecordsOnly',
      detail: 'applies to a national security letter only',
    });
  const euOrder = d.instrument === 'european_production_order' || d.instrument === 'european_preservation_order';
  for (const key of ['controllerNotToBeInformed', 'euInability'] as const)
    if (d.legalFacts?.[key] !== undefined && !euOrder)
      fields.push({
        pointer: `/legalFacts/${key}`,
        detail: 'applies to a European Production or Preservation Order only',
      });
  if (d.instrument === 'emergency_request' && !d.emergency) {
    fields.push({ pointer: '/emergency', detail: 'an emergency request must describe the emergency' });
  }
  if (fields.length) throw invalid(fields);
}
