/**
 * The outbound-mail screen: in demo mode with no mail relay, Writ keeps what it sends in its local
 * mailbox; a reviewer finds it from the console's navigation, newest first, opens a notice to read
 * its text and HTML (sandboxed, no scripts) and downloads its attachment; both reads are on the
 * demand's list of reads. Staff who may not read the mailbox are not offered it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { renderDemandDocument } from '../../src/demo/demand-document.ts';
import { startDelivery } from '../../src/notify/local-mailbox.ts';
import type { Browser } from '../support/chromium.ts';
import { assertAccessible, screenshot, signIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, fileDemand, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';
import { futureClock, notifyConfig } from '../notify/support/notify-kit.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';

let w: WebApp;
let b: Browser;
let page: Page;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 6 }));
});

after(() => closeWebAppInBrowser(b, w));

test('a notice sent in demo mode without a relay is listed, opened and read in the console', async () => {
  // A warrant with its legal process attached: the customer is told at once, with a copy.
  const legalProcess = await renderDemandDocument(
    {
      instrument: 'search_warrant',
      issuingCourt: 'United States District Court for the Western District of Washington',
      caseNumber: 'CR-26-0815',
      issuedAt: '2026-10-28T00:00:00Z',
      targets: [{ kind: 'email', value: 'someone@example.com' }],
      dataCategories: ['content'],
      requester: { name: 'Special Agent Dale Cooper', email: 'd.cooper@fbi.example' },
      signed: true,
    } as DemandIntake,
    { name: 'Federal Bureau of Investigation' },
  );
  const demand = await fileDemand(w, {}, [
    { filename: 'warrant.pdf', mediaType: 'application/pdf', bytes: legalProcess },
  ]);
  // The outbox stamps its jobs with the database's own time: the worker runs on a clock past it.
  const { notifier, mailbox } = await startDelivery({
    ctx: { ...w.ctx, now: futureClock().now },
    config: notifyConfig(null),
    demo: true,
    start: false,
  });
  try {
    assert.ok(mailbox, 'demo mode with no relay runs the local mailbox');
    await notifier.worker.runUntilIdle();
  } finally {
    await notifier.stop();
    await mailbox?.close();
  }
  const kept = await w.test.db
    .selectFrom('local_mail')
    .select(['id', 'subject', 'kind', 'text', 'html', 'attachments'])
    .where('kind', '=', 'notice')
    .execute();
  const notice = kept.find((m) => m.text?.includes(demand.reference));
  assert.ok(notice, `the notice of ${demand.reference} is in the local mailbox`);
  assert.ok(notice.html, 'the notice has an HTML part');
  assert.deepEqual(
    notice.attachments.map((a) => a.filename),
    ['warrant.pdf'],
    'the notice carries the legal legalProcess',
  );

  // A reviewer reaches the screen from the console's navigation.
  await signIn(page, w.url, w.tokens.reviewer!.token, '/console');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbound mail' }).click();
  await page.getByRole('heading', { level: 1, name: 'Outbound mail' }).waitFor();
  const table = page.getByRole('table', { name: 'Mail Writ sent, newest first' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: notice.subject }) });
  await row.first().waitFor();
  assert.match((await row.first().textContent()) ?? '', /Customer notice/);
  const headers = await table.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(headers, ['Subject', 'Kind', 'To', 'Sent']);
  await assertAccessible(page, 'the outbound mail');
  await screenshot(page, 'console-outbound-mail');

  // Opening it shows its text; the HTML is in a frame that runs no script.
  await row.first().getByRole('link', { name: notice.subject }).click();
  await page.getByRole('heading', { level: 1, name: notice.subject }).waitFor();
  const text = page.getByRole('region', { name: 'Text' });
  await text.getByText(demand.reference, { exact: false }).first().waitFor();
  const frame = page.getByTitle(`The message as HTML: ${notice.subject}`);
  assert.equal(await frame.getAttribute('sandbox'), '', 'sandboxed with no permission at all');
  await page.frameLocator('iframe.mail-html').getByText(demand.reference, { exact: false }).first().waitFor();
  await assertAccessible(page, 'an outbound message');
  await screenshot(page, 'console-outbound-message');

  // Its attachments download as they were sent.
  const attachments = page.getByRole('region', { name: 'Attachments' });
  const download = page.waitForEvent('download');
  await attachments.getByRole('link', { name: 'warrant.pdf' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'warrant.pdf');
  const saved = await readFile((await file.path())!);
  assert.ok(saved.equals(legalProcess), 'the attachment byte for byte as it was sent');

  // The reads are on the record: the list's, and the message's and its attachment's on the
  // demand they concern, where the demand's list of reads shows them with who read them.
  const reads = await w.test.db
    .selectFrom('events')
    .select(['type', 'demand_id', 'payload'])
    .where('type', 'in', ['outbound_mail.listed', 'outbound_mail.viewed'])
    .orderBy('id')
    .execute();
  assert.ok(reads.some((r) => r.type === 'outbound_mail.listed' && r.demand_id === null));
  const viewed = reads.filter((r) => r.type === 'outbound_mail.viewed');
  assert.deepEqual(
    viewed.map((r) => [r.demand_id, (r.payload as { attachment: number | null }).attachment]),
    [
      [demand.id, null],
      [demand.id, 0],
    ],
  );
  const listed = await fetch(`${w.url}/api/v1/demands/${demand.reference}/reads`, {
    headers: { authorization: `Bearer ${w.tokens.admin!.token}` },
  });
  assert.equal(listed.status, 200);
  const items = ((await listed.json()) as { items: { what: string; actor: { name: string } }[] }).items;
  const mailReads = items.filter((i) => i.what === 'Read a message sent about it (outbound mail)');
  assert.equal(mailReads.length, 2, JSON.stringify(items));
  assert.ok(mailReads.every((i) => i.actor.name === w.tokens.reviewer!.name));
});

test('staff who may not read the mailbox are not offered it', async () => {
  await signIn(page, w.url, w.tokens.intake!.token, '/console');
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Reports' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Outbound mail' }).count(), 0);
});
