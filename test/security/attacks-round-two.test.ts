/**
 * Attacks that once worked, each now refused: an officer vouching for its own emergency call-back,
 * backdating a demand, reading the provider's draft challenge, probing the directory through the
 * evaluate dry run; a HEAD request spending a single-use link, case data left in caches, download
 * tokens in the log; and the inputs that answered 500.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { approveDisclosure } from '../../src/workflow/approve-disclosure.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { prepareDisclosurePackage } from '../../src/workflow/prepare-disclosure-package.ts';
import { produceDisclosure } from '../../src/workflow/produce-disclosure.ts';
import { registerWebhookEndpoint } from '../../src/workflow/register-webhook-endpoint.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, countRows, multipart, tokenFor } from '../support/http-kit.ts';

type Auth = { authorization: string };
let t: TestDb;
let ctx: WorkflowContext;
let app: FastifyInstance;
let dir: Directory;
let officer: Auth;
let officerId: string;
let intake: Auth;
let reviewer: Auth;
let admin: Auth;
const logLines: string[] = [];
const clock = testClock('2026-11-02T09:00:00Z');
const signing = generateLedgerSigning('provider.example/ledger').signing;

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({
    ctx,
    // Debug: the level at which every request is logged.
    logLevel: 'debug',
    logStream: { write: (line: string) => void logLines.push(line) },
    ledger: signing,
  });
  const o = await tokenFor(t.db, { officerOf: dir.usPolice }, 'Det. Stone');
  officer = o.auth;
  officerId = o.principalId;
  intake = (await tokenFor(t.db, { roles: ['intake'] })).auth;
  reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  admin = (await tokenFor(t.db, { roles: ['administrator'] })).auth;
});
after(async () => {
  await app.close();
  await t.drop();
});

const post = (url: string, headers: Auth, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const portalEmergency = (over: Partial<DemandIntake> = {}): DemandIntake =>
  warrantInput(dir, {
    instrument: 'emergency_request',
    dataCategories: ['subscriber'],
    emergency: { description: 'A threat to life posted from the account' },
    issuingCourt: null,
    ...over,
  });

describe('the emergency call-back is Writ’s own record (High)', () => {
  test('an officer cannot send legalFacts.callbackConfirmed; nothing is written', async () => {
    const before = await countRows(t.db);
    const res = await post('/api/v1/demands', officer, {
      ...portalEmergency(),
      legalFacts: { callbackConfirmed: true },
    });
    assertProblem(res, 422);
    assert.ok(res.json().errors.some((e: { pointer: string }) => e.pointer === '/legalFacts/callbackConfirmed'));
    assert.deepEqual(await countRows(t.db), before);
  });

  test('a portal emergency from a verified officer is held for the call-back', async () => {
    const res = await post('/api/v1/demands', officer, portalEmergency());
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.db
      .selectFrom('demands')
      .select('decision')
      .where('reference', '=', res.json().reference)
      .executeTakeFirstOrThrow();
    const decision = row.decision as { flags: { code: string }[]; route: { route: string } };
    assert.ok(decision.flags.some((f) => f.code === 'requester_verification_required'));
    assert.equal(decision.route.route, 'clarify');
  });
});

describe('no backdating (Medium)', () => {
  test('an agency cannot set receivedAt: the demand is received when Writ receives it', async () => {
    const res = await post('/api/v1/demands', officer, warrantInput(dir, { receivedAt: '2026-06-30T12:00:00Z' }));
    assertProblem(res, 422);
    assert.equal(res.json().errors[0].pointer, '/receivedAt');
  });

  test('staff may date a paper demand back within the open half-year, not into a closed one', async () => {
    const closed = await post('/api/v1/demands', intake, {
      ...warrantInput(dir, { channel: 'post', receivedAt: '2026-06-30T12:00:00Z', issuedAt: '2026-06-29T12:00:00Z' }),
    });
    assertProblem(closed, 422);
    assert.match(closed.json().detail, /half-year/);
    const open = await post('/api/v1/demands', intake, {
      ...warrantInput(dir, { channel: 'post', receivedAt: '2026-10-30T12:00:00Z', issuedAt: '2026-10-29T12:00:00Z' }),
    });
    assert.equal(open.statusCode, 201, open.body);
    assert.equal(open.json().receivedAt, '2026-10-30T12:00:00.000Z');
  });

  test('a half-year stays open to staff for seven days after it ends, then its figures are final', async () => {
    const at = (now: string, receivedAt: string) => {
      clock.set(now);
      return intakeDemand(ctx, {
        input: warrantInput(dir, { channel: 'email', receivedAt, issuedAt: '2026-06-20T00:00:00Z' }),
        actor: STAFF,
      });
    };
    try {
      await at('2026-07-05T09:00:00Z', '2026-06-30T15:00:00Z');
      await assert.rejects(at('2026-07-09T09:00:00Z', '2026-06-30T15:00:00Z'), /half-year/);
    } finally {
      clock.set('2026-11-02T09:00:00Z');
    }
  });
});

describe('the draft challenge stays inside (Medium)', () => {
  test('an officer neither sees nor downloads the provider’s draft; staff do', async () => {
    const { demand } = await intakeDemand(ctx, {
      input: warrantInput(dir, {
        secrecyOrder: {
          legalBasis: '18 U.S.C. 2705(b)',
          issuedAt: '2026-11-01T00:00:00Z',
          expiresAt: null,
          individualizedFindings: false,
        },
      }),
      actor: STAFF,
    });
    const draft = await post(`/api/v1/demands/${demand.reference}/challenge/draft`, reviewer, {});
    assert.equal(draft.statusCode, 201, draft.body);
    const docId = draft.json().document.id as string;
    const asOfficer = await app.inject({ method: 'GET', url: `/api/v1/demands/${demand.reference}`, headers: officer });
    assert.equal(asOfficer.statusCode, 200);
    assert.ok(!asOfficer.json().documents.some((d: { id: string }) => d.id === docId));
    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/demands/${demand.reference}/documents/${docId}`,
      headers: officer,
    });
    assertProblem(download, 404);
    const asStaff = await app.inject({
      method: 'GET',
      url: `/api/v1/demands/${demand.reference}/documents/${docId}`,
      headers: reviewer,
    });
    assert.equal(asStaff.statusCode, 200);
    assert.match(asStaff.body, /2705/);
  });
});

describe('the evaluate dry run tells officers nothing about the directory (Low)', () => {
  const evaluations = async () =>
    Number(
      (
        await t.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('type', '=', 'demand.evaluated')
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('known, unknown, enterprise and abroad identifiers get one answer; each call is recorded', async () => {
    const before = await evaluations();
    const answers = [];
    for (const value of ['dana@writmail.example', 'nobody@nowhere.example', 'bob@acme.example', 'acme.example']) {
      const kind = value.includes('@') ? 'email' : 'domain';
      const res = await post('/api/v1/evaluate', officer, warrantInput(dir, { targets: [{ kind, value }] }));
      assert.equal(res.statusCode, 200, res.body);
      const { decision, wouldStart } = res.json();
      answers.push(
        JSON.stringify({ flags: decision.flags, route: decision.route, notice: decision.notice, wouldStart }),
      );
    }
    // The domain asks for a whole tenant, which the demand itself says: that one may differ.
    assert.equal(new Set(answers.slice(0, 3)).size, 1, 'accounts: one answer whoever holds them');
    assert.equal((await evaluations()) - before, 4);
    const staff = await post(
      '/api/v1/evaluate',
      reviewer,
      warrantInput(dir, { targets: [{ kind: 'email', value: 'nobody@nowhere.example' }] }),
    );
    assertProblem(staff, 422);
    assert.equal((await evaluations()) - before, 5, 'a refused evaluation is a read too');
  });
});

describe('single-use download links, caches and the log (Low)', () => {
  test('HEAD does not spend the link; the token never reaches the log; case data is not cached', async () => {
    const { demand } = await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
    await acceptDemand(ctx, { demand: demand.id, actor: STAFF });
    await prepareDisclosurePackage(ctx, {
      demand: demand.id,
      actor: { kind: 'staff', id: 'preparer' },
      files: [{ name: 'subscriber.csv', mediaType: 'text/csv', bytes: Buffer.from('name\nDana\n') }],
      signer: signing.signer,
    });
    await approveDisclosure(ctx, { demand: demand.id, actor: { kind: 'staff', id: 'a1' } });
    await approveDisclosure(ctx, { demand: demand.id, actor: { kind: 'staff', id: 'a2' } });
    await produceDisclosure(ctx, { demand: demand.id, actor: { kind: 'staff', id: 'a1' } });
    const link = await post(`/api/v1/demands/${demand.reference}/package/link`, officer, {});
    assert.equal(link.statusCode, 201, link.body);
    const url = link.json().url as string;
    const token = url.split('/').pop()!;

    const head = await app.inject({ method: 'HEAD', url, headers: officer });
    assert.equal(head.statusCode, 200);
    const get = await app.inject({ method: 'GET', url, headers: officer });
    assert.equal(get.statusCode, 200, get.body);
    assert.equal(get.headers['cache-control'], 'no-store');
    assert.equal((await app.inject({ method: 'HEAD', url, headers: officer })).statusCode, 404, 'used now');
    assert.equal((await app.inject({ method: 'GET', url, headers: officer })).statusCode, 404);

    const log = logLines.join('');
    assert.ok(log.includes('/api/v1/downloads/[token]'), 'the download requests are logged');
    assert.ok(!log.includes(token), 'without their token');

    const read = await app.inject({ method: 'GET', url: `/api/v1/demands/${demand.reference}`, headers: reviewer });
    assert.equal(read.headers['cache-control'], 'no-store');
    const list = await app.inject({ method: 'GET', url: '/api/v1/demands', headers: officer });
    assert.equal(list.headers['cache-control'], 'no-store');
    assert.ok(officerId);
  });
});

describe('inputs that answered 500 (the fuzz run)', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');

  test('JSON nested 2,000 deep, before signing in', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: `${'['.repeat(2000)}${']'.repeat(2000)}`,
    });
    assertProblem(res, 422);
  });

  test('36-character references that are no uuid, odd cursors, leap seconds, huge numbers, bad URLs', async () => {
    const cases: [string, number][] = [
      [`/api/v1/demands/${'-'.repeat(36)}`, 404],
      ['/api/v1/demands/123456789012345678901234567890123456', 404],
      [`/api/v1/demands?cursor=${b64(JSON.stringify(['2026-11-02T09:00:00.000Z', '-'.repeat(36)]))}`, 422],
      [`/api/v1/demands?cursor=${b64(JSON.stringify(['+275760-09-13T00:00:00.000Z', crypto.randomUUID()]))}`, 422],
      [`/api/v1/demands?cursor=${b64(JSON.stringify(['0000-01-01T00:00:00.000Z', crypto.randomUUID()]))}`, 422],
      ['/api/v1/demands?due_before=2016-12-31T23:59:60Z', 422],
      ['/api/v1/demands?due_before=2026-02-30T00:00:00Z', 422],
      ['/api/v1/agencies?limit=1e400', 422],
      ['/api/v1/customers?offset=-1e400', 422],
      ['/api/v1/customers/urn:uuid:2f1c1c1e-0000-4000-8000-000000000000', 422],
      ['/api/v1/demands/%FF%FE', 400],
      [`/api/v1/demands/${'x'.repeat(200)}`, 414],
    ];
    for (const [url, status] of cases) assertProblem(await app.inject({ method: 'GET', url, headers: admin }), status);
  });

  test('a delivery-log cursor past bigint', async () => {
    const ep = await registerWebhookEndpoint(ctx, {
      customerId: dir.enterprise,
      url: 'https://hooks.acme.example/writ',
      actor: { kind: 'customer', id: 'test' },
    });
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/customers/${dir.enterprise}/webhooks/${ep.id}/deliveries?cursor=${b64('d:9999999999999999999')}`,
      headers: admin,
    });
    assertProblem(res, 422);
  });

  test('malformed multipart', async () => {
    for (const [type, body] of [
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=x', '--x\r\ncut short'],
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/demands',
        headers: { ...intake, 'content-type': type! },
        payload: body,
      });
      assertProblem(res, 422);
    }
    const good = multipart({ demand: JSON.stringify(warrantInput(dir)) });
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/demands',
      headers: { ...intake, ...good.headers },
      payload: good.payload,
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('a duplicate account identifier on POST /api/v1/customers', async () => {
    const customer = (a: string, b: string) => ({
      kind: 'consumer',
      name: 'C',
      country: 'US',
      contacts: [{ name: 'A', email: 'a@c.example', role: 'admin' }],
      accounts: [
        {
          displayName: 'A',
          dataLocation: 'US',
          identifiers: [
            { kind: 'email', value: a },
            { kind: 'email', value: b },
          ],
        },
      ],
    });
    const taken = await post('/api/v1/customers', admin, customer('dana@writmail.example', 'new@c.example'));
    assertProblem(taken, 409);
    assert.equal(taken.json().errors[0].pointer, '/accounts/0/identifiers/0');
    const twice = await post('/api/v1/customers', admin, customer('same@c.example', 'SAME@c.example'));
    assertProblem(twice, 422);
  });
});
