/**
 * The legal process of a demo demand as the agency would have sent it: a one-page PDF (warrant,
 * order, subpoena, request) naming the court or agency, the case number, the accounts and the data
 * asked, made with Writ's own PDF helper so it is read like any upload.
 */
import { newPdf, pdfBytes, FONTS } from '../documents/pdf.ts';
import { DATA_CATEGORY_LABELS, type Instrument } from '../domain/vocabulary.ts';
import type { DemandIntake } from '../workflow/schemas/demand-intake.ts';
import type { DemoAgency } from './directory-data.ts';

/** The heading each instrument carries on its face. */
const TITLES: Record<Instrument, string> = {
  search_warrant: 'Warrant for stored electronic communications',
  court_order_2703d: 'Order pursuant to 18 U.S.C. § 2703(d)',
  subpoena: 'Administrative subpoena',
  grand_jury_subpoena: 'Grand jury subpoena',
  civil_subpoena: 'Subpoena to produce documents in a civil action',
  emergency_request: 'Emergency disclosure request',
  preservation_request: 'Request to preserve records, 18 U.S.C. § 2703(f)',
  national_security_letter: 'National security letter',
  fisa_order: 'Order of the Foreign Intelligence Surveillance Court',
  european_production_order: 'European Production Order Certificate (EPOC)',
  european_preservation_order: 'European Preservation Order Certificate (EPOC-PR)',
  overseas_production_order: 'Overseas production order',
  foreign_court_order: 'Court order for the production of records',
  mlat_request: 'Request for mutual legal assistance',
};

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : 'not stated');

/** The PDF of a demand's legal process. Deterministic: the same input gives the same bytes. */
export function renderDemandDocument(input: DemandIntake, agency: Pick<DemoAgency, 'name'>): Promise<Buffer> {
  const issuer = input.issuingCourt ?? agency.name;
  const title = TITLES[input.instrument];
  const doc = newPdf({
    title: `${title}, ${input.caseNumber}`,
    author: issuer,
    subject: `Case ${input.caseNumber}`,
    createdAt: new Date(input.issuedAt ?? input.receivedAt ?? 0),
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const heading = (s: string) => doc.moveDown(0.8).font(FONTS.bold).fontSize(11).text(s).font(FONTS.regular);
  doc.font(FONTS.bold).fontSize(13).text(issuer, { align: 'center', width });
  if (input.issuingCourt && input.issuingCourt !== agency.name)
    doc.font(FONTS.regular).fontSize(10).text(`On the application of ${agency.name}`, { align: 'center' });
  doc.moveDown(0.8).font(FONTS.bold).fontSize(15).text(title.toUpperCase(), { align: 'center' });
  doc.moveDown(0.5).font(FONTS.regular).fontSize(10);
  doc.text(`Case No. ${input.caseNumber}`, { align: 'center' });
  doc.text(`Issued ${day(input.issuedAt)}`, { align: 'center' });

  heading('To');
  doc.text('Custodian of Records, the service provider, Legal Process Team');
  heading('Accounts');
  for (const t of input.targets)
    doc.text(`• ${t.kind === 'domain' ? 'every account of the domain' : t.kind} ${t.value}`);
  heading('Records to be produced');
  for (const c of input.dataCategories) doc.text(`• ${DATA_CATEGORY_LABELS[c]}`);
  const range = input.dateRange;
  doc.text(
    range?.from || range?.to
      ? `For the period from ${day(range.from)} to ${day(range.to)}.`
      : 'For the whole life of the accounts.',
  );
  if (input.offence) {
    heading('Offence under investigation');
    doc.text(
      `${input.offence.description}${input.offence.maxSentenceYears ? `, punishable by up to ${input.offence.maxSentenceYears} years` : ''}.`,
    );
  }
  if (input.emergency) {
    heading('Emergency');
    doc.text(
      `${input.emergency.description}. The requesting officer certifies an emergency involving danger of death or serious physical injury that requires disclosure without delay.`,
    );
  }
  if (input.secrecyOrder) {
    heading('Non-disclosure');
    doc.text(
      `Under ${input.secrecyOrder.legalBasis}, the provider shall not notify any person of the existence of this process ${
        input.secrecyOrder.expiresAt ? `until ${day(input.secrecyOrder.expiresAt)}` : 'until further order of the court'
      }.`,
    );
  }
  doc.moveDown(2);
  doc.text(input.signed ? `Signed: ${input.requester.name}` : 'Signature: ______________________________');
  doc.text(`For ${issuer}`);
  doc.text(`Served by ${agency.name}. Contact: ${input.requester.email}`);
  return pdfBytes(doc);
}
