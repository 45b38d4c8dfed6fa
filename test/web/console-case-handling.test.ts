/**
 * A legal team's day in the console, in a real browser: assigning many demands at once from the
 * queue, an internal note, a document read in the page (pdf.js draws page 1), disclosure from the
 * demand's page (package with its manifest and hashes, then two approvals, production, and the
 * officer's single-use link), the secrecy-order screen and a report download; axe-core finds no
 * serious or critical violation on any of these pages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { newPdf, pdfBytes } from '../../src/documents/pdf.ts';
import type { Browser } from '../support/chromium.ts';
import { EMERGENCY } from '../support/factories.ts';
import { assertAccessible, screenshot, signIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, fileDemand, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

let w: WebApp;
let b: Browser;
let page: Page;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 10 }));
});
after(() => closeWebAppInBrowser(b, w));

/** The API as one of the demo people (by key), outside the browser. */
async function apiAs<T>(who: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await fetch(w.url + path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${w.tokens[who]!.token}`,
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const body = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${body}`);
  return (body ? JSON.parse(body) : undefined) as T;
}

const demandRow = (reference: string) =>
  w.test.db.selectFrom('demands').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();

test('several demands are assigned at once from the queue; "my queue" then lists them', async () => {
  const a = await fileDemand(w, { caseNumber: 'CR-26-1001' });
  const c = await fileDemand(w, { caseNumber: 'CR-26-1002' });
  await signIn(page, w.url, w.tokens.reviewer!.token, `/console?reference=${encodeURIComponent('WR-')}`);
  await page.getByRole('table').waitFor();
  await page.getByRole('checkbox', { name: `Select ${a.reference}` }).check();
  await page.getByRole('checkbox', { name: `Select ${c.reference}` }).check();
  const bar = page.getByRole('form', { name: 'Assign the selected demands' });
  await bar.getByText('2 selected').waitFor();
  await bar.getByLabel('Assign the selected to').selectOption({ label: 'Rosa Reviewer' });
  await assertAccessible(page, 'the queue with two demands selected');
  await bar.getByRole('button', { name: 'Assign 2 demands' }).click();
  await page.getByText('2 demands assigned to Rosa Reviewer.').waitFor();
  const rosa = await w.test.db
    .selectFrom('principals')
    .select('id')
    .where('name', '=', 'Rosa Reviewer')
    .executeTakeFirstOrThrow();
  for (const d of [a, c]) assert.equal((await demandRow(d.reference)).assignee_id, rosa.id, d.reference);

  // The owner's column says so; Rosa's queue (by the owner filter) has exactly these two.
  await page.goto(`${w.url}/console?assignee=${rosa.id}`);
  await page.getByRole('table').waitFor();
  const refs = await page.getByRole('rowheader').allInnerTexts();
  assert.deepEqual(refs.sort(), [a.reference, c.reference].sort());
  assert.equal(await page.getByRole('cell', { name: 'Rosa Reviewer' }).count(), 2);

  // The timeline of each says who assigned it to whom, by name.
  await page.goto(`${w.url}/console/demands/${a.reference}`);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline
    .getByText(/Rosa Reviewer/)
    .first()
    .waitFor();
  await timeline
    .getByText(/Ravi Reviewer/)
    .first()
    .waitFor();

  // One demand taken back by the reviewer from its page ("Assign to me").
  await page.getByRole('region', { name: 'Owner' }).getByRole('button', { name: 'Assign to me' }).click();
  await page.getByText('Assigned to Ravi Reviewer.').waitFor();
  const ravi = await w.test.db
    .selectFrom('principals')
    .select('id')
    .where('name', '=', 'Ravi Reviewer')
    .executeTakeFirstOrThrow();
  assert.equal((await demandRow(a.reference)).assignee_id, ravi.id);
});

test('an internal note is added on the demand page, with its author, and stays out of the agency view', async () => {
  const d = await fileDemand(w, { caseNumber: 'CR-26-1003' });
  await page.goto(`${w.url}/console/demands/${d.reference}`);
  const notes = page.getByRole('region', { name: 'Internal notes' });
  await notes.getByText('No note yet.').waitFor();
  const text = 'Called the agency: they will narrow the date range by Friday.';
  await notes.getByLabel('New note').fill(text);
  await notes.getByRole('button', { name: 'Add note' }).click();
  await notes.getByText(text).waitFor();
  await notes.getByText('Ravi Reviewer').waitFor();
  assert.equal(await notes.getByLabel('New note').inputValue(), '', 'the form is ready for the next note');
  await page.getByRole('region', { name: 'Clocks' }).waitFor();
  await assertAccessible(page, 'a demand with its owner, clocks and notes');
  await screenshot(page, 'console-demand-case');
  const shared = await apiAs<Record<string, unknown>>('officer1', `/api/v1/demands/${d.reference}`);
  assert.ok(!JSON.stringify(shared).includes(text), 'the agency never sees the note');
});

test('a PDF document is read in the page: page 1 is drawn, and the next page', async () => {
  const doc = newPdf({ title: 'Search warrant', createdAt: new Date('2026-10-28T00:00:00Z') });
  doc.fontSize(28).text('SEARCH AND SEIZURE WARRANT', { align: 'center' });
  doc.addPage().fontSize(28).text('Attachment B: items to be seized');
  const bytes = await pdfBytes(doc);
  const demand = await fileDemand(w, { caseNumber: 'CR-26-1004' }, [
    { filename: 'warrant.pdf', mediaType: 'application/pdf', bytes },
  ]);
  await page.goto(`${w.url}/console/demands/${demand.reference}`);
  await page.getByRole('button', { name: 'Read warrant.pdf' }).click();
  const viewer = page.getByRole('navigation', { name: 'Pages of warrant.pdf' });
  await viewer.getByText('Page 1 of 2').waitFor();
  const canvas = page.locator('canvas[data-page-drawn="1"]');
  await canvas.waitFor();
  // Drawn means ink on the canvas: some pixels are dark (the heading's letters).
  const dark = await page.evaluate<number>(`(() => {
    const c = document.querySelector('canvas[data-page-drawn="1"]');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 100 && data[i + 3] > 0) n++;
    return n;
  })()`);
  assert.ok(dark > 500, `page 1 has ink (${dark} dark pixels)`);
  await assertAccessible(page, 'a document read in the page');
  await viewer.getByRole('button', { name: 'Next page' }).click();
  await viewer.getByText('Page 2 of 2').waitFor();
  await page.locator('canvas[data-page-drawn="2"]').waitFor();
});

test('disclosure from the page: the package with its manifest, two approvals, production, the link', async () => {
  const d = await fileDemand(w, { caseNumber: 'CR-26-1005' });
  await apiAs('reviewer', `/api/v1/demands/${d.reference}/accept`, {
    method: 'POST',
    json: { overrideReason: 'The customer is a consumer: no one to redirect to; counsel accepts.' },
  });
  await page.goto(`${w.url}/console/demands/${d.reference}`);
  const panel = page.getByRole('region', { name: 'Disclosure package' });
  const mail = Buffer.from('From: a@example.test\nSubject: hello\n\nthe mailbox export\n');
  const log = Buffer.from('2026-09-01T10:00:00Z login from 192.0.2.7\n');
  const extra = Buffer.from('not for the agency');
  await panel.getByLabel('Files to disclose').setInputFiles([
    { name: 'mailbox.eml', mimeType: 'message/rfc822', buffer: mail },
    { name: 'logins.txt', mimeType: 'text/plain', buffer: log },
    { name: 'internal.txt', mimeType: 'text/plain', buffer: extra },
  ]);
  const sha = (x: Buffer) => createHash('sha256').update(x).digest('hex');
  // Each file's hash is shown before anything is sent; one is left out.
  await panel.getByText(sha(extra)).waitFor();
  await panel.getByRole('checkbox', { name: /internal\.txt/ }).uncheck();
  await assertAccessible(page, 'a disclosure package being prepared');
  await panel.getByRole('button', { name: 'Prepare the package (2 files)' }).click();
  await page.getByText('Package prepared: two approvers other than you now approve it.').waitFor();
  const manifest = panel.getByRole('table', { name: 'Manifest of the package' });
  await manifest.waitFor();
  assert.deepEqual((await manifest.getByRole('rowheader').allInnerTexts()).sort(), ['logins.txt', 'mailbox.eml']);
  await manifest.getByText(sha(mail)).waitFor();
  await manifest.getByText(sha(log)).waitFor();
  assert.equal(await manifest.getByText(sha(extra)).count(), 0, 'the file left out is not in the package');
  await screenshot(page, 'console-disclosure-package');

  // Two approvers, each in their own session, approve from the page.
  for (const [who, done] of [
    ['approver', 'awaiting_disclosure'],
    ['approver2', 'approved'],
  ] as const) {
    await signIn(page, w.url, w.tokens[who]!.token, `/console/demands/${d.reference}`);
    await page.getByRole('button', { name: 'Approve disclosure' }).click();
    await page
      .getByRole('form', { name: 'Approve disclosure' })
      .getByRole('button', { name: 'Approve disclosure' })
      .click();
    await page.getByText('Approval recorded.').waitFor();
    assert.equal((await demandRow(d.reference)).state, done, who);
  }
  await page.getByRole('button', { name: 'Record production' }).click();
  await page
    .getByRole('form', { name: 'Record production' })
    .getByRole('button', { name: 'Record production' })
    .click();
  await page.getByText('Production recorded.').waitFor();
  assert.equal((await demandRow(d.reference)).state, 'produced');

  // The requesting agency's officer collects it by a single-use link; the files are the ones chosen.
  const link = await apiAs<{ url: string }>('officer1', `/api/v1/demands/${d.reference}/package/link`, {
    method: 'POST',
    json: {},
  });
  const got = await apiAs<{ files: { name: string; base64: string }[] }>('officer1', link.url);
  assert.deepEqual(got.files.map((f) => [f.name, sha(Buffer.from(f.base64, 'base64'))]).sort(), [
    ['logins.txt', sha(log)],
    ['mailbox.eml', sha(mail)],
  ]);
  await page.reload();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByText('Disclosure package prepared').waitFor();
  await signIn(page, w.url, w.tokens.reviewer!.token, '/console');
});

test('the secrecy-order screen: orders in force, their ends, what each holds back', async () => {
  const d = await fileDemand(w, {
    caseNumber: 'CR-26-1006',
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-10-28T00:00:00Z',
      expiresAt: '2027-04-28T00:00:00Z',
      individualizedFindings: true,
    },
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrecy orders' }).click();
  await page.getByRole('heading', { level: 1, name: 'Secrecy orders' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: d.reference }) });
  await row.waitFor();
  await row.getByText('18 U.S.C. 2705(b)').waitFor();
  await row.getByText('In force').waitFor();
  await row.getByText('28 Apr 2027', { exact: false }).waitFor();
  const holds = ((await row.getByRole('cell').last().textContent()) ?? '').trim();
  assert.ok(holds.length > 5, `it says what it holds back: "${holds}"`);
  await assertAccessible(page, 'the secrecy orders');
  await screenshot(page, 'console-secrecy-orders');
  await row.getByRole('link', { name: d.reference }).click();
  await page.getByRole('heading', { level: 1, name: d.reference }).waitFor();
});

test("the reports screen: a period's figures, and its CSV downloaded", async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Transparency report' }).waitFor();
  await page.getByLabel('Period', { exact: true }).fill('2026-H2');
  await page.getByRole('button', { name: 'Show the report' }).click();
  await page.getByRole('heading', { name: 'Period 2026-H2' }).waitFor();
  await assertAccessible(page, 'the transparency report');
  await screenshot(page, 'console-reports');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV (Google layout)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'transparency-report-2026-H2.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const expected = await (await fetch(`${w.url}/api/v1/reports?period=2026-H2&format=csv`)).text();
  assert.equal(csv, expected);
});

test('the decision is weighed again when the requester is verified, and on request; each earlier one is kept', async () => {
  const d = await fileDemand(w, {
    ...EMERGENCY,
    channel: 'email',
    caseNumber: 'CR-26-1007',
    requester: { name: 'Sgt. Pat Lee', email: 'pat.lee.springfield@gmail.com' },
  });
  await signIn(page, w.url, w.tokens.reviewer!.token, `/console/demands/${d.reference}`);
  const decision = page.getByRole('region', { name: 'Policy decision' });
  await decision
    .getByText(/Recommendation: Hold and clarify/)
    .first()
    .waitFor();
  // An emergency's clock runs in hours.
  await page.getByRole('region', { name: 'Clocks' }).getByRole('timer').first().waitFor();

  await page.getByRole('button', { name: 'Record call-back' }).click();
  await page.getByLabel('What the agency confirmed').fill('Desk sergeant confirmed on the directory number');
  await page.getByRole('form', { name: 'Record call-back' }).getByRole('button', { name: 'Record call-back' }).click();
  // An emergency's requester is confirmed by a second reviewer: the one who called back is not
  // offered it, and is told why.
  await page.getByText(/Confirm requester: not offered\. An emergency request needs a second reviewer/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Confirm requester' }).count(), 0);
  await signIn(page, w.url, w.tokens.reviewer2!.token, `/console/demands/${d.reference}`);
  await page.getByRole('button', { name: 'Confirm requester' }).click();
  await page.getByLabel('Why you are satisfied').fill('Second review: the call-back matches the directory');
  await page
    .getByRole('form', { name: 'Confirm requester' })
    .getByRole('button', { name: 'Confirm requester' })
    .click();
  const history = page.getByRole('list', { name: 'Decision history' });
  await history.getByText(/The requester was verified/).waitFor();
  await history.getByText('Requester verified by a call-back to the agency directory number').waitFor();
  await history.getByText('On receipt').waitFor();
  assert.equal(await decision.getByText(/^Recommendation: Hold and clarify/).count(), 1, 'only the first, kept');

  await decision.getByRole('button', { name: 'Weigh again now' }).click();
  await page.getByText('Weighed again: the decision below is the current one').waitFor();
  await history.getByText('Weighed again by hand').waitFor();
  const triggers = (
    await w.test.db.selectFrom('decision_history').select('trigger').where('demand_id', '=', d.id).execute()
  ).map((r) => r.trigger);
  for (const t of ['requester_verified', 'manual']) assert.ok(triggers.includes(t), `${t} in ${triggers}`);
  await assertAccessible(page, 'a demand with its decision history');
  await signIn(page, w.url, w.tokens.reviewer!.token, '/console');
});

test('the workload counts lead to the demands behind them', async () => {
  await page.goto(`${w.url}/console/workload`);
  await page.getByRole('heading', { name: 'Deadlines at risk' }).waitFor();
  await page.getByRole('link', { name: /past their deadline/ }).waitFor();
  await page.getByRole('table', { name: 'Open demands by state' }).getByRole('link', { name: 'Legal review' }).click();
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('state'), 'legal_review');
  await page.getByRole('table').waitFor();
  const states = await page.getByRole('cell', { name: 'Legal review', exact: true }).count();
  assert.equal(states, await page.getByRole('rowheader').count(), 'every row is in legal review');
  await assertAccessible(page, 'the workload');
});
