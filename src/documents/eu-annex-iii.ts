/**
 * The Annex III form of Regulation (EU) 2023/1543, "Information on the impossibility to execute an
 * EPOC/EPOC-PR": the provider's answer to a European Production or Preservation Order it cannot
 * execute, cannot execute within the deadline or cannot execute in full (Arts. 10(6)-(8),
 * 11(5)-(7)). The form is filled in from the demand and the policy decision, field by field
 * (`annexIIIFields`), then printed as a PDF (`renderAnnexIII`).
 *
 * Checked against the annex as published: its heading, Section A (the certificate concerned) and
 * point (a), the reasons the certificate cannot be executed, worded and ordered as the annex words
 * and orders them (its reasons are boxes under point (a), not lettered grounds). The rest of the
 * annex could not be read, so the form's other parts carry no section letter: they hold what the
 * annex's instructions and the Articles call for (who issued and who answers, why, and whether the
 * data are preserved meanwhile).
 */
import { countryName } from '../domain/countries.ts';
import type { EuInabilityGround } from '../policy/codes.ts';
import type { Decision } from '../policy/types.ts';
import { FONTS, newPdf, pdfBytes } from './pdf.ts';

/**
 * A reason the form names: one the input can state (`eu.inability`), or an order not issued by an
 * issuing authority, which the packs find themselves (Art. 4).
 */
export type AnnexIIIGround = Exclude<EuInabilityGround, 'none'> | 'not_issuing_authority';

/**
 * The reasons under point (a), in the annex's order and words. The annex lists more after the
 * last one here; the packs raise none of them, and they were not read, so they are left out
 * rather than guessed.
 */
export const ANNEX_III_GROUNDS: readonly { ground: AnnexIIIGround; text: string }[] = [
  { ground: 'incomplete', text: 'it is incomplete' },
  { ground: 'manifest_error', text: 'it contains manifest errors' },
  { ground: 'insufficient_information', text: 'it does not contain sufficient information' },
  {
    ground: 'data_not_held',
    text: 'it does not concern data stored by or on behalf of the service provider at the time of receipt of the EPOC/EPOC-PR',
  },
  {
    // "Other": the annex counts data not stored among the cases of de facto impossibility.
    ground: 'de_facto_impossibility',
    text: 'other reasons of de facto impossibility due to circumstances not attributable to the addressee or the service provider at the time of receipt of the EPOC/EPOC-PR',
  },
  {
    ground: 'not_issuing_authority',
    text: 'the European Production Order/European Preservation Order was not issued by an issuing authority as Article 4 requires',
  },
];

/** Which reason each Annex III rule of the packs stands for (the inability rules carry the input's own). */
const GROUND_BY_RULE: Record<string, AnnexIIIGround> = {
  'eu.certificate.unsigned': 'incomplete',
  'eu.epo.offence_unknown': 'insufficient_information',
  'eu.inability.data_not_held': 'data_not_held',
  'eu.inability.de_facto_impossibility': 'de_facto_impossibility',
  'eu.epo.issuer_not_competent': 'not_issuing_authority',
  'eu.epo.content_issuer_not_judicial': 'not_issuing_authority',
  'eu.epo.traffic_issuer_not_judicial': 'not_issuing_authority',
  'eu.epor.issuer_not_competent': 'not_issuing_authority',
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

/**
 * What the form says about the data while the order is not executed. The annex's instructions:
 * the addressee preserves the requested data where it can, even while more information is needed
 * to identify them exactly, unless the certificate does not give enough for that.
 */
export function annexIIIPreservation(grounds: readonly AnnexIIIGround[]): string {
  if (grounds.includes('data_not_held'))
    return 'No data are held that the certificate concerns; nothing can be preserved.';
  if (grounds.includes('de_facto_impossibility'))
    return 'The data cannot be produced for the reasons given; any data the certificate identifies are preserved until the issuing authority withdraws the order or decides otherwise.';
  if (grounds.includes('not_issuing_authority'))
    return 'The data the certificate identifies are preserved until the issuing authority withdraws the order or issues it as Article 4 requires.';
  return 'The data the certificate identifies are preserved until the clarification is received and the data are produced, or the order is withdrawn (Annex III, instructions).';
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'not stated');
const box = (on: boolean) => (on ? '[X]' : '[ ]');

/** The form's fields, in print order. The PDF prints exactly these. */
export function annexIIIFields(f: AnnexIIIFacts): AnnexIIIField[] {
  // Section A and point (a) are the annex's own; the parts after them were not read, so they
  // carry plain headings rather than letters that might not match the annex.
  const a = 'Section A: the certificate concerned';
  const reasons = 'Reasons for non-execution';
  const data = 'The requested data meanwhile';
  const addressee = 'The addressee';
  return [
    {
      section: a,
      label: 'The following information concerns',
      value: `${box(f.certificate === 'EPOC')} European Production Order Certificate (EPOC)   ${box(
        f.certificate === 'EPOC-PR',
      )} European Preservation Order Certificate (EPOC-PR)`,
    },
    // Which certificate: what the issuing authority needs to find it again.
    { section: a, label: 'File number of the issuing authority', value: f.fileNumber ?? 'not stated' },
    { section: a, label: 'Date of issue', value: day(f.issuedAt) },
    { section: a, label: 'Date of receipt', value: day(f.receivedAt) },
    { section: a, label: 'Issuing State', value: `${countryName(f.issuingState)} (${f.issuingState})` },
    { section: a, label: 'Issuing authority', value: f.issuingAuthority },
    { section: a, label: 'Issuing or validating judicial authority', value: f.issuingCourt ?? 'not stated' },
    {
      section: reasons,
      label:
        '(a) The EPOC/EPOC-PR cannot be executed or cannot be executed within the deadline for the following reason(s)',
      value: 'as marked below',
    },
    ...ANNEX_III_GROUNDS.map((g) => ({
      section: reasons,
      label: 'Reason',
      value: `${box(f.grounds.includes(g.ground))} ${g.text}`,
    })),
    {
      section: reasons,
      label: 'Explanation, and the clarification or correction requested',
      value: f.explanation.length ? f.explanation.join(' ') : 'none',
    },
    { section: data, label: 'Preservation of the requested data', value: f.preservation },
    { section: addressee, label: 'Addressee (service provider)', value: f.addressee.name },
    {
      section: addressee,
      label: 'Contact',
      value: f.addressee.contact ?? 'by reply to the channel the certificate came through',
    },
    { section: addressee, label: 'Reference of the addressee', value: f.addresseeReference },
    { section: addressee, label: 'Date', value: day(f.date) },
    { section: addressee, label: 'Signed for the addressee', value: f.addressee.name },
  ];
}

/** The filled-in form as a PDF (DejaVu fonts embedded: any name prints as written). */
export async function renderAnnexIII(f: AnnexIIIFacts): Promise<Buffer> {
  const doc = newPdf({
    title: 'Annex III: information on the impossibility to execute an EPOC/EPOC-PR',
    subject: `Regulation (EU) 2023/1543, Annex III; ${f.addresseeReference}`,
    createdAt: new Date(f.date),
  });
  doc.font(FONTS.bold).fontSize(14).text('ANNEX III');
  doc.fontSize(12).text('INFORMATION ON THE IMPOSSIBILITY TO EXECUTE AN EPOC/EPOC-PR');
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
