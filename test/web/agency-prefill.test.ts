/**
 * In Chromium: an agency officer attaches a scanned warrant (from the test corpus, read by OCR) to
 * the demand form and has Writ fill the form in from it. Each field read is marked with its page
 * and confidence; the officer corrects one, and the demand filed has the corrected value. Nothing
 * is filed until the officer submits. A document that cannot be read says so and leaves the form
 * as it was, still usable.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Browser } from '../support/chromium.ts';
import { makeCorpus, scanOf, type CorpusDocument } from '../support/legal-corpus.ts';
import {
  accountOf,
  agencyOf,
  closeWebAppInBrowser,
  demandCount,
  startWebAppInBrowser,
  storedDemand,
  type WebApp,
} from '../support/web-app.ts';
import { assertAccessible, signIn } from '../support/web-pages.ts';

let w: WebApp;
let b: Browser;
let page: Page;
let warrant: CorpusDocument;
let scan: Buffer;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 4 }));
  warrant = (await makeCorpus({ seed: 18, perKind: 1 })).find((d) => d.kind === 'search_warrant')!;
  scan = await scanOf(warrant.pdf, 18);
});
after(() => closeWebAppInBrowser(b, w));

/** The mark a pre-filled field carries, read through the hint its control is described by. */
const markOf = async (label: string | RegExp) => {
  const control = page.getByLabel(label, { exact: typeof label === 'string' });
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
};

test('an officer fills the form in from a scanned warrant, corrects a field and files the demand', async () => {
  const key = warrant.key;
  const target = await accountOf(w, 'customer1');
  const agency = await agencyOf(w, 'officer1');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await signIn(page, w.url, w.tokens.officer1!.token, '/agency/new');
  await page.getByRole('heading', { level: 1, name: 'Submit a demand' }).waitFor();
  await page
    .getByLabel('Signed legal document (required)')
    .setInputFiles({ name: 'warrant-scan.pdf', mimeType: 'application/pdf', buffer: scan });
  const before = await demandCount(w);
  await page.getByRole('button', { name: 'Fill in from the document' }).click();
  await page.getByText('The form was filled in from warrant-scan.pdf').waitFor({ timeout: 120_000 });

  // The fields read are filled in and each says where it was read.
  assert.equal(await page.getByLabel('Instrument (required)').inputValue(), 'search_warrant');
  assert.equal(await page.getByLabel('Case number', { exact: true }).inputValue(), key.caseNumber);
  assert.equal(await page.getByLabel('Issued on', { exact: true }).inputValue(), key.issuedAt);
  assert.equal(await page.getByLabel('Issuing court', { exact: true }).inputValue(), key.issuingAuthority);
  assert.equal(await page.getByLabel('Identifier 1', { exact: true }).inputValue(), key.identifiers[0]!.value);
  assert.equal(await page.getByLabel('E-mail (required)').inputValue(), key.requesterEmail);
  assert.equal(await page.getByLabel('A secrecy (non-disclosure) order comes with it').isChecked(), true);
  assert.equal(await page.getByLabel('Legal basis (required)').inputValue(), key.secrecyOrder!.legalBasis);
  assert.match(await markOf('Case number'), /Read from the document \(page 1\), confidence \d+ %; check it/);
  assert.match(await markOf('Instrument (required)'), /Read from the document \(page 1\)/);
  // Where a field was found: choosing it marks its words in the page's text, read by OCR.
  await page.getByText('Where each field was found').click();
  await page.getByRole('button', { name: key.caseNumber, exact: true }).click();
  assert.deepEqual(await page.locator('.page-text mark').allTextContents(), [key.caseNumber]);
  await page.getByText(/read by OCR, confidence \d+ %/).waitFor();
  assert.equal(await demandCount(w), before, 'nothing is filed by reading');
  await assertAccessible(page, 'the demand form filled in from a document');

  // The officer corrects the case number, and names the customer's account instead of the ones read.
  const corrected = `${key.caseNumber}-A`;
  await page.getByLabel('Case number', { exact: true }).fill(corrected);
  assert.match(await markOf('Case number'), /changed by you/);
  await page.getByLabel('Identifier 1', { exact: true }).fill(target);
  for (let n = key.identifiers.length; n > 1; n--)
    await page.getByRole('button', { name: `Remove identifier ${n}` }).click();
  await page.getByLabel('E-mail (required)').fill(`det.okafor@${agency.domain}`);
  await page.getByRole('button', { name: 'Submit the demand' }).click();
  // The scan goes up with the demand and is checked as any upload: on a loaded machine that takes
  // more than the default wait (a wait for the page, not a timing assertion).
  await page.getByText('Demand filed as').waitFor({ timeout: 60_000 });
  const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

  const stored = await storedDemand(w, reference);
  assert.equal(stored.channel, 'agency_portal');
  assert.equal(stored.agency_id, agency.id);
  assert.equal(stored.instrument, 'search_warrant');
  assert.equal(stored.case_number, corrected, 'the corrected value, not the one read');
  assert.equal(stored.issuing_court, key.issuingAuthority);
  assert.deepEqual([...stored.data_categories].sort(), [...key.dataCategories].sort());
  const targets = await w.test.db
    .selectFrom('demand_targets')
    .select(['kind', 'value'])
    .where('demand_id', '=', stored.id)
    .execute();
  assert.deepEqual(targets, [{ kind: 'email', value: target }]);
  // The reading is on the record, as the officer's.
  const officerId = (
    await w.test.db
      .selectFrom('principals')
      .select('id')
      .where('name', '=', w.tokens.officer1!.name)
      .executeTakeFirstOrThrow()
  ).id;
  const reads = await w.test.db
    .selectFrom('events')
    .select('payload')
    .where('type', '=', 'document.read')
    .where('actor', '=', `agency:${officerId}`)
    .execute();
  assert.equal(reads.length, 1);
  assert.equal((reads[0]!.payload as { accountsLookedUp: boolean }).accountsLookedUp, false);
  assert.deepEqual(errors, []);
});

test('a document that cannot be read says so, and the form stays as it was and usable', async () => {
  await page.goto(`${w.url}/agency/new`);
  await page.getByRole('heading', { level: 1, name: 'Submit a demand' }).waitFor();
  await page.getByLabel('Case number', { exact: true }).fill('26-SW-1');
  await page
    .getByLabel('Signed legal document (required)')
    .setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 broken') });
  await page.getByRole('button', { name: 'Fill in from the document' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'broken.pdf could not be read' });
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /Fill in the form yourself/);
  assert.equal(await page.getByLabel('Case number', { exact: true }).inputValue(), '26-SW-1');
  assert.equal(await page.getByLabel('Instrument (required)').inputValue(), '');
  await page.getByLabel('Instrument (required)').selectOption('subpoena');
  assert.equal(await page.getByLabel('Instrument (required)').inputValue(), 'subpoena');
  await assertAccessible(page, 'the demand form after an unreadable document');
});
