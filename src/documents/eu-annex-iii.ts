/**
 * The Annex III form of Regulation (EU) 2023/1543, "Information on the inability to execute an
 * EPOC/EPOC-PR": the provider's answer to a European Production or Preservation Order it cannot
 * execute as it stands (Arts. 10(5)-(8), 11(3)-(5)). The form is filled in from the demand and the
 * policy decision, field by field (`annexIIIFields`), then printed as a PDF (`renderAnnexIII`).
 *
 * The sections follow what the Articles calling for the form require it to carry: which
 * certificate it concerns (file number, dates, issuing State and authority), the addressee, the
 * grounds for non-execution with an explanation, and what happens to the data meanwhile (Art.
 * 10(9): the addressee preserves data it does not produce at once, unless the certificate does not
 * let it identify them).
 */
import { countryName } from '../domain/countries.ts';
import type { EuInabilityGround } from '../policy/codes.ts';
import type { Decision } from '../policy/types.ts';
import { FONTS, newPdf, pdfBytes } from './pdf.ts';

/** A ground the form names, as Annex III words it. */
export type AnnexIIIGround = Exclude<EuInabilityGround, 'none'>;

/** The grounds in the form's order, each with its letter and wording. */
export const ANNEX_III_GROUNDS: readonly { ground: AnnexIIIGround; text: string }[] = [
  { ground: 'incomplete', text: '(a) the certificate is incomplete' },
  { ground: 'manifest_error', text: '(b) the certificate contains manifest errors' },
  {
    ground: 'insufficient_information',
    text: '(c) the certificate does not contain sufficient information to execute it',
  },
  {
    ground: 'data_not_held',
    text: '(d) the data requested are not stored by or on behalf of the service provider at the time of receipt',
  },
  {
    ground: 'de_facto_impossibility',
    text: '(e) de facto impossibility, due to circumstances not attributable to the addressee',
  },
];

/** Which ground each Annex III rule of the packs stands for (the inability rules carry the input's own). */
const GROUND_BY_RULE: Record<string, AnnexIIIGround> = {
  'eu.certificate.unsigned': 'incomplete',
  'eu.epo.offence_unknown': 'insufficient_information',
  'eu.inability.data_not_held': 'data_not_held',
  'eu.inability.de_facto_impossibility': 'de_facto_impossibility',
};

/** What the form is filled in from. */
export interface AnnexIIIFacts {
  certificate: 'EPOC' | 'EPOC-PR';
  /** The issuing authority's file number (the demand's case number), when stated. */
  fileNumber: string | null;
  issuedAt: string | null;
  receivedAt: string;
  /** ISO 3166-1 code of the issuing State. */
  issuingState: string;
  issuingAuthority: string;
  /** The judge or court that issued or validated the order, when the demand names one. */
  issuingCourt: string | null;
  /** The provider's own reference for the demand. */
  addresseeReference: string;
  addressee: { name: string; contact: string | null };
  grounds: AnnexIIIGround[];
  /** Why, in words: the decision's reasons for each ground. */
  explanation: string[];
  /** Whether the requested data are preserved meanwhile. */
  preservation: string;
  /** The day the form is made (ISO 8601). */
  date: string;
}

/** One field of the form as printed: its section, its label and what is filled in. */
export interface AnnexIIIField {
  section: string;
  label: string;
  value: string;
}

/** The grounds a decision names for answering on the form, in the form's order (none: no form). */
export function annexIIIGrounds(decision: Decision, stated: EuInabilityGround | undefined): AnnexIIIGround[] {
  const found = new Set<AnnexIIIGround>();
  for (const f of decision.flags) {
    if (f.code !== 'annex_iii_response') continue;
    const byRule = GROUND_BY_RULE[f.ruleId];
    if (byRule) found.add(byRule);
    else if (f.ruleId === 'eu.inability.clarification' && stated && stated !== 'none') found.add(stated);
  }
  return ANNEX_III_GROUNDS.map((g) => g.ground).filter((g) => found.has(g));
}

/** The explanation lines of a decision's Annex III grounds (each flag's reason, with its citation). */
export function annexIIIExplanation(decision: Decision): string[] {
  return decision.flags
    .filter((f) => f.code === 'annex_iii_response' || f.code === 'information_missing')
    .map((f) => `${f.reason} (${f.citation})`)
    .filter((line, i, all) => all.indexOf(line) === i);
}

/** What the form says about the data while the order is not executed. */
export function annexIIIPreservation(grounds: readonly AnnexIIIGround[]): string {
  if (grounds.includes('data_not_held'))
    return 'No data are held that the certificate concerns; nothing can be preserved.';
  if (grounds.includes('de_facto_impossibility'))
    return 'The data cannot be produced for the reasons given; any data the certificate identifies are preserved until the issuing authority withdraws the order or decides otherwise.';
  return 'The data the certificate identifies are preserved until the clarification is received and the data are produced, or the order is withdrawn (Art. 10(9)).';
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'not stated');
const box = (on: boolean) => (on ? '[X]' : '[ ]');

/** The form's fields, in print order. The PDF prints exactly these. */
export function annexIIIFields(f: AnnexIIIFacts): AnnexIIIField[] {
  const a = 'Section A: the certificate concerned';
  const b = 'Section B: the addressee';
  const c = 'Section C: reasons for non-execution';
  const d = 'Section D: the requested data';
  const e = 'Section E: date and signature';
  return [
    {
      section: a,
      label: 'This information concerns',
      value: `${box(f.certificate === 'EPOC')} European Production Order Certificate (EPOC)   ${box(
        f.certificate === 'EPOC-PR',
      )} European Preservation Order Certificate (EPOC-PR)`,
    },
    { section: a, label: 'File number of the issuing authority', value: f.fileNumber ?? 'not stated' },
    { section: a, label: 'Date of issue', value: day(f.issuedAt) },
    { section: a, label: 'Date of receipt', value: day(f.receivedAt) },
    { section: a, label: 'Issuing State', value: `${countryName(f.issuingState)} (${f.issuingState})` },
    { section: a, label: 'Issuing authority', value: f.issuingAuthority },
    { section: a, label: 'Issuing or validating judicial authority', value: f.issuingCourt ?? 'not stated' },
    { section: b, label: 'Addressee (service provider)', value: f.addressee.name },
    {
      section: b,
      label: 'Contact',
      value: f.addressee.contact ?? 'by reply to the channel the certificate came through',
    },
    { section: b, label: 'Reference of the addressee', value: f.addresseeReference },
    {
      section: c,
      label: 'The certificate cannot be executed, or not within the deadline',
      value: 'for the reasons marked below',
    },
    ...ANNEX_III_GROUNDS.map((g) => ({
      section: c,
      label: 'Reason',
      value: `${box(f.grounds.includes(g.ground))} ${g.text}`,
    })),
    {
      section: c,
      label: 'Explanation, and the clarification or correction requested',
      value: f.explanation.length ? f.explanation.join(' ') : 'none',
    },
    { section: d, label: 'Preservation of the requested data', value: f.preservation },
    { section: e, label: 'Date', value: day(f.date) },
    { section: e, label: 'Signed for the addressee', value: f.addressee.name },
  ];
}

/** The filled-in form as a PDF (DejaVu fonts embedded: any name prints as written). */
export async function renderAnnexIII(f: AnnexIIIFacts): Promise<Buffer> {
  const doc = newPdf({
    title: 'Annex III: information on the inability to execute an EPOC/EPOC-PR',
    subject: `Regulation (EU) 2023/1543, Annex III; ${f.addresseeReference}`,
    createdAt: new Date(f.date),
  });
  doc.font(FONTS.bold).fontSize(14).text('ANNEX III');
  doc.fontSize(12).text('INFORMATION ON THE INABILITY TO EXECUTE AN EPOC/EPOC-PR');
  doc.font(FONTS.italic).fontSize(9).text('Regulation (EU) 2023/1543, Articles 10 and 11').moveDown();
  let section = '';
  for (const field of annexIIIFields(f)) {
    if (field.section !== section) {
      section = field.section;
      doc.moveDown(0.5).font(FONTS.bold).fontSize(11).text(section);
    }
    doc.font(FONTS.bold).fontSize(9).text(`${field.label}:`, { continued: false });
    doc.font(FONTS.regular).fontSize(10).text(field.value, { indent: 12 });
  }
  return pdfBytes(doc);
}
