/**
 * Customer notices through the outbox worker, against a real SMTP server and a real webhook
 * receiver on loopback: sent at once, held until the order ends, freed when the order is vacated,
 * carried through a relay outage without loss or doubles, webhooks refused at private addresses,
 * a failing endpoint switched off with its admins told, and a job that keeps failing raised to staff.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Demand } from '../../src/domain/demand.ts';
import { createWebhookEndpoint } from '../../src/store/webhook-repository.ts';
import { newWebhookSecret } from '../../src/notify/webhook-signature.ts';
import type { Notifier } from '../../src/notify/start-notifier.ts';
import { changeChallenge } from '../../src/workflow/change-challenge.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { registerCustomer } from '../../src/workflow/register-customer.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { DAY, futureClock, jobsOf, notifyConfig, testNotifier, timelineOf } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';
import { WebhookReceiver } from './support/webhook-receiver.ts';

let t: TestDb;
let dir: Directory;
let ctx: WorkflowContext;
let notifier: Notifier;
const clock = futureClock();
const sink = new SmtpSink();
const hooks = new WebhookReceiver();

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  await hooks.start();
  // The receiver runs on loopback: allowed here by configuration, as an operator would for an internal endpoint.
  notifier = testNotifier(ctx, notifyConfig(sink.url, { webhookAllowPrivate: true, webhookDisableAfter: 3 }));
});
after(async () => {
  await notifier.stop();
  await sink.stop();
  await hooks.stop();
  await t.drop();
});

async function newDemand(over: Partial<DemandIntake> = {}): Promise<Demand> {
  return (await intakeDemand(ctx, { input: warrantInput(dir, over), actor: STAFF })).demand;
}
const run = () => notifier.worker.runUntilIdle();
const noticeState = async (id: string) =>
  (await t.db.selectFrom('demands').select('notice_state').where('id', '=', id).executeTakeFirstOrThrow()).notice_state;
const order = (expiresAt: string | null, individualizedFindings = true) => ({
  legalBasis: '18 U.S.C. 2705(b)',
  issuedAt: new Date(clock.now().getTime() - DAY).toISOString(),
  expiresAt,
  individualizedFindings,
});

describe('customer notice', () => {
  test('notice now: every designated contact by e-mail, the endpoint by a verified webhook, then sent', async () => {
    const secret = newWebhookSecret();
    await createWebhookEndpoint(t.db, { customerId: dir.enterprise, url: hooks.endpoint('/acme', secret), secret });
    const d = await newDemand({ targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'NOW-1' });
    assert.equal(d.noticeState, 'pending');
    const before = sink.messages.length;
    await run();

    const mails = sink.messages.slice(before);
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), ['admin@acme.example', 'legal@acme.example']);
    for (const m of mails) {
      assert.equal(m.idempotencyKey, `notice:${d.id}`);
      assert.ok(m.messageId.includes(`notice.${d.id}`), m.messageId);
      assert.equal(m.from, 'legal@provider.example');
      assert.ok(m.subject.includes(d.reference));
      for (const fact of [
        d.reference,
        'Springfield Police Department',
        'Search warrant',
        'NOW-1',
        'bob@acme.example',
        'Content',
        'Challenge the demand in court',
      ]) {
        assert.ok(m.text.includes(fact), `the notice says ${fact}`);
      }
      assert.ok(!m.text.includes('{{'), 'no placeholder is left');
      assert.ok(m.html.includes('<strong>Acme Widgets Inc.</strong>'));
    }
    assert.equal(new Set(mails.map((m) => m.messageId)).size, 2, 'one Message-ID per contact');
    assert.ok(mails.find((m) => m.to[0] === 'legal@acme.example')!.text.startsWith('Dear Larry Legal'));

    const hits = hooks.at('/acme');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.verified, true, 'the signature checks out under the published scheme');
    assert.equal(hits[0]!.id, `notice:${d.id}`);
    const body = JSON.parse(hits[0]!.body);
    assert.equal(body.type, 'demand.notice');
    assert.equal(body.data.reference, d.reference);
    assert.deepEqual(
      body.data.accounts.map((a: { value: string }) => a.value),
      ['bob@acme.example'],
    );
    assert.deepEqual(body.data.dataCategories, ['content']);

    assert.equal(await noticeState(d.id), 'sent');
    const sent = await t.db
      .selectFrom('events')
      .select(['payload', 'actor'])
      .where('demand_id', '=', d.id)
      .where('type', '=', 'notice.sent')
      .executeTakeFirstOrThrow();
    assert.deepEqual(sent.payload, {
      recipients: 3,
      channels: ['email', 'webhook'],
      receivedOn: d.receivedAt.slice(0, 10),
      enterpriseCustomers: 1,
      consumerCustomers: 0,
    });
    assert.equal(sent.actor, 'system:writ');
    const [job] = (await jobsOf(t.db, d.id)).filter((j) => j.kind === 'notice.deliver');
    assert.equal(job!.status, 'done');
    const attempts = await t.db.selectFrom('outbox_attempts').selectAll().where('job_id', '=', job!.id).execute();
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.status]),
      [[1, 'succeeded']],
    );
    assert.ok(attempts[0]!.finished_at);

    // Running again sends nothing more.
    await run();
    assert.equal(sink.messages.length, before + 2);
    assert.equal(hooks.at('/acme').length, 1);
  });

  test("a German customer's notice is in German, with German dates; a French one in French", async () => {
    for (const [language, name, email] of [
      ['de', 'Erika Mustermann', 'erika@beispiel.example'],
      ['fr', 'Jeanne Martin', 'jeanne@exemple.example'],
    ] as const)
      await registerCustomer(ctx, {
        actor: STAFF,
        input: {
          kind: 'consumer',
          name,
          country: language === 'de' ? 'DE' : 'FR',
          language,
          contacts: [{ name, email, role: 'account_holder' }],
          accounts: [{ displayName: name, dataLocation: 'IE', identifiers: [{ kind: 'email', value: email }] }],
        },
      });
    const de = await newDemand({ targets: [{ kind: 'email', value: 'erika@beispiel.example' }], caseNumber: 'DE-1' });
    const fr = await newDemand({ targets: [{ kind: 'email', value: 'jeanne@exemple.example' }], caseNumber: 'FR-1' });
    await run();
    const [toErika] = sink.to('erika@beispiel.example');
    assert.ok(toErika, 'the German notice arrived');
    assert.equal(toErika.subject, `Mitteilung über ein behördliches Ersuchen um Ihre Daten (${de.reference})`);
    assert.ok(toErika.text.includes('Guten Tag Erika Mustermann,'));
    assert.ok(toErika.text.includes('Rechtsgrundlage: Durchsuchungsbeschluss'));
    assert.ok(toErika.text.includes('  - Inhaltsdaten'));
    assert.ok(toErika.text.includes('Erlassen am:     1. November 2026 um 15:00 UTC'), toErika.text);
    assert.ok(toErika.text.includes('für den Zeitraum vom 1. Januar 2026 bis zum 31. Oktober 2026'));
    assert.match(toErika.text, /WAS SIE TUN KÖNNEN, BIS \d{1,2}\. \p{L}+ \d{4} um \d\d:\d\d UTC/u);
    assert.ok(toErika.text.includes('Ausgelassen: Name und Anschrift der ersuchenden Person'));
    const [toJeanne] = sink.to('jeanne@exemple.example');
    assert.ok(toJeanne);
    assert.equal(
      toJeanne.subject,
      `Notification d'une demande des autorités portant sur vos données (${fr.reference})`,
    );
    assert.ok(toJeanne.text.includes('Délivré le :        1 novembre 2026 à 15:00 UTC'), toJeanne.text);
    assert.ok(toJeanne.text.includes('Mandat de perquisition'));
  });

  test('an order that had lapsed before the demand arrived does not delay the notice, and the notice does not say it did', async () => {
    const lapsed = {
      ...order(new Date(clock.now().getTime() - 2 * 60_000).toISOString()),
      issuedAt: '2026-10-01T00:00:00Z',
    };
    const d = await newDemand({ secrecyOrder: lapsed, caseNumber: 'LAPSED-1' });
    assert.equal(d.noticeState, 'pending');
    const before = sink.to('dana@writmail.example').length;
    await run();
    const [got] = sink.to('dana@writmail.example').slice(before);
    assert.ok(got);
    assert.doesNotMatch(got.text, /prevented us|kept us from telling you|WHY YOU HEAR OF IT ONLY NOW/);
    assert.match(
      got.text,
      /secrecy order \(18 U\.S\.C\. 2705\(b\)\) that had already ended on .+,\nbefore we received it; it did not delay this notice\./,
    );
  });

  test('held: nothing goes out before the order ends; on its end date the notice is released and sent', async () => {
    const until = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    const d = await newDemand({ secrecyOrder: order(until) });
    assert.equal(d.noticeState, 'held');
    const before = sink.to('dana@writmail.example').length;
    await run();
    clock.advance(30 * DAY - 60_000);
    await run();
    assert.equal(sink.to('dana@writmail.example').length, before, 'not a minute early');
    assert.equal(await noticeState(d.id), 'held');

    clock.advance(2 * 60_000);
    await run();
    const got = sink.to('dana@writmail.example').slice(before);
    assert.equal(got.length, 1);
    assert.equal(got[0]!.idempotencyKey, `notice:${d.id}`);
    // The delayed notice says how long the order held it, how the hold ended, and what happened meanwhile.
    assert.match(
      got[0]!.text,
      /A secrecy order \(18 U\.S\.C\. 2705\(b\)\) kept us from telling you from .+ until .+ UTC\./,
    );
    assert.ok(got[0]!.text.includes('The order ended on its stated date.'));
    assert.ok(got[0]!.text.includes('nothing was disclosed and nothing else happened'));
    assert.equal(await noticeState(d.id), 'sent');
    const tl = await timelineOf(t.db, d.id);
    assert.ok(tl.indexOf('notice.held') < tl.indexOf('notice.released'));
    assert.ok(tl.indexOf('notice.released') < tl.indexOf('notice.queued'));
    assert.ok(tl.indexOf('notice.queued') < tl.indexOf('notice.sent'));
    const released = await t.db
      .selectFrom('events')
      .select('actor')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'notice.released')
      .executeTakeFirstOrThrow();
    assert.equal(released.actor, 'system:writ');
  });

  test('a vacated order releases the notice at once, without waiting for any date', async () => {
    const d = await newDemand({ secrecyOrder: order(null, false), caseNumber: 'VAC-1' });
    assert.equal(d.noticeState, 'held');
    await run();
    assert.equal(await noticeState(d.id), 'held');
    if (d.challengeState === 'none') await changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'flag' });
    await changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'file' });
    await changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'rule_vacated' });
    await run();
    assert.equal(await noticeState(d.id), 'sent');
    assert.equal(sink.messages.filter((m) => m.idempotencyKey === `notice:${d.id}`).length, 1);
  });

  test('the relay down for a while, then up: every notice arrives, none twice under the same key', async () => {
    const before = sink.messages.length;
    await sink.stop();
    const ds = [];
    for (let i = 0; i < 5; i++) ds.push(await newDemand({ caseNumber: `DOWN-${i}` }));
    // One enterprise notice too, so that a job with two contacts is retried as a whole.
    ds.push(await newDemand({ targets: [{ kind: 'email', value: 'carol@acme.example' }], caseNumber: 'DOWN-E' }));
    for (let round = 0; round < 2; round++) {
      await run();
      clock.advance(2 * 60_000);
    }
    assert.equal(sink.messages.length, before);
    for (const d of ds) {
      assert.equal(await noticeState(d.id), 'pending');
      const [job] = (await jobsOf(t.db, d.id)).filter((j) => j.kind === 'notice.deliver');
      assert.equal(job!.status, 'pending');
      assert.equal(job!.attempts, 2);
      assert.match(job!.last_error ?? '', /deliveries failed/);
      const attempts = await t.db
        .selectFrom('outbox_attempts')
        .select(['status', 'error'])
        .where('job_id', '=', job!.id)
        .orderBy('attempt')
        .execute();
      assert.deepEqual(
        attempts.map((a) => a.status),
        ['failed', 'failed'],
      );
    }

    await sink.start();
    clock.advance(2 * 60_000);
    await run();
    const arrived = sink.messages.slice(before);
    for (const d of ds) {
      assert.equal(await noticeState(d.id), 'sent');
      const mine = arrived.filter((m) => m.idempotencyKey === `notice:${d.id}`);
      assert.equal(mine.length, d.targets[0]!.customerId === dir.enterprise ? 2 : 1);
    }
    assert.equal(new Set(arrived.map((m) => m.messageId)).size, arrived.length, 'no Message-ID twice');
  });

  test('a retry sends only the parts that did not arrive', async () => {
    sink.refuse.set('legal@acme.example', 450);
    const d = await newDemand({ targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'PART-1' });
    await run();
    const mine = () => sink.messages.filter((m) => m.idempotencyKey === `notice:${d.id}`);
    assert.deepEqual(
      mine().map((m) => m.to[0]),
      ['admin@acme.example'],
    );
    assert.equal(await noticeState(d.id), 'pending');
    sink.refuse.delete('legal@acme.example');
    clock.advance(2 * 60_000);
    await run();
    assert.deepEqual(
      mine()
        .map((m) => m.to[0])
        .sort(),
      ['admin@acme.example', 'legal@acme.example'],
      'the admin got it once',
    );
    assert.equal(hooks.at('/acme').filter((h) => h.id === `notice:${d.id}`).length, 1, 'the webhook went once');
    assert.equal(await noticeState(d.id), 'sent');
  });

  test('a job that keeps failing is given up after the limit: failed, on the timeline, staff alerted', async () => {
    sink.refuse.set('dana@writmail.example', 550);
    try {
      const d = await newDemand({ caseNumber: 'FAIL-1' });
      for (let i = 0; i < 5; i++) {
        await run();
        clock.advance(2 * 60_000);
      }
      await run();
      const [job] = (await jobsOf(t.db, d.id)).filter((j) => j.kind === 'notice.deliver');
      assert.equal(job!.status, 'failed');
      assert.equal(job!.attempts, 5);
      const attempts = await t.db
        .selectFrom('outbox_attempts')
        .select(['attempt', 'status', 'response_code'])
        .where('job_id', '=', job!.id)
        .orderBy('attempt')
        .execute();
      assert.deepEqual(
        attempts.map((a) => a.status),
        ['failed', 'failed', 'failed', 'failed', 'failed'],
      );
      assert.equal(attempts[0]!.response_code, '550');
      // The retries were spread out: each came only after its backoff.
      const tl = await timelineOf(t.db, d.id);
      assert.ok(tl.includes('delivery.failed'));
      const ev = await t.db
        .selectFrom('events')
        .select('payload')
        .where('demand_id', '=', d.id)
        .where('type', '=', 'delivery.failed')
        .executeTakeFirstOrThrow();
      assert.equal((ev.payload as { kind: string }).kind, 'notice.deliver');
      assert.ok(!JSON.stringify(ev.payload).includes('dana@'), 'no address on the public timeline');
      const alerts = sink.to('alerts@provider.example').filter((m) => m.text.includes(d.reference));
      assert.equal(alerts.length, 1);
      assert.match(alerts[0]!.subject, /could not deliver: notice\.deliver/);
      assert.equal(await noticeState(d.id), 'pending', 'the notice is not marked sent');
    } finally {
      sink.refuse.delete('dana@writmail.example');
    }
  });
});

describe('webhook endpoints', () => {
  test('a private address is refused (the endpoint is switched off, its admins told); the e-mail still goes', async () => {
    const strict = testNotifier(ctx, notifyConfig(sink.url, { webhookAllowPrivate: false }));
    try {
      const customer = await registerCustomer(ctx, {
        actor: STAFF,
        input: {
          kind: 'consumer',
          name: 'Pat Private',
          country: 'US',
          contacts: [{ name: 'Pat Private', email: 'pat@writmail.example', role: 'account_holder' }],
          accounts: [
            { displayName: 'Pat', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'pat@writmail.example' }] },
          ],
        },
      });
      const urls = [
        hooks.endpoint('/p4', 'whsec_AAAA'),
        hooks.endpoint('/p-local', 'whsec_AAAA', 'localhost'),
        `http://[::1]:${hooks.port}/p6`,
        `http://[::ffff:127.0.0.1]:${hooks.port}/p6m`,
      ];
      for (const url of urls)
        await createWebhookEndpoint(t.db, { customerId: customer.id, url, secret: newWebhookSecret() });
      const seen = hooks.received.length;
      const d = await newDemand({ targets: [{ kind: 'email', value: 'pat@writmail.example' }] });
      await strict.worker.runUntilIdle();
      assert.equal(hooks.received.length, seen, 'no request reached the receiver');
      const eps = await t.db
        .selectFrom('webhook_endpoints')
        .select(['id', 'enabled'])
        .where('customer_id', '=', customer.id)
        .execute();
      assert.ok(
        eps.every((e) => !e.enabled),
        'every such endpoint is switched off',
      );
      const log = await t.db
        .selectFrom('webhook_deliveries')
        .select(['ok', 'error'])
        .where(
          'endpoint_id',
          'in',
          eps.map((e) => e.id),
        )
        .execute();
      assert.equal(log.length, 4);
      assert.ok(
        log.every((l) => !l.ok && /private, loopback or link-local/.test(l.error ?? '')),
        JSON.stringify(log),
      );
      const toPat = sink.to('pat@writmail.example');
      assert.equal(toPat.filter((m) => m.idempotencyKey === `notice:${d.id}`).length, 1, 'the notice went by e-mail');
      assert.equal(
        toPat.filter((m) => /webhook endpoint was switched off/.test(m.subject)).length,
        4,
        'one message per endpoint switched off',
      );
      assert.equal(await noticeState(d.id), 'sent');
    } finally {
      await strict.stop();
    }
  });

  test('allowed when configured: the same loopback receiver gets a verified webhook', async () => {
    const customer = await registerCustomer(ctx, {
      actor: STAFF,
      input: {
        kind: 'consumer',
        name: 'Lou Local',
        country: 'US',
        contacts: [{ name: 'Lou Local', email: 'lou@writmail.example', role: 'account_holder' }],
        accounts: [
          { displayName: 'Lou', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'lou@writmail.example' }] },
        ],
      },
    });
    const secret = newWebhookSecret();
    await createWebhookEndpoint(t.db, {
      customerId: customer.id,
      url: hooks.endpoint('/lou', secret, 'localhost'),
      secret,
    });
    const d = await newDemand({ targets: [{ kind: 'email', value: 'lou@writmail.example' }] });
    await run();
    const hits = hooks.at('/lou');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.verified, true);
    assert.equal(hits[0]!.id, `notice:${d.id}`);
  });

  test('an endpoint that keeps failing is switched off after the limit, its admins told, and the notice completes', async () => {
    const globex = await registerCustomer(ctx, {
      actor: STAFF,
      input: {
        kind: 'enterprise',
        name: 'Globex Corp',
        country: 'US',
        domains: ['globex.example'],
        contacts: [
          { name: 'Gina Admin', email: 'gina@globex.example', role: 'admin' },
          { name: 'Glen Legal', email: 'glen@globex.example', role: 'legal' },
        ],
        accounts: [
          { displayName: 'Eve', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'eve@globex.example' }] },
        ],
      },
    });
    const secret = newWebhookSecret();
    hooks.statusFor.set('/globex', 500);
    const ep = await createWebhookEndpoint(t.db, {
      customerId: globex.id,
      url: hooks.endpoint('/globex', secret),
      secret,
    });
    const d = await newDemand({ targets: [{ kind: 'email', value: 'eve@globex.example' }] });
    for (let i = 0; i < 2; i++) {
      await run();
      assert.equal(await noticeState(d.id), 'pending', 'still waiting for the endpoint');
      clock.advance(2 * 60_000);
    }
    await run();
    const row = await t.db
      .selectFrom('webhook_endpoints')
      .select(['enabled', 'failure_count'])
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { enabled: false, failure_count: 3 });
    assert.equal(hooks.at('/globex').length, 3);
    assert.ok(
      hooks.at('/globex').every((h) => h.verified && h.id === `notice:${d.id}`),
      'every redelivery carries the same webhook-id',
    );
    const log = await t.db
      .selectFrom('webhook_deliveries')
      .select(['status_code', 'ok'])
      .where('endpoint_id', '=', ep.id)
      .execute();
    assert.deepEqual(
      log.map((l) => [l.status_code, l.ok]),
      [
        [500, false],
        [500, false],
        [500, false],
      ],
    );
    const off = sink.to('gina@globex.example').filter((m) => /switched off/.test(m.subject));
    assert.equal(off.length, 1);
    assert.ok(off[0]!.text.includes(hooks.endpoint('/globex', secret)));
    assert.equal(sink.to('glen@globex.example').filter((m) => /switched off/.test(m.subject)).length, 0, 'admins only');
    const ev = await t.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'webhook.endpoint_disabled')
      .execute();
    assert.ok(ev.some((e) => (e.payload as { endpointId: string }).endpointId === ep.id));
    assert.equal(await noticeState(d.id), 'sent', 'the e-mails reached both contacts');
    assert.equal(
      sink.to('gina@globex.example').filter((m) => m.idempotencyKey === `notice:${d.id}`).length,
      1,
      'the e-mail went once despite three attempts',
    );
  });
});
