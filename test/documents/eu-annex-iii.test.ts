/**
 * The Annex III form (Regulation (EU) 2023/1543, "information on the inability to execute an
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
  assert.match(raw, /^ANNEX III\nINFORMATION ON THE INABILITY TO EXECUTE AN EPOC\/EPOC-PR\n/);
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

test('Section A: the certificate, its file number, dates, issuing State and authority', () => {
  const a = Object.fromEntries(
    annexIIIFields(FACTS)
      .filter((f) => f.section.startsWith('Section A'))
      .map((f) => [f.label, f.value]),
  );
  assert.deepEqual(a, {
    'This information concerns':
      '[X] European Production Order Certificate (EPOC)   [ ] European Preservation Order Certificate (EPOC-PR)',
    'File number of the issuing authority': '253 Js 1234/26',
    'Date of issue': '2026-09-29',
    'Date of receipt': '2026-10-01',
    'Issuing State': 'Germany (DE)',
    'Issuing authority': 'Staatsanwaltschaft Berlin',
    'Issuing or validating judicial authority': 'Amtsgericht Berlin-Tiergarten',
  });
});

test('Section B: the addressee and its reference', () => {
  const b = annexIIIFields(FACTS).filter((f) => f.section.startsWith('Section B'));
  assert.deepEqual(
    b.map((f) => [f.label, f.value]),
    [
      ['Addressee (service provider)', 'Example Cloud Ltd., legal team'],
      ['Contact', 'lawenforcement@cloud.example'],
      ['Reference of the addressee', 'c0ffee00-0000-4000-8000-000000000001'],
    ],
  );
});

test('Section C: each ground of the Articles, marked when it applies, with the explanation', () => {
  const c = annexIIIFields(FACTS).filter((f) => f.section.startsWith('Section C'));
  const reasons = c.filter((f) => f.label === 'Reason').map((f) => f.value);
  assert.deepEqual(reasons, [
    '[ ] (a) the certificate is incomplete',
    '[X] (b) the certificate contains manifest errors',
    '[X] (c) the certificate does not contain sufficient information to execute it',
    '[ ] (d) the data requested are not stored by or on behalf of the service provider at the time of receipt',
    '[ ] (e) de facto impossibility, due to circumstances not attributable to the addressee',
  ]);
  assert.equal(reasons.length, ANNEX_III_GROUNDS.length);
  assert.equal(
    c.find((f) => f.label.startsWith('Explanation'))?.value,
    'The certificate names an account that does not match its identifier.',
  );
});

test('Sections D and E: the data meanwhile, the date and the signature', () => {
  const rest = annexIIIFields(FACTS).filter((f) => /^Section [DE]/.test(f.section));
  assert.deepEqual(
    rest.map((f) => [f.label, f.value]),
    [
      ['Preservation of the requested data', FACTS.preservation],
      ['Date', '2026-10-02'],
      ['Signed for the addressee', 'Example Cloud Ltd., legal team'],
    ],
  );
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
  assert.ok(text.includes('[X] (d) the data requested are not stored'));
  assert.ok(text.includes('[ ] (a) the certificate is incomplete'));
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
