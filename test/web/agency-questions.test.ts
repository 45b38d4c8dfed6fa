/**
 * In a real browser, the correspondence around a demand: a reviewer asks the agency to clarify it;
 * the officer finds the question in the agency portal, answers it and adds a supplementary
 * document; the reviewer reads both on the demand's timeline.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PDF_BYTES } from '../support/factories.ts';
import type { Browser } from '../support/chromium.ts';
import { assertAccessible, signIn, signOut } from '../support/web-pages.ts';
import { closeWebAppInBrowser, fileDemand, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

let w: WebApp;
let b: Browser;
let page: Page;
let reference: string;
const QUESTION = 'Does the warrant cover the shared mailbox as well as the personal one?';

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser());
  reference = (await fileDemand(w, { caseNumber: 'CR-26-0901' })).reference;
});

after(() => closeWebAppInBrowser(b, w));

test('a reviewer asks the agency a question from the demand page', async () => {
  await signIn(page, w.url, w.tokens.reviewer!.token, `/console/demands/${reference}`);
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  const form = page.getByRole('form', { name: 'Ask the agency' });
  await form.getByRole('button', { name: 'Send the question' }).click();
  await form.getByText('Write the question first').waitFor();
  await form.getByLabel('Question').fill(QUESTION);
  await form.getByRole('button', { name: 'Send the question' }).click();
  await page.getByText('The question was sent to the agency.').waitFor();
  await page.getByText('The agency was asked to clarify the demand').first().waitFor();
  await assertAccessible(page, 'the demand page with the question form');
  const jobs = await w.test.db
    .selectFrom('outbox as o')
    .innerJoin('demands as d', 'd.id', 'o.demand_id')
    .select('o.kind')
    .where('d.reference', '=', reference)
    .where('o.kind', '=', 'agency.clarification')
    .execute();
  assert.equal(jobs.length, 1, 'one e-mail to the requester is queued');
  await signOut(page);
});

test('the officer reads the question, answers it and adds a supplementary document', async () => {
  await signIn(page, w.url, w.tokens.officer1!.token, `/agency/demands/${reference}`);
  const card = page.getByRole('region', { name: 'The legal team asks' });
  await card.getByText(QUESTION).waitFor();
  await assertAccessible(page, 'the agency demand page with an open question');

  await page.getByLabel('Message').fill('Both: the shared mailbox is named in attachment A.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Your message was sent to the legal team.').waitFor();
  await card.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.getByText('Choose the document first').waitFor();
  await page
    .getByLabel('Supplementary document', { exact: true })
    .setInputFiles({ name: 'attachment-a.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
  await page.getByRole('button', { name: 'Add the document' }).click();
  await page.getByText('attachment-a.pdf was added; the legal team is told.').waitFor();
  await page.getByText('A document was added to the demand').waitFor();
  const stored = await w.test.db
    .selectFrom('documents as x')
    .innerJoin('demands as d', 'd.id', 'x.demand_id')
    .select(['x.filename', 'x.size_bytes'])
    .where('d.reference', '=', reference)
    .where('x.filename', '=', 'attachment-a.pdf')
    .executeTakeFirstOrThrow();
  assert.equal(Number(stored.size_bytes), PDF_BYTES.length);
  await signOut(page);
});

test('the reviewer reads the answer and the new document on the demand', async () => {
  await signIn(page, w.url, w.tokens.reviewer!.token, `/console/demands/${reference}`);
  await page.getByText('The agency answered a request for clarification').first().waitFor();
  await page.getByText('Both: the shared mailbox is named in attachment A.').first().waitFor();
  await page.getByRole('region', { name: 'Documents' }).getByText('attachment-a.pdf').first().waitFor();
});
