/**
 * The Annex III form (Regulation (EU) 2023/1543, "information on the impossibility to execute an
 * EPOC/EPOC-PR"), checked field by field in the text of the PDF itself, and filed with the demand
 * at intake when the decision calls for it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANNEX_III_GROUNDS,
  annexIIIFields,
  annexIIIGrounds,
  renderAnnexIII,
  type AnnexIIIFacts,
} from '../../src/documents/eu-annex-iii.ts';
import { evaluate } from '../../src/policy/evaluate.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { ANNEX_III_FILENAME } from '../../src/workflow/support/annex-iii-document.ts';
import { testClock, testContext } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { PDF_BYTES, STAFF, seedDirectory, type Directory } from '../support/factories.ts';
import { eu } from '../policy/fixtures.ts';
import { pdfText } from '../support/pdf-text.ts';

const FACTS: AnnexIIIFacts = {
  certificate: 'EPOC',
  fileNumber: '253 Js 1234/26',
  issuedAt: '2026-09-29T00:00:00.000Z',
  receivedAt: '2026-10-01T10:00:00.000Z',
  issuingState: 'DE',
  issuingAuthority: 'Staatsanwaltschaft Berlin',
  issuingCourt: 'Amtsgericht Berlin-Tiergarten',
  addresseeReference: 'c0ffee00-0000-4000-8000-000000000001',
  addressee: { name: 'Example Cloud Ltd., legal team', contact: 'lawenforcement@cloud.example' },
  grounds: ['manifest_error', 'insufficient_information'],
  explanation: ['The certificate names an account that does not match its identifier.'],
  preservation: 'The data the certificate identifies are preserved until the clarification is received.',
  date: '2026-10-02T08:00:00.000Z',
};

test('every field of Annex III is printed, in order, with what it was filled in with', async () => {
  const raw = await pdfText(await renderAnnexIII(FACTS));
  assert.match(raw, /^ANNEX III\nINFORMATION ON THE IMPOSSIBILITY TO EXECUTE AN EPOC\/EPOC-PR\n/);
  // A long value wraps onto several lines: compare with runs of white space made one space.
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const text = flat(raw);
  let at = 0;
  for (const field of annexIIIFields(FACTS)) {
    for (const part of [field.section, `${field.label}:`, field.value].map(flat)) {
      const found = text.indexOf(part, part === flat(field.section) ? 0 : at);
      assert.ok(found >= 0, `"${part}" is not in the form`);
      if (part !== flat(field.section)) at = found;
    }
  }
});

test('Section A: the certificate concerned, its file number, dates, issuing State and authority', () => {
  const a = Object.fromEntries(
    annexIIIFields(FACTS)
      .filter((f) => f.section.startsWith('Section A'))
      .map((f) => [f.label, f.value]),
  );
  assert.deepEqual(a, {
    'The following information concerns':
      '[X] European Production Order Certificate (EPOC)   [ ] European Preservation Order Certificate (EPOC-PR)',
    'File number of the issuing authority': '253 Js 1234/26',
    'Date of issue': '2026-09-29',
    'Date of receipt': '2026-10-01',
    'Issuing State': 'Germany (DE)',
    'Issuing authority': 'Staatsanwaltschaft Berlin',
    'Issuing or validating judicial authority': 'Amtsgericht Berlin-Tiergarten',
  });
});

test('point (a): each reason of the annex, in its order and words, marked when it applies, with the explanation', () => {
  const fields = annexIIIFields(FACTS);
  const reasons = fields.filter((f) => f.section === 'Reasons for non-execution');
  assert.equal(
    reasons[0]?.label,
    '(a) The EPOC/EPOC-PR cannot be executed or cannot be executed within the deadline for the following reason(s)',
  );
  const marked = reasons.filter((f) => f.label === 'Reason').map((f) => f.value);
  assert.deepEqual(marked, [
    '[ ] it is incomplete',
    '[X] it contains manifest errors',
    '[X] it does not contain sufficient information',
    '[ ] it does not concern data stored by or on behalf of the service provider at the time of receipt of the EPOC/EPOC-PR',
    '[ ] other reasons of de facto impossibility due to circumstances not attributable to the addressee or the service provider at the time of receipt of the EPOC/EPOC-PR',
    '[ ] the European Production Order/European Preservation Order was not issued by an issuing authority as Article 4 requires',
  ]);
  assert.equal(marked.length, ANNEX_III_GROUNDS.length);
  assert.equal(
    reasons.find((f) => f.label.startsWith('Explanation'))?.value,
    'The certificate names an account that does not match its identifier.',
  );
});

test('after point (a): the data meanwhile, then the addressee, its reference, the date and the signature', () => {
  const rest = annexIIIFields(FACTS).filter(
    (f) => f.section === 'The requested data meanwhile' || f.section === 'The addressee',
  );
  assert.deepEqual(
    rest.map((f) => [f.label, f.value]),
    [
      ['Preservation of the requested data', FACTS.preservation],
      ['Addressee (service provider)', 'Example Cloud Ltd., legal team'],
      ['Contact', 'lawenforcement@cloud.example'],
      ['Reference of the addressee', 'c0ffee00-0000-4000-8000-000000000001'],
      ['Date', '2026-10-02'],
      ['Signed for the addressee', 'Example Cloud Ltd., legal team'],
    ],
  );
});

test('sections come in the annex order: the certificate, the reasons, then the rest', () => {
  const sections = annexIIIFields(FACTS)
    .map((f) => f.section)
    .filter((s, i, all) => all.indexOf(s) === i);
  assert.deepEqual(sections, [
    'Section A: the certificate concerned',
    'Reasons for non-execution',
    'The requested data meanwhile',
    'The addressee',
  ]);
});

test('a name in any script prints as written', async () => {
  const text = await pdfText(
    await renderAnnexIII({ ...FACTS, issuingAuthority: 'Εισαγγελία Αθηνών / Prokuratura Łódź' }),
  );
  assert.ok(text.includes('Εισαγγελία Αθηνών / Prokuratura Łódź'));
});

test('the grounds come from the decision: unsigned is incomplete, a missing sentence is insufficient information', () => {
  const packs = loadPacks();
  const d = evaluate(
    eu({
      signed: false,
      dataCategories: ['content'],
      offence: { description: 'fraud', maxSentenceYears: null, listedOffence: false },
    }),
    packs,
  );
  assert.deepEqual(annexIIIGrounds(d, undefined), ['incomplete', 'insufficient_information']);
  assert.deepEqual(annexIIIGrounds(evaluate(eu({ eu: { inability: 'manifest_error' } }), packs), 'manifest_error'), [
    'manifest_error',
  ]);
  assert.deepEqual(annexIIIGrounds(evaluate(eu(), packs), undefined), []);
});

test('an order not issued by an issuing authority (Art. 4) is answered on the form too', () => {
  const packs = loadPacks();
  const police = evaluate(
    eu({ issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: null } }),
    packs,
  );
  assert.deepEqual(annexIIIGrounds(police, undefined), ['not_issuing_authority']);
  const prosecutorContent = evaluate(
    eu({
      issuingAuthority: { kind: 'prosecutor', judicialRole: 'prosecutor' },
      dataCategories: ['subscriber', 'content'],
    }),
    packs,
  );
  assert.deepEqual(annexIIIGrounds(prosecutorContent, undefined), ['not_issuing_authority']);
});

let t: TestDb;
let dir: Directory;
const clock = testClock('2026-10-02T08:00:00Z');
before(async () => {
  t = await createTestDb();
  dir = await seedDirectory(testContext(t.db, clock));
});
after(() => t.drop());

/** A German police EPOC for a consumer's subscriber data, as staff enter it. */
const epoc = (over: Partial<DemandIntake> = {}): DemandIntake => ({
  channel: 'staff_entry',
  agencyId: dir.dePolice,
  requester: { name: 'KHK Weber', email: 'weber@lka.berlin.example' },
  jurisdiction: 'DE',
  instrument: 'european_production_order',
  issuedAt: '2026-09-29T00:00:00Z',
  issuingCourt: 'Amtsgericht Berlin-Tiergarten',
  signed: true,
  targets: [{ kind: 'email', value: 'dana@writmail.example' }],
  dataCategories: ['subscriber'],
  dateRange: { from: '2026-01-01T00:00:00Z', to: '2026-06-30T00:00:00Z' },
  ...over,
});
const epocFile = [{ filename: 'epoc.pdf', mediaType: 'application/pdf', bytes: PDF_BYTES }];

test('intake files the filled-in form, sealed, with an EPOC the provider cannot execute', async () => {
  const ctx = testContext(t.db, clock);
  const { demand } = await intakeDemand(ctx, {
    input: epoc({ caseNumber: '253 Js 1234/26', legalFacts: { euInability: 'data_not_held' } }),
    documents: epocFile,
    actor: STAFF,
  });
  const annex = demand.documents.find((d) => d.filename === ANNEX_III_FILENAME);
  assert.ok(annex, 'the Annex III form is one of the demand documents');
  assert.equal(annex.mediaType, 'application/pdf');
  const text = (await pdfText(await ctx.documents.get(annex.sha256))).replace(/\s+/g, ' ');
  assert.ok(text.includes('[X] European Production Order Certificate (EPOC)'));
  assert.ok(text.includes('253 Js 1234/26'));
  assert.ok(text.includes('Landeskriminalamt Berlin'));
  assert.ok(text.includes(demand.id));
  assert.ok(text.includes('[X] it does not concern data stored by or on behalf of the service provider'));
  assert.ok(text.includes('[ ] it is incomplete'));
  assert.ok(text.includes('No data are held that the certificate concerns'));
  const stored = await t.db.selectFrom('documents').select('filename').where('demand_id', '=', demand.id).execute();
  assert.deepEqual(stored.map((r) => r.filename).sort(), [ANNEX_III_FILENAME, 'epoc.pdf']);
});

test('an EPOC the provider can execute gets no form', async () => {
  const ctx = testContext(t.db, clock);
  const { demand } = await intakeDemand(ctx, {
    input: epoc(),
    documents: epocFile,
    actor: STAFF,
  });
  assert.deepEqual(
    demand.documents.map((d) => d.filename),
    ['epoc.pdf'],
  );
});
