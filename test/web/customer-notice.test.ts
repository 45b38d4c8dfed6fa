/**
 * In a real browser: a customer admin sees a demand about its accounts once the notice has gone
 * out, and not before; a demand under a secrecy order stays out of the portal while the notice is
 * held, and appears once it is released and sent. Another tenant never sees it. Each step's ledger
 * proof (leaf format 2: the fields the customer may see, each opened with its own salt) verifies in
 * the browser against the signed checkpoint; a changed leaf, field, salt or checkpoint does not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Demand } from '../../src/domain/demand.ts';
import { SYSTEM } from '../../src/domain/events.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { releaseHeldNotice } from '../../src/workflow/release-held-notice.ts';
import type { Browser } from '../support/chromium.ts';
import { signIn } from '../support/web-pages.ts';
import { PDF_BYTES } from '../support/factories.ts';
import { accountOf, fileDemand, closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

let w: WebApp;
let b: Browser;
let page: Page;
let told: Demand;
let secret: Demand;
let targetEmail: string;

const REVIEWER = { kind: 'staff', id: 'test-reviewer' } as const;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser());
  targetEmail = await accountOf(w, 'customer1');
  told = await fileDemand(w, {}, [
    { filename: 'warrant-CR-26-0815.pdf', mediaType: 'application/pdf', bytes: PDF_BYTES },
  ]);
  secret = await fileDemand(w, {
    caseNumber: 'CR-26-0816',
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-10-28T00:00:00Z',
      expiresAt: '2027-04-28T00:00:00Z',
      individualizedFindings: true,
    },
  });
  assert.equal(told.noticeState, 'pending', 'the first demand may be told to the customer at once');
  assert.equal(secret.noticeState, 'held', 'the second is held by its secrecy order');
});

after(() => closeWebAppInBrowser(b, w));

/** The references the portal's list shows now (reloaded). */
async function listed(): Promise<string[]> {
  await page.goto(`${w.url}/portal`);
  await page.getByRole('heading', { level: 1, name: 'Demands about your accounts' }).waitFor();
  // The list, or the empty state; not the "Loading…" status shown before either.
  await page
    .locator('.demand-cards')
    .or(page.getByText('No demand about your accounts has been notified to you.'))
    .first()
    .waitFor();
  return page.locator('.demand-cards .card-title a').allTextContents();
}

test('before the notice is sent the customer sees nothing of the demand, not even by its address', async () => {
  await signIn(page, w.url, w.tokens.customer1!.token);
  assert.equal(new URL(page.url()).pathname, '/portal', 'a customer admin lands in the customer portal');
  const refs = await listed();
  assert.ok(!refs.includes(told.reference) && !refs.includes(secret.reference), refs.join(', '));
  await page.goto(`${w.url}/portal/demands/${told.reference}`);
  await page.getByRole('alert').getByText('Not found').waitFor();
});

test('once the notice is sent the demand appears, with what was demanded', async () => {
  await recordNoticeSent(w.ctx, { demand: told.id, actor: SYSTEM, recipients: 2, channels: ['email'] });
  const refs = await listed();
  assert.ok(refs.includes(told.reference), `${told.reference} in ${refs.join(', ')}`);
  assert.ok(!refs.includes(secret.reference), 'the held one is still absent');
  const intro = (await page.locator('main p.muted').first().textContent()) ?? '';
  assert.match(intro, /^For .+ You see each demand/);
  assert.doesNotMatch(intro, /\.\./, 'a name ending in a full stop gets no second one');
  const card = page.locator('.demand-cards li', { hasText: told.reference });
  await card.getByText('Asks for: Content, Subscriber information.').waitFor();
  await card.getByRole('link', { name: told.reference }).click();
  await page.getByRole('heading', { level: 1, name: told.reference }).waitFor();
  const what = page.getByRole('region', { name: 'What was demanded' });
  await what.getByText('Search warrant').waitFor();
  await what.getByText('CR-26-0815').waitFor();
  await what.getByText(targetEmail).waitFor();
  await what.getByText('1 Mar 2026 to 30 Sept 2026').waitFor();
  // The customer holds the warrant as the agency served it.
  const copy = page.getByRole('region', { name: 'Copy of the legal process' });
  const download = page.waitForEvent('download');
  await copy.getByRole('link', { name: 'warrant-CR-26-0815.pdf' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'warrant-CR-26-0815.pdf');
  assert.deepEqual(await readFile((await file.path())!), PDF_BYTES);
});

test('a held notice keeps the demand out of the portal until it is released and sent', async () => {
  await releaseHeldNotice(w.ctx, { demand: secret.id, actor: REVIEWER, reason: 'The court lifted the order' });
  assert.ok(!(await listed()).includes(secret.reference), 'released but not yet delivered: still absent');
  await recordNoticeSent(w.ctx, { demand: secret.id, actor: SYSTEM, recipients: 2, channels: ['email'] });
  assert.ok((await listed()).includes(secret.reference), 'delivered: now shown');
});

test('another tenant never sees these demands', async () => {
  await signIn(page, w.url, w.tokens.customer2!.token);
  const refs = await listed();
  assert.ok(!refs.includes(told.reference) && !refs.includes(secret.reference));
});

test('"how we will respond" shows on a redirected demand exactly when the API offers the answer route', async () => {
  await redirectDemand(w.ctx, { demand: told.id, actor: REVIEWER });
  const spec = (await (await fetch(`${w.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  const offered = Object.entries(spec.paths).some(
    ([p, ops]) =>
      p.startsWith('/api/v1/demands/{ref}/') &&
      JSON.stringify(ops.post?.requestBody ?? {}).includes('will_answer_agency'),
  );
  await signIn(page, w.url, w.tokens.customer1!.token, `/portal/demands/${told.reference}`);
  await page.getByRole('heading', { level: 1, name: told.reference }).waitFor();
  await page.getByRole('region', { name: 'What was demanded' }).getByText('Redirected to customer').waitFor();
  // Give the page time to ask the API what it offers before looking for the control.
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByRole('heading', { name: 'How we will respond' }).count(), offered ? 1 : 0);
  if (!offered) return;
  // Where the route exists, the customer answers through it.
  const form = page.getByRole('region', { name: 'How we will respond' });
  await form.getByRole('button', { name: 'Send our answer' }).click();
  await form.getByText('Choose how you will respond').waitFor();
  await form.getByLabel('We will answer the agency ourselves').check();
  await form.getByLabel("Note to the provider's legal team").fill('Our counsel will contact the agency this week');
  await form.getByRole('button', { name: 'Send our answer' }).click();
  await page.getByText('Thank you: your answer was recorded.').waitFor();
  const answered = await w.test.db
    .selectFrom('events')
    .select('payload')
    .where('demand_id', '=', told.id)
    .where('type', '=', 'redirect.customer_answered')
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    [(answered.payload as { answer: string }).answer, (answered.payload as { note: string }).note],
    ['will_answer_agency', 'Our counsel will contact the agency this week'],
  );
});

test('after a reload the answer given shows, not a blank form; the agency, the timeline and what was disclosed are on the page', async () => {
  await signIn(page, w.url, w.tokens.customer1!.token, `/portal/demands/${told.reference}`);
  await page.getByRole('heading', { level: 1, name: told.reference }).waitFor();
  const respond = page.getByRole('region', { name: 'How we will respond' });
  await respond.getByText('We will answer the agency ourselves').waitFor();
  await respond.getByText('Our counsel will contact the agency this week').waitFor();
  assert.equal(await respond.getByRole('radio').count(), 0, 'the answer given, not a blank form');
  await page.reload();
  await respond.getByText(/You answered on .+: We will answer the agency ourselves/).waitFor();
  await page.getByRole('region', { name: 'Your answers' }).getByText('We will answer the agency ourselves').waitFor();
  const what = page.getByRole('region', { name: 'What was demanded' });
  await what
    .getByText(/Federal Bureau|Police|Department|Agency|Office|Service/)
    .first()
    .waitFor();
  await page.getByRole('region', { name: 'What was disclosed' }).getByText('Nothing has been disclosed.').waitFor();
  const steps = await page.getByRole('region', { name: 'Timeline' }).locator('li').allTextContents();
  assert.ok(
    steps.some((s) => s.includes('We received the demand')),
    steps.join(' | '),
  );
  assert.ok(
    steps.some((s) => s.includes('You answered: you will answer the agency yourselves')),
    steps.join(' | '),
  );
});

test("each step's ledger proof verifies in the browser against the signed checkpoint and the one seen before; a tampered proof, field, checkpoint or key fails", async () => {
  const cut = await fetch(`${w.url}/api/v1/ledger/checkpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.admin!.token}` },
  });
  assert.ok(cut.ok, `checkpoint: ${cut.status}`);
  await page.goto(`${w.url}/portal/demands/${told.reference}`);
  const steps = page.getByRole('region', { name: 'Timeline' }).locator('ol > li');
  await steps.first().waitFor();
  const count = await steps.count();
  assert.ok(count >= 3, `${count} steps`);
  for (let i = 0; i < count; i++) {
    const step = steps.nth(i);
    await step.getByRole('button', { name: 'Verify in the ledger' }).click();
    await step.getByText(/^Verified: included in the signed log of \d+ entries \(key .+\), signed /).waitFor();
    // The fields the proof opens, each checked against the leaf: this demand, the step's type and time.
    const opened = step.getByRole('definition');
    await opened.getByText(told.id, { exact: true }).waitFor();
    const type = await step.locator('dt', { hasText: 'Event' }).locator('xpath=following-sibling::dd[1]').textContent();
    assert.match(type ?? '', /^(demand|notice|redirect|disclosure)\.[a-z_]+$/);
  }

  // This browser now remembers the key and the checkpoint; after a new checkpoint, a check shows the
  // log consistent with the one remembered (a consistency proof verified in the page).
  // (Expressions as strings: they run in the page, whose globals this file's types do not know.)
  const pinned = (await page.evaluate(`JSON.parse(localStorage.getItem('writ.ledgerPin') ?? 'null')`)) as {
    verifierKey: string;
    treeSize: number;
  } | null;
  assert.ok(pinned?.verifierKey && pinned.treeSize > 0, JSON.stringify(pinned));
  const note = await fetch(`${w.url}/api/v1/demands/${told.reference}/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.reviewer!.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'A note, so that the log grows before the next checkpoint.' }),
  });
  assert.equal(note.status, 201, await note.text());
  const grown = await fetch(`${w.url}/api/v1/ledger/checkpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.admin!.token}` },
  });
  assert.ok(grown.ok, `checkpoint: ${grown.status}`);
  await page.reload();
  const again = page.getByRole('region', { name: 'Timeline' }).locator('ol > li').first();
  await again.getByRole('button', { name: 'Verify in the ledger' }).click();
  await again.getByText(/^Verified: included in the signed log/).waitFor();
  await again
    .getByText(new RegExp(`^Consistent with the log of ${pinned.treeSize} entries this browser verified on`))
    .waitFor();
  // A key other than the one remembered (as if another server answered in the provider's place).
  const otherKey = ((k: string) => {
    const parts = k.split('+');
    parts[1] = parts[1] === '00000000' ? '00000001' : '00000000';
    return parts.join('+');
  })(pinned!.verifierKey);
  await page.evaluate(
    `localStorage.setItem('writ.ledgerPin', JSON.stringify({ ...JSON.parse(localStorage.getItem('writ.ledgerPin')), verifierKey: ${JSON.stringify(otherKey)} }))`,
  );
  await page.reload();
  const swapped = page.getByRole('region', { name: 'Timeline' }).locator('ol > li').first();
  await swapped.getByRole('button', { name: 'Verify in the ledger' }).click();
  await swapped.getByText(/^Not verified: the ledger key is not the one this browser has used since/).waitFor();
  assert.equal(await swapped.getByRole('definition').count(), 0, 'no field is shown as opened');
  await page.evaluate(`localStorage.removeItem('writ.ledgerPin')`);

  // The same proof with one byte of the leaf changed, an opened field or its salt changed, then a
  // checkpoint whose signature is not the key's.
  const tamper = async (change: (answer: Record<string, any>) => void, expect: RegExp) => {
    await page.route('**/api/v1/ledger/proof/inclusion**', async (route) => {
      const res = await route.fetch();
      const answer = (await res.json()) as Record<string, any>;
      change(answer);
      await route.fulfill({ response: res, json: answer });
    });
    await page.reload();
    const step = page.getByRole('region', { name: 'Timeline' }).locator('ol > li').first();
    await step.getByRole('button', { name: 'Verify in the ledger' }).click();
    await step.getByText(expect).waitFor();
    assert.equal(await step.getByText(/^Verified/).count(), 0);
    assert.equal(await step.getByRole('definition').count(), 0, 'no field is shown as opened');
    await page.unroute('**/api/v1/ledger/proof/inclusion**');
  };
  const opening = (a: Record<string, any>, name: string) =>
    (a.openings as { name: string; value: unknown; salt: string }[]).find((o) => o.name === name)!;
  const flipLastByte = (b64: string) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    return bytes.toString('base64');
  };
  await tamper((a) => {
    a.leaf = `${a.leaf.slice(0, -2)}X${a.leaf.slice(-1)}`;
  }, /^Not verified: the proof does not lead to the root the signed checkpoint states/);
  await tamper((a) => {
    opening(a, 'demandId').value = secret.id;
  }, /^Not verified: the opened field demandId does not match any of the leaf's commitments/);
  await tamper((a) => {
    const time = opening(a, 'time');
    time.salt = flipLastByte(time.salt);
  }, /^Not verified: the opened field time does not match any of the leaf's commitments/);
  await tamper((a) => {
    a.commitments = (a.commitments as string[]).slice(1);
  }, /^Not verified: the field commitments do not make the leaf's commitment/);
  // The checkpoint's first signature line is the log's note signature; the next, its signed time.
  const changeSignature = (line: number) => (a: Record<string, any>) => {
    const [body, block] = (a.checkpoint as string).split('\n\n');
    const lines = block!.trimEnd().split('\n');
    const at = lines[line]!.lastIndexOf(' ') + 1;
    lines[line] = `${lines[line]!.slice(0, at)}${flipLastByte(lines[line]!.slice(at))}`;
    a.checkpoint = `${body}\n\n${lines.join('\n')}\n`;
  };
  await tamper(changeSignature(0), /^Not verified: the checkpoint's signature does not verify with the ledger key/);
  await tamper(changeSignature(1), /^Not verified: the checkpoint's signed time does not verify with the ledger key/);
});
