/**
 * Exactly once per recipient: a `writ worker` process killed with SIGKILL in the middle of a
 * ten-recipient notice (five messages answered "250", the sixth on the wire) has recorded the five
 * it served; the worker started next serves only the other five. Each contact ends with one
 * message, under the Message-ID its part always had.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { registerCustomer } from '../../src/workflow/register-customer.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../support/factories.ts';
import { eventually, workerProcessKit } from './support/spawn-worker.ts';

// The worker processes run on the real clock; so does this test's intake.
const kit = workerProcessKit();
const { sink, realClock } = kit;

test('kill -9 in the middle of a ten-recipient notice, then restart: each recipient served exactly once', async () => {
  const ctx = testContext(kit.t.db, realClock);
  const dir = await seedDirectory(ctx);
  const contacts = Array.from({ length: 10 }, (_, i) => ({
    name: `Contact ${i}`,
    email: `contact${i}@aldergrove.example`,
    role: i % 2 ? ('legal' as const) : ('admin' as const),
  }));
  await registerCustomer(ctx, {
    actor: STAFF,
    input: {
      kind: 'enterprise',
      name: 'Aldergrove Logistics Inc.',
      country: 'US',
      usPerson: true,
      domains: ['aldergrove.example'],
      contacts,
      accounts: [
        { displayName: 'Ops', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'ops@aldergrove.example' }] },
      ],
    },
  });
  const env = {
    WRIT_SMTP_URL: sink.url,
    WRIT_MAIL_FROM: 'legal@provider.example',
    WRIT_OUTBOX_LEASE_SECONDS: '2',
    WRIT_OUTBOX_POLL_MS: '100',
  };

  sink.holdAfter(5);
  const { demand } = await intakeDemand(ctx, {
    input: warrantInput(dir, { targets: [{ kind: 'email', value: 'ops@aldergrove.example' }] }),
    actor: STAFF,
  });
  const job = () =>
    kit.t.db
      .selectFrom('outbox')
      .select(['id', 'status'])
      .where('demand_id', '=', demand.id)
      .where('kind', '=', 'notice.deliver')
      .executeTakeFirstOrThrow();
  const receipts = async () =>
    kit.t.db
      .selectFrom('delivery_receipts')
      .select(['recipient', 'message_id'])
      .where('job_id', '=', (await job()).id)
      .execute();

  const first = await kit.spawn(env);
  await eventually(() => sink.messages.length === 5 && sink.dataCommands >= 6, 60_000, 'five served, more on the wire');
  // The five answered "250" are on record before the worker goes on: nothing waits for the rest.
  await eventually(async () => (await receipts()).length === 5, 30_000, 'the five receipts');
  first.child.kill('SIGKILL');
  assert.equal(await first.exited, 'SIGKILL');
  // Every connection of the killed worker (its pool may hold several) must be seen gone before the
  // held messages are released: one still counted open would have its message accepted.
  await eventually(
    () => sink.closedConnections >= 1 && sink.openConnections === 0,
    30_000,
    'the relay to see the connections drop',
  );
  sink.releaseHeld();
  await new Promise((r) => setImmediate(r));
  assert.equal(sink.messages.length, 5, 'the held messages were never accepted');

  const second = await kit.spawn(env);
  await eventually(async () => (await job()).status === 'done', 60_000, 'the notice job to be done');

  const byRecipient = new Map<string, number>();
  for (const m of sink.messages) for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
  assert.deepEqual(
    [...byRecipient.entries()].sort(),
    contacts.map((c) => [c.email, 1]).sort(),
    'every contact has exactly one message',
  );
  assert.equal(new Set(sink.messages.map((m) => m.messageId)).size, 10, 'ten distinct Message-IDs');
  // The customer's name ends its sentence with its own full stop, not a second one.
  assert.match(sink.messages[0]!.text, /data of Aldergrove Logistics Inc\. /);
  assert.doesNotMatch(sink.messages[0]!.text + sink.messages[0]!.html, /Inc\.\./);
  const recorded = await receipts();
  assert.equal(recorded.length, 10);
  for (const m of sink.messages) assert.ok(recorded.some((r) => r.message_id === m.messageId));
  const state = await kit.t.db
    .selectFrom('demands')
    .select('notice_state')
    .where('id', '=', demand.id)
    .executeTakeFirstOrThrow();
  assert.equal(state.notice_state, 'sent');
  const sent = await kit.t.db
    .selectFrom('events')
    .select('payload')
    .where('demand_id', '=', demand.id)
    .where('type', '=', 'notice.sent')
    .execute();
  assert.equal(sent.length, 1);
  assert.equal((sent[0]!.payload as { recipients: number }).recipients, 10);

  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});
