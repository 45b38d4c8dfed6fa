/**
 * The agency's demand form as data: its fields, the demand it becomes (the intake schema of
 * src/workflow/schemas/demand-intake.ts), and its checks. Problems are keyed by the same JSON
 * pointers the API uses in its 422 answers, so a problem found here and one found by the server
 * land on the same field. Pure: no DOM, so the checks are tested against the server's own.
 */
import { isCountryCode, isSubdivisionCode } from '../../../../src/domain/countries.ts';
import {
  DATA_CATEGORIES,
  IDENTIFIER_KINDS,
  INSTRUMENTS,
  type DataCategory,
  type IdentifierKind,
  type Instrument,
} from '../../../../src/domain/vocabulary.ts';
import type { DemandIntake } from '../../../../src/workflow/schemas/demand-intake.ts';

export interface IntakeForm {
  instrument: string;
  jurisdiction: string;
  jurisdictionSubdivision: string;
  /** Calendar days (yyyy-mm-dd), as date inputs give them. */
  issuedOn: string;
  issuingCourt: string;
  caseNumber: string;
  signed: boolean;
  requesterName: string;
  requesterEmail: string;
  requesterPhone: string;
  /** `locatedIn`: where the person is located (ISO 3166-1), when the order states it; "" when not. */
  targets: { kind: string; value: string; locatedIn?: string }[];
  dataCategories: string[];
  dateFrom: string;
  dateTo: string;
  emergency: boolean;
  emergencyDescription: string;
  secrecy: boolean;
  secrecyLegalBasis: string;
  secrecyIssuedOn: string;
  secrecyExpiresOn: string;
  secrecyFindings: boolean;
  /** The order finds that telling the enterprise itself would put the investigation at risk. */
  secrecyEnterpriseRisk: boolean;
  responseDeadlineOn: string;
  offenceDescription: string;
  offenceMaxYears: string;
  /** National security letter: "yes" (FBI certification under 18 U.S.C. 2709(c)(1)), "no", or "" not stated. */
  nslCertified: string;
  /** National security letter: the records asked for are toll billing records only. */
  nslTollBillingOnly: boolean;
  /** European Production Order: the issuing authority asks the provider not to inform the controller. */
  euRefrainFromInforming: boolean;
  /** A preservation renewal: the reference of the preservation it extends (WR-yyyy-nnnnnn). */
  renewsReference: string;
}

/** What the form needs to know of the files chosen (their bytes are the server's to check). */
export interface ChosenFile {
  name: string;
  type: string;
  size: number;
}

export const EMPTY_FORM: IntakeForm = {
  instrument: '',
  jurisdiction: '',
  jurisdictionSubdivision: '',
  issuedOn: '',
  issuingCourt: '',
  caseNumber: '',
  signed: true,
  requesterName: '',
  requesterEmail: '',
  requesterPhone: '',
  targets: [{ kind: 'email', value: '' }],
  dataCategories: [],
  dateFrom: '',
  dateTo: '',
  emergency: false,
  emergencyDescription: '',
  secrecy: false,
  secrecyLegalBasis: '',
  secrecyIssuedOn: '',
  secrecyExpiresOn: '',
  secrecyFindings: false,
  secrecyEnterpriseRisk: false,
  responseDeadlineOn: '',
  offenceDescription: '',
  offenceMaxYears: '',
  nslCertified: '',
  nslTollBillingOnly: false,
  euRefrainFromInforming: false,
  renewsReference: '',
};

const PRESERVATION = ['preservation_request', 'european_preservation_order'];
const REFERENCE = /^WR-\d{4}-\d{6}$/;

/** The legal facts the form states for its instrument (each only where it applies, as the API checks). */
function legalFactsOf(f: IntakeForm): DemandIntake['legalFacts'] | undefined {
  const facts: NonNullable<DemandIntake['legalFacts']> = {};
  if (f.instrument === 'national_security_letter') {
    if (f.nslCertified) facts.nondisclosureCertified = f.nslCertified === 'yes';
    if (f.nslTollBillingOnly) facts.tollBillingRecordsOnly = true;
  }
  if (f.instrument === 'european_production_order' && f.euRefrainFromInforming) facts.controllerNotToBeInformed = true;
  return Object.keys(facts).length ? facts : undefined;
}

/** The document types intake accepts (src/domain/document-types.ts checks their bytes). */
export const ACCEPTED_DOCUMENTS = ['application/pdf', 'image/png', 'image/jpeg'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// The API's e-mail format (ajv-formats, "full" mode, as Fastify validates it).
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}$/i;

const isDay = (v: string) =>
  DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const startOf = (v: string) => `${v}T00:00:00Z`;
// A range or a deadline given as a day runs to the end of that day.
const endOf = (v: string) => `${v}T23:59:59Z`;
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** The demand the form describes, as the API takes it. */
export function toIntake(f: IntakeForm, agencyId: string): DemandIntake {
  const years = f.offenceMaxYears.trim();
  return {
    channel: 'agency_portal',
    agencyId,
    requester: {
      name: f.requesterName.trim(),
      email: f.requesterEmail.trim(),
      ...(f.requesterPhone.trim() ? { phone: f.requesterPhone.trim() } : {}),
    },
    jurisdiction: f.jurisdiction,
    jurisdictionSubdivision: orNull(f.jurisdictionSubdivision.toUpperCase()),
    instrument: f.instrument as Instrument,
    issuedAt: f.issuedOn ? startOf(f.issuedOn) : null,
    issuingCourt: orNull(f.issuingCourt),
    caseNumber: orNull(f.caseNumber),
    signed: f.signed,
    targets: f.targets.map((t) => ({
      kind: t.kind as IdentifierKind,
      value: t.value.trim(),
      ...(t.locatedIn?.trim() ? { locatedIn: t.locatedIn.trim().toUpperCase() } : {}),
    })),
    dataCategories: DATA_CATEGORIES.filter((c) => f.dataCategories.includes(c)),
    ...(f.dateFrom || f.dateTo
      ? { dateRange: { from: f.dateFrom ? startOf(f.dateFrom) : null, to: f.dateTo ? endOf(f.dateTo) : null } }
      : {}),
    emergency: f.emergency ? { description: f.emergencyDescription.trim() } : null,
    secrecyOrder: f.secrecy
      ? {
          legalBasis: f.secrecyLegalBasis.trim(),
          issuedAt: startOf(f.secrecyIssuedOn),
          expiresAt: f.secrecyExpiresOn ? startOf(f.secrecyExpiresOn) : null,
          individualizedFindings: f.secrecyFindings,
          ...(f.secrecyEnterpriseRisk ? { enterpriseNoticeRisk: true } : {}),
        }
      : null,
    offence: f.offenceDescription.trim()
      ? { description: f.offenceDescription.trim(), maxSentenceYears: years ? Number(years) : null }
      : null,
    responseDeadline: f.responseDeadlineOn ? endOf(f.responseDeadlineOn) : null,
    ...(legalFactsOf(f) ? { legalFacts: legalFactsOf(f) } : {}),
    ...(PRESERVATION.includes(f.instrument) && f.renewsReference.trim()
      ? { renewsReference: f.renewsReference.trim().toUpperCase() }
      : {}),
  };
}

/** Where each problem is, by JSON pointer into the demand ("/documents" for the files). */
export type IntakeProblems = Record<string, string>;

export function validateIntakeForm(f: IntakeForm, o: { now: Date; files: ChosenFile[] }): IntakeProblems {
  const p: IntakeProblems = {};
  const add = (pointer: string, message: string) => (p[pointer] ??= message);
  const len = (pointer: string, v: string, max: number, what: string) =>
    v.trim().length > max && add(pointer, `${what} must be at most ${max} characters`);
  const required = (pointer: string, v: string, what: string, max: number) =>
    v.trim() ? len(pointer, v, max, what) : add(pointer, `Enter ${what.toLowerCase()}`);
  const day = (pointer: string, v: string, what: string) => {
    if (v && !isDay(v)) add(pointer, `${what} is not a valid date`);
  };
  const today = o.now.toISOString().slice(0, 10);

  if (!(INSTRUMENTS as readonly string[]).includes(f.instrument)) add('/instrument', 'Choose the instrument');
  if (!isCountryCode(f.jurisdiction)) add('/jurisdiction', 'Choose the country whose law the demand is made under');
  const sub = f.jurisdictionSubdivision.trim().toUpperCase();
  if (sub && !(/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(sub) && isSubdivisionCode(f.jurisdiction, sub)))
    add(
      '/jurisdictionSubdivision',
      `Give the subdivision as ${f.jurisdiction || 'CC'}-XX (e.g. US-CA), or leave it empty`,
    );

  day('/issuedAt', f.issuedOn, 'The issue date');
  if (isDay(f.issuedOn) && f.issuedOn > today) add('/issuedAt', 'The issue date is in the future');
  len('/issuingCourt', f.issuingCourt, 300, 'The issuing court');
  len('/caseNumber', f.caseNumber, 100, 'The case number');

  required('/requester/name', f.requesterName, 'The requester’s name', 200);
  if (!f.requesterEmail.trim()) add('/requester/email', 'Enter the requester’s e-mail address');
  else if (!EMAIL.test(f.requesterEmail.trim()) || f.requesterEmail.trim().length > 320)
    add('/requester/email', 'Enter a valid e-mail address, like name@agency.gov');
  len('/requester/phone', f.requesterPhone, 40, 'The phone number');

  if (f.targets.length === 0) add('/targets', 'Name at least one account');
  if (f.targets.length > 1000) add('/targets', 'Name at most 1,000 accounts in one demand');
  const seen = new Set<string>();
  f.targets.forEach((t, i) => {
    const v = t.value.trim();
    if (!(IDENTIFIER_KINDS as readonly string[]).includes(t.kind))
      add(`/targets/${i}/kind`, 'Choose what the identifier is');
    if (!v) return add(`/targets/${i}/value`, 'Enter the identifier, or remove this row');
    if (v.length > 320) add(`/targets/${i}/value`, 'An identifier must be at most 320 characters');
    else if (t.kind === 'email' && !EMAIL.test(v)) add(`/targets/${i}/value`, 'This is not an e-mail address');
    else if (t.kind === 'domain' && !DOMAIN.test(v)) add(`/targets/${i}/value`, 'This is not a domain name');
    const where = t.locatedIn?.trim().toUpperCase();
    if (where && !isCountryCode(where))
      add(`/targets/${i}/locatedIn`, 'Give the country as its two-letter code (e.g. GB), or leave it empty');
    const key = `${t.kind}:${v.toLowerCase()}`;
    if (seen.has(key)) add(`/targets/${i}`, 'The same identifier is named twice');
    seen.add(key);
  });

  if (!f.dataCategories.some((c) => (DATA_CATEGORIES as readonly string[]).includes(c)))
    add('/dataCategories', 'Choose at least one category of data');

  day('/dateRange/from', f.dateFrom, 'The start of the period');
  day('/dateRange/to', f.dateTo, 'The end of the period');
  if (isDay(f.dateFrom) && isDay(f.dateTo) && f.dateTo < f.dateFrom)
    add('/dateRange/to', 'The period ends before it starts');

  if (f.emergency) required('/emergency/description', f.emergencyDescription, 'The emergency', 5000);
  else if (f.instrument === 'emergency_request')
    add('/emergency', 'An emergency request must describe the emergency: tick "This is an emergency"');

  if (f.secrecy) {
    required('/secrecyOrder/legalBasis', f.secrecyLegalBasis, 'The legal basis of the order', 300);
    if (!f.secrecyIssuedOn) add('/secrecyOrder/issuedAt', 'Enter the date the order was issued');
    else day('/secrecyOrder/issuedAt', f.secrecyIssuedOn, 'The order’s issue date');
    day('/secrecyOrder/expiresAt', f.secrecyExpiresOn, 'The order’s end date');
    if (isDay(f.secrecyIssuedOn) && isDay(f.secrecyExpiresOn) && f.secrecyExpiresOn <= f.secrecyIssuedOn)
      add('/secrecyOrder/expiresAt', 'The order must end after it was issued');
  }

  day('/responseDeadline', f.responseDeadlineOn, 'The response deadline');

  const renews = f.renewsReference.trim().toUpperCase();
  if (renews && PRESERVATION.includes(f.instrument) && !REFERENCE.test(renews))
    add('/renewsReference', 'Give the reference of the preservation this renews, like WR-2026-000123');

  const years = f.offenceMaxYears.trim();
  if (years) {
    const n = Number(years);
    if (!/^\d+(\.\d+)?$/.test(years) || !(n >= 0 && n <= 200))
      add('/offence/maxSentenceYears', 'Give the maximum sentence in years (0 to 200)');
    if (!f.offenceDescription.trim()) add('/offence/description', 'Describe the offence the maximum sentence is for');
  }
  len('/offence/description', f.offenceDescription, 1000, 'The offence description');

  if (o.files.length === 0) add('/documents', 'Attach the signed legal document');
  if (o.files.length > 20) add('/documents', 'Attach at most 20 files');
  const wrong = o.files.find((file) => !ACCEPTED_DOCUMENTS.includes(file.type));
  if (wrong) add('/documents', `${wrong.name} is not a PDF, PNG or JPEG file`);
  return p;
}

/** The id of the control a pointer is about (a row's problem goes to its value box). */
export function fieldIdFor(pointer: string): string {
  if (/^\/targets\/\d+$/.test(pointer)) return `f${pointer.replaceAll('/', '-')}-value`;
  if (pointer === '/emergency') return 'f-emergency-flag';
  if (pointer === '/requester') return 'f-requester-name';
  return `f${pointer.replaceAll('/', '-')}`;
}

export type { DataCategory };
