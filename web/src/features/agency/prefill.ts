/**
 * The demand form filled in from what Writ read in the attached document (POST
 * /api/v1/documents/read): each field found sets the form's fields it stands for, and the form
 * remembers which field came from which reading, so that each can be marked as read from the
 * document and, once the officer edits it, as changed. Pure: no DOM.
 */
import { isCountryCode } from '../../../../src/domain/countries.ts';
import { DATA_CATEGORIES, IDENTIFIER_KINDS, INSTRUMENTS } from '../../../../src/domain/vocabulary.ts';
import type { FieldView, FieldsRead, PageRead } from '../../lib/document-reading.ts';
import type { IntakeForm } from './intake-form.ts';

/** The answer of POST /api/v1/documents/read, as the form uses it. */
export interface DocumentReading {
  pageCount: number;
  problems: string[];
  fields: FieldsRead;
  pages: PageRead[];
}

/** For each form field filled from the document: the reading it came from and the value it was given. */
export type Prefilled = Partial<Record<keyof IntakeForm, { field: FieldView; value: unknown }>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : null);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The form with every field the document gave filled in, and what was filled from where. */
export function prefillForm(form: IntakeForm, read: FieldsRead): { form: IntakeForm; prefilled: Prefilled } {
  const next: IntakeForm = { ...form };
  const prefilled: Prefilled = {};
  const fill = <K extends keyof IntakeForm>(key: K, value: IntakeForm[K] | null, field: FieldView) => {
    if (value === null) return;
    next[key] = value;
    prefilled[key] = { field, value };
  };
  const f = (k: string) => read[k] ?? null;

  const instrument = f('instrument');
  if (instrument && (INSTRUMENTS as readonly unknown[]).includes(instrument.value))
    fill('instrument', instrument.value as string, instrument);
  const country = f('jurisdiction');
  if (country && typeof country.value === 'string' && isCountryCode(country.value))
    fill('jurisdiction', country.value, country);
  const issuer = f('issuingAuthority');
  if (issuer) fill('issuingCourt', text(issuer.value)?.slice(0, 300) ?? null, issuer);
  const caseNumber = f('caseNumber');
  if (caseNumber) fill('caseNumber', text(caseNumber.value)?.slice(0, 100) ?? null, caseNumber);
  const issued = f('issuedAt');
  if (issued) fill('issuedOn', day(issued.value), issued);
  const executeBy = f('executeBy');
  if (executeBy) fill('responseDeadlineOn', day(executeBy.value), executeBy);
  const signed = f('signed');
  if (signed && typeof signed.value === 'boolean') fill('signed', signed.value, signed);

  const categories = f('dataCategories');
  if (categories && Array.isArray(categories.value)) {
    const known = DATA_CATEGORIES.filter((c) => (categories.value as unknown[]).includes(c));
    if (known.length) fill('dataCategories', known, categories);
  }
  const range = f('dateRange');
  if (range) {
    const r = range.value as { from?: unknown; to?: unknown };
    fill('dateFrom', day(r.from), range);
    fill('dateTo', day(r.to), range);
  }

  const secrecy = f('secrecyOrder');
  if (secrecy) {
    const o = secrecy.value as { legalBasis?: unknown; endsAt?: unknown };
    fill('secrecy', true, secrecy);
    fill('secrecyLegalBasis', text(o.legalBasis)?.slice(0, 300) ?? null, secrecy);
    // An order stating no end runs until further order: its end stays empty.
    fill('secrecyExpiresOn', day(o.endsAt) ?? '', secrecy);
    if (issued) fill('secrecyIssuedOn', day(issued.value), issued);
  }
  const emergency = f('emergency');
  if (emergency && text(emergency.value)) {
    fill('emergency', true, emergency);
    fill('emergencyDescription', text(emergency.value)!.slice(0, 5000), emergency);
  }

  const name = f('requesterName');
  if (name) fill('requesterName', text(name.value)?.slice(0, 200) ?? null, name);
  const email = f('requesterEmail');
  if (email) fill('requesterEmail', text(email.value), email);
  const phone = f('requesterPhone');
  if (phone) fill('requesterPhone', text(phone.value)?.slice(0, 40) ?? null, phone);

  // The identifiers join the rows already filled in, each once.
  const rows = form.targets.filter((t) => t.value.trim());
  const seen = new Set(rows.map((t) => `${t.kind}:${t.value.trim().toLowerCase()}`));
  const found = read.identifiers.filter(
    (i) =>
      (IDENTIFIER_KINDS as readonly string[]).includes(i.value.kind) &&
      !seen.has(`${i.value.kind}:${i.value.value.toLowerCase()}`),
  );
  if (found.length) {
    const targets = [...rows, ...found.map((i) => ({ kind: i.value.kind, value: i.value.value }))];
    const least = found.reduce((a, b) => (b.confidence < a.confidence ? b : a));
    fill('targets', targets, { value: null, confidence: least.confidence, evidence: found.flatMap((i) => i.evidence) });
  }
  return { form: next, prefilled };
}

/** Whether the officer changed a pre-filled field since it was filled in. */
export function changedSince(form: IntakeForm, key: keyof IntakeForm, prefilled: Prefilled): boolean {
  const p = prefilled[key];
  return !!p && JSON.stringify(form[key]) !== JSON.stringify(p.value);
}
