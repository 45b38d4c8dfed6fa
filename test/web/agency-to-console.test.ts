/**
 * In a real browser: an agency officer files a demand through the portal's form (with the signed
 * document), then a reviewer of the legal team finds it in the queue, opens it and redirects the
 * agency to the customer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PDF_BYTES } from '../support/factories.ts';
import type { Browser } from '../support/chromium.ts';
import { focusedIdSettled, signIn, signOut } from '../support/web-pages.ts';
import {
  accountOf,
  agencyOf,
  closeWebAppInBrowser,
  demandCount,
  startWebAppInBrowser,
  storedDemand,
  type WebApp,
} from '../support/web-app.ts';

let w: WebApp;
let b: Browser;
let page: Page;
/** An account of the first demo enterprise: the customer the redirect is about. */
let targetEmail: string;
let reference: string;
/** The officer's agency's verified e-mail domain: a requester there needs no call-back. */
let verifiedDomain: string;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser());
  verifiedDomain = (await agencyOf(w, 'officer1')).domain;
  targetEmail = await accountOf(w, 'customer1');
});

after(() => closeWebAppInBrowser(b, w));

test('an officer files a demand through the form: checked first, then stored with its document', async () => {
  await signIn(page, w.url, w.tokens.officer1!.token);
  assert.equal(new URL(page.url()).pathname, '/agency', 'an officer lands in the agency portal');
  await page.getByRole('link', { name: 'Submit a demand' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Submit a demand' }).waitFor();

  // Sent empty: every missing field is listed, the list takes the focus, and nothing is stored.
  const before = await demandCount(w);
  await page.getByRole('button', { name: 'Submit the demand' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  for (const message of [
    'Choose the instrument',
    'Attach the signed legal document',
    'Enter the identifier, or remove this row',
    'Choose at least one category of data',
    'Enter the requester’s e-mail address',
  ]) {
    await summary.getByRole('link', { name: message }).waitFor();
  }
  assert.equal(
    await page.evaluate<boolean>("document.activeElement.classList.contains('error-summary')"),
    true,
    'focus moves to the list of problems',
  );
  // A link in the list takes the keyboard to its field.
  await summary.getByRole('link', { name: 'Choose the instrument' }).click();
  assert.equal(await focusedIdSettled(page, 'f-instrument'), 'f-instrument');
  assert.equal(await page.getByLabel('Instrument (required)').getAttribute('aria-invalid'), 'true');

  // The country comes from the officer's agency.
  assert.equal(await page.getByLabel('Country whose law it is made under (required)').inputValue(), 'US');
  await page.getByLabel('Instrument (required)').selectOption('search_warrant');
  await page.getByLabel('Issued on').fill('2026-10-30');
  await page.getByLabel('Issuing court').fill('United States District Court for the District of Columbia');
  await page.getByLabel('Case number').fill('26-SW-4711');
  await page
    .getByLabel('Signed legal document (required)')
    .setInputFiles({ name: 'warrant-26-SW-4711.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
  await page.getByLabel('E-mail (required)').fill(`det.jones@${verifiedDomain}`);
  await page.getByLabel('Identifier 1', { exact: true }).fill('not an address');
  await page.getByLabel('Content', { exact: true }).check();
  await page.getByLabel('Subscriber information').check();
  await page.getByLabel('Period from').fill('2026-01-01');
  await page.getByLabel('Period to').fill('2025-12-01');
  await page.getByRole('button', { name: 'Submit the demand' }).click();
  await summary.getByRole('link', { name: 'This is not an e-mail address' }).waitFor();
  await summary.getByRole('link', { name: 'The period ends before it starts' }).waitFor();
  assert.equal(await summary.getByRole('link').count(), 2, 'only what is still wrong is listed');

  await page.getByLabel('Identifier 1', { exact: true }).fill(targetEmail);
  await page.getByLabel('Period to').fill('2026-10-01');
  // A second identifier, added and removed again with the keyboard-reachable buttons.
  await page.getByRole('button', { name: 'Add another identifier' }).click();
  assert.equal(await focusedIdSettled(page, 'f-targets-1-value'), 'f-targets-1-value', 'the new row takes the focus');
  await page.getByRole('button', { name: 'Remove identifier 2' }).click();
  assert.equal(await demandCount(w), before, 'refused forms stored nothing');

  await page.getByRole('button', { name: 'Submit the demand' }).click();
  await page.getByText('Demand filed as').waitFor();
  reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  assert.match(reference, /^WR-\d{4}-\d{6}$/);
  assert.equal(new URL(page.url()).pathname, `/agency/demands/${reference}`);
  await page.getByRole('link', { name: 'warrant-26-SW-4711.pdf' }).waitFor();

  const stored = await storedDemand(w, reference);
  assert.equal(stored.channel, 'agency_portal');
  assert.equal(stored.instrument, 'search_warrant');
  assert.equal(stored.case_number, '26-SW-4711');
  assert.deepEqual([...stored.data_categories].sort(), ['content', 'subscriber']);
  const docs = await w.test.db
    .selectFrom('documents')
    .select(['filename', 'media_type', 'size_bytes'])
    .where('demand_id', '=', stored.id)
    .execute();
  assert.deepEqual(
    docs.map((d) => [d.filename, d.media_type, Number(d.size_bytes)]),
    [['warrant-26-SW-4711.pdf', 'application/pdf', PDF_BYTES.length]],
  );
  const targets = await w.test.db
    .selectFrom('demand_targets')
    .select(['kind', 'value'])
    .where('demand_id', '=', stored.id)
    .execute();
  assert.deepEqual(targets, [{ kind: 'email', value: targetEmail }]);

  // The officer downloads the document it filed.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'warrant-26-SW-4711.pdf' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'warrant-26-SW-4711.pdf');

  // And finds it in its list.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your demands' }).click();
  await page.getByRole('link', { name: reference }).waitFor();
  await signOut(page);
});

test('a reviewer finds it in the queue by reference, opens it and redirects it', async () => {
  assert.ok(reference, 'the officer filed a demand');
  await signIn(page, w.url, w.tokens.reviewer!.token);
  assert.equal(new URL(page.url()).pathname, '/console');
  await page.getByLabel('Reference').fill(reference.slice(-6));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/reference=/);
  const rows = page.getByRole('table').getByRole('row');
  await page.getByRole('link', { name: reference }).waitFor();
  // The filtered page replaces the unfiltered one: wait for the rows to settle before counting
  // (polled from here: a predicate evaluated in the page would need 'unsafe-eval', which the CSP refuses).
  for (let i = 0; i < 50 && (await rows.count()) !== 2; i++) await page.waitForTimeout(100);
  assert.equal(
    await rows.count(),
    2,
    `the header and the one demand found: ${(await rows.allInnerTexts()).join(' | ')}`,
  );
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await page.getByRole('heading', { name: 'Policy decision' }).waitFor();
  await page.getByText(/^Recommendation: /).waitFor();

  // An officer of the agency, writing from its verified domain through the portal, needs no call-back.
  await page.locator('.state-pill', { hasText: 'Legal review' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Record call-back' }).count(), 0);
  // The action forms check before sending: a rejection needs its reason.
  await page.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('form', { name: 'Reject' }).getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('link', { name: 'Enter the reason' }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(
    (await w.test.db.selectFrom('demands').select('state').where('reference', '=', reference).executeTakeFirstOrThrow())
      .state,
    'legal_review',
  );

  await page.getByRole('button', { name: 'Redirect to customer' }).click();
  await page.getByLabel('Note for the record').fill('Enterprise customer: the agency should ask it first');
  await page
    .getByRole('form', { name: 'Redirect to customer' })
    .getByRole('button', { name: 'Redirect to customer' })
    .click();
  await page.getByText('Redirected: the letter to the requester is queued.').waitFor();
  await page.locator('.state-pill', { hasText: 'Redirected to customer' }).waitFor();
  await page
    .getByRole('list')
    .filter({ hasText: 'Redirected to the customer' })
    .getByText('Enterprise customer: the agency should ask it first')
    .waitFor();
  // Only what the new state allows is offered now.
  await page.getByRole('button', { name: 'Reopen for review' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Redirect to customer' }).count(), 0);

  const stored = await w.test.db
    .selectFrom('demands')
    .select(['id', 'state'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  assert.equal(stored.state, 'redirected');
  const event = await w.test.db
    .selectFrom('events')
    .select(['payload'])
    .where('demand_id', '=', stored.id)
    .where('type', '=', 'demand.redirected')
    .executeTakeFirstOrThrow();
  assert.equal((event.payload as { note: string }).note, 'Enterprise customer: the agency should ask it first');
});

test("the reviewer's link survives a reload, and an officer cannot open the console", async () => {
  await page.reload();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await signOut(page);
  await signIn(page, w.url, w.tokens.officer1!.token, '/console');
  await page.waitForURL((u) => u.pathname === '/agency');
});
