/**
 * The polled mailbox, against a real IMAP server (Dovecot): a DKIM-signed message appended to the
 * inbox becomes a draft, authenticated from its own headers, and is flagged \Seen only once stored;
 * appended again under the same Message-ID it makes no second draft.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { startMailboxPoller, type MailboxPoller } from '../../src/intake-mail/mailbox-poller.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { testContext } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { seedDirectory } from '../support/factories.ts';
import { compose, dnsZone, publishDomain, sign } from '../support/mail-kit.ts';

let t: TestDb;
let ctx: WorkflowContext;
let imap: Dovecot;
let poller: MailboxPoller;
const zone = dnsZone();

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  await seedDirectory(ctx);
  imap = await startDovecot();
});
after(async () => {
  await poller?.close();
  await imap.stop();
  await t.drop();
});

test('a message in the mailbox becomes one draft and is flagged seen', async () => {
  // The sending server's address as the relay recorded it: SPF is checked against it.
  const domain = publishDomain(zone, 'springfield-pd.example', '198.51.100.7');
  const signed = await sign(
    await compose({
      from: 'sam.stone@springfield-pd.example',
      subject: 'Preservation request by IMAP',
      text: 'Preserve dana@writmail.example under 18 U.S.C. 2703(f).',
      messageId: '<imap-1@springfield-pd.example>',
    }),
    domain,
  );
  const received = Buffer.concat([
    Buffer.from(
      'Received: from mx.springfield-pd.example (mx.springfield-pd.example [198.51.100.7])\r\n\tby mx.provider.example with ESMTP; Mon, 02 Nov 2026 08:00:01 +0000\r\nReturn-Path: <sam.stone@springfield-pd.example>\r\n',
    ),
    signed,
  ]);
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', received);
  poller = startMailboxPoller({ ctx, url: imap.url, resolver: zone.resolver, pollMs: 200, reconnectMs: 200 });
  await poller.drain();
  const drafts = await t.db.selectFrom('demand_drafts').select(['id', 'sender']).execute();
  assert.equal(drafts.length, 1);
  const sender = drafts[0]!.sender as {
    verdict: string;
    authentication: { dmarc: { result: string }; spf: { result: string } };
  };
  assert.equal(sender.authentication.dmarc.result, 'pass');
  assert.equal(sender.authentication.spf.result, 'pass');
  assert.equal(sender.verdict, 'verified_agency');

  await client.mailboxOpen('INBOX');
  const unseen = await client.search({ seen: false }, { uid: true });
  assert.deepEqual(unseen, [], 'flagged \\Seen once stored');

  // The same message appended again (a client's retry): one draft still.
  await client.append('INBOX', received);
  await poller.drain();
  assert.equal((await t.db.selectFrom('demand_drafts').select('id').execute()).length, 1);
  await client.logout();
});
