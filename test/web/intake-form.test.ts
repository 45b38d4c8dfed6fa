/**
 * The agency portal's demand form checks what the API checks. For many generated forms, compared
 * with the API itself (POST /api/v1/evaluate: the same schema and checks as intake, nothing
 * stored): a form the page lets through is never refused by the API, and a form the API refuses
 * is refused by the page too. Also: the page names the same field the API would.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { DATA_CATEGORIES, IDENTIFIER_KINDS, INSTRUMENTS } from '../../src/domain/vocabulary.ts';
import {
  EMPTY_FORM,
  toIntake,
  validateIntakeForm,
  type ChosenFile,
  type IntakeForm,
} from '../../web/src/features/agency/intake-form.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';

const NOW = new Date('2026-11-02T09:00:00Z');
const PDF: ChosenFile = { name: 'warrant.pdf', type: 'application/pdf', size: 1000 };

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let auth: { authorization: string };

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock(NOW));
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  auth = (await tokenFor(t.db, { roles: ['intake'] })).auth;
});

after(async () => {
  await app?.close();
  await t?.drop();
});

/** The API's verdict on a form's demand: the pointers it refuses, leaving out unknown accounts (a directory fact, not a check of the form). */
async function apiRefuses(form: IntakeForm): Promise<string[]> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/evaluate',
    headers: auth,
    payload: toIntake(form, dir.usPolice),
  });
  if (res.statusCode === 200) return [];
  assert.equal(res.statusCode, 422, res.body);
  const errors = (res.json().errors ?? []) as { pointer: string; detail: string }[];
  return errors.filter((e) => !/resolves to no customer account/.test(e.detail)).map((e) => e.pointer);
}

const pageRefuses = (form: IntakeForm) => Object.keys(validateIntakeForm(form, { now: NOW, files: [PDF] }));

const VALID: IntakeForm = {
  ...EMPTY_FORM,
  instrument: 'search_warrant',
  jurisdiction: 'US',
  jurisdictionSubdivision: 'US-IL',
  issuedOn: '2026-11-01',
  requesterName: 'Det. Sam Stone',
  requesterEmail: 'sam.stone@springfield-pd.example',
  targets: [{ kind: 'email', value: 'dana@writmail.example' }],
  dataCategories: ['content'],
  dateFrom: '2026-01-01',
  dateTo: '2026-10-31',
  // Filled in but off: ticking the box alone makes a valid form.
  emergencyDescription: 'Threat to life posted from the account',
  secrecyLegalBasis: '18 U.S.C. 2705(b)',
  secrecyIssuedOn: '2026-10-15',
};

test('a complete form passes the page and the API', async () => {
  assert.deepEqual(pageRefuses(VALID), []);
  assert.deepEqual(await apiRefuses(VALID), []);
});

test('an empty form names every missing field, the document included', () => {
  const problems = validateIntakeForm(EMPTY_FORM, { now: NOW, files: [] });
  for (const p of [
    '/instrument',
    '/jurisdiction',
    '/requester/name',
    '/requester/email',
    '/targets/0/value',
    '/dataCategories',
    '/documents',
  ])
    assert.ok(p in problems, `${p} in ${JSON.stringify(problems)}`);
});

test('the page names the same field as the API for each kind of mistake', async () => {
  const cases: [string, Partial<IntakeForm>][] = [
    ['/dateRange/to', { dateFrom: '2026-05-01', dateTo: '2026-04-01' }],
    [
      '/secrecyOrder/expiresAt',
      {
        secrecy: true,
        secrecyLegalBasis: '18 U.S.C. 2705(b)',
        secrecyIssuedOn: '2026-10-01',
        secrecyExpiresOn: '2026-09-01',
      },
    ],
    ['/emergency', { instrument: 'emergency_request' }],
    ['/jurisdictionSubdivision', { jurisdictionSubdivision: 'DE-BE' }],
    [
      '/targets/1',
      {
        targets: [
          { kind: 'email', value: 'dana@writmail.example' },
          { kind: 'email', value: 'DANA@writmail.example' },
        ],
      },
    ],
    ['/targets/0/value', { targets: [{ kind: 'email', value: 'not-an-address' }] }],
    ['/requester/email', { requesterEmail: 'sam@localhost' }],
    ['/issuingCourt', { issuingCourt: 'x'.repeat(301) }],
  ];
  for (const [pointer, change] of cases) {
    const form = { ...VALID, ...change };
    assert.ok(
      pageRefuses(form).includes(pointer),
      `page names ${pointer} for ${JSON.stringify(change)}: ${pageRefuses(form)}`,
    );
    assert.ok((await apiRefuses(form)).includes(pointer), `API names ${pointer} for ${JSON.stringify(change)}`);
  }
});

const day = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '2025-12-31',
    '2026-01-01',
    '2026-06-15',
    '2026-10-31',
    '2026-11-01',
    '2026-11-02',
    '2026-11-03',
    '2027-01-01',
    '2026-02-30',
    '26-1-1',
  ),
);
const text = (max: number) =>
  fc.oneof(
    fc.constant(''),
    fc.constant('  '),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constant('x'.repeat(max)),
    fc.constant('y'.repeat(max + 1)),
  );
const near = <K extends keyof IntakeForm>(k: K, other: fc.Arbitrary<IntakeForm[K]>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(VALID[k]) },
    { weight: 1, arbitrary: other as fc.Arbitrary<IntakeForm[K]> },
  );
/** Each field of the complete form, or now and then something else: forms near the valid one. */
const formArb: fc.Arbitrary<IntakeForm> = fc.record({
  instrument: near('instrument', fc.oneof(fc.constantFrom(...INSTRUMENTS), fc.constantFrom('', 'writ_of_nothing'))),
  jurisdiction: near('jurisdiction', fc.constantFrom('US', 'DE', 'GB', 'ZZ', '')),
  jurisdictionSubdivision: near(
    'jurisdictionSubdivision',
    fc.constantFrom('', 'US-CA', 'us-ny', 'DE-BE', 'XX', 'US-TOOLONG', 'US-'),
  ),
  issuedOn: near('issuedOn', day),
  issuingCourt: near('issuingCourt', text(300)),
  caseNumber: near('caseNumber', text(100)),
  signed: near('signed', fc.boolean()),
  requesterName: near('requesterName', text(200)),
  requesterEmail: near(
    'requesterEmail',
    fc.constantFrom(
      '',
      'a@b.example',
      'sam@springfield-pd.example',
      'sam@localhost',
      'sam@@x.example',
      'sam.@x.example',
      'späť@x.example',
      ' a@b.example ',
    ),
  ),
  requesterPhone: near('requesterPhone', text(40)),
  targets: near(
    'targets',
    fc.array(
      fc.record({
        kind: fc.oneof(fc.constantFrom(...IDENTIFIER_KINDS), fc.constant('pager')),
        value: fc.constantFrom(
          '',
          'dana@writmail.example',
          'DANA@writmail.example',
          'bob@acme.example',
          'acme.example',
          'acct-1',
          'no-at-sign',
          'x'.repeat(321),
          ' carol@acme.example ',
        ),
        locatedIn: fc.constantFrom('', 'GB', 'us', 'XX', 'G'),
      }),
      { minLength: 0, maxLength: 3 },
    ),
  ),
  dataCategories: near('dataCategories', fc.subarray([...DATA_CATEGORIES, 'everything'])),
  dateFrom: near('dateFrom', day),
  dateTo: near('dateTo', day),
  emergency: near('emergency', fc.boolean()),
  emergencyDescription: near('emergencyDescription', text(5000)),
  secrecy: near('secrecy', fc.boolean()),
  secrecyLegalBasis: near('secrecyLegalBasis', text(300)),
  secrecyIssuedOn: near('secrecyIssuedOn', day),
  secrecyExpiresOn: near('secrecyExpiresOn', day),
  secrecyFindings: near('secrecyFindings', fc.boolean()),
  responseDeadlineOn: near('responseDeadlineOn', day),
  offenceDescription: near('offenceDescription', text(1000)),
  offenceMaxYears: near('offenceMaxYears', fc.constantFrom('', '5', '0', '200', '200.5', '-1', 'ten', '1e2')),
  secrecyEnterpriseRisk: near('secrecyEnterpriseRisk', fc.boolean()),
  nslCertified: near('nslCertified', fc.constantFrom('', 'yes', 'no')),
  nslTollBillingOnly: near('nslTollBillingOnly', fc.boolean()),
  euRefrainFromInforming: near('euRefrainFromInforming', fc.boolean()),
  // A well-formed reference the page cannot know to be unknown is the server's alone to refuse.
  renewsReference: near('renewsReference', fc.constantFrom('', 'WR-2026-9', 'renew it', ' ')),
});

test('for generated forms: what the page lets through the API accepts, and what the API refuses the page refuses', async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(formArb, async (form) => {
      const page = pageRefuses(form);
      const api = await apiRefuses(form);
      if (page.length === 0) {
        accepted++;
        assert.deepEqual(api, [], `the page let through a form the API refuses at ${api.join(', ')}`);
      }
      if (api.length > 0) assert.ok(page.length > 0, `the API refuses ${api.join(', ')} but the page does not`);
    }),
    { numRuns: 400, seed: 20261102 },
  );
  // Mostly-wrong forms prove little alone: check the valid ones were reached too.
  assert.ok(accepted > 0, 'some generated forms were valid');
});

test('valid variations of a complete form pass both', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        instrument: fc.constantFrom(...INSTRUMENTS.filter((i) => i !== 'emergency_request')),
        dataCategories: fc.subarray([...DATA_CATEGORIES], { minLength: 1 }),
        secrecy: fc.boolean(),
        secrecyExpiresOn: fc.constantFrom('', '2027-05-01'),
        emergency: fc.boolean(),
        dateTo: fc.constantFrom('', '2026-10-31'),
        responseDeadlineOn: fc.constantFrom('', '2026-12-01'),
      }),
      async (v) => {
        const form: IntakeForm = { ...VALID, ...v };
        assert.deepEqual(pageRefuses(form), []);
        assert.deepEqual(await apiRefuses(form), []);
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});
