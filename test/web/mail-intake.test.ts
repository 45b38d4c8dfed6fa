/**
 * The mail-intake screens in Chromium: the list of drafts and one draft with its sender's checks,
 * the fields read, and the page text in which choosing a field marks where it was found. No
 * serious or critical accessibility violation on either page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPdf, pdfBytes } from '../../src/documents/pdf.ts';
import { DocumentReader } from '../../src/documents/read-document.ts';
import { readDemandDraft } from '../../src/workflow/read-demand-draft.ts';
import { receiveMailMessage } from '../../src/workflow/receive-mail-message.ts';
import type { Browser } from '../support/chromium.ts';
import { compose } from '../support/mail-kit.ts';
import { closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';
import { assertAccessible, signIn } from '../support/web-pages.ts';

let w: WebApp;
let b: Browser;
let page: Page;
const reader = new DocumentReader({ ocr: false });

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 4 }));
});
after(() => closeWebAppInBrowser(b, w, () => reader.close()));

test('a reviewer reads a draft beside its document and sees where each field was found', async () => {
  const doc = newPdf({ title: 'warrant' });
  doc.fontSize(13).text('SEARCH AND SEIZURE WARRANT', { align: 'center' });
  doc.fontSize(10).text('Case No.: 2026-CR-7310');
  doc.text('Date and time issued: November 1, 2026 at 10:00');
  doc.text('The provider shall disclose subscriber information for the account someone@nowhere.example.');
  doc.text('Signature: /s/ Hon. Ada Byrne');
  const raw = await compose({
    from: 'officer@spoofed.example',
    subject: 'Warrant 2026-CR-7310',
    text: 'Attached.',
    attachments: [{ filename: 'warrant.pdf', content: await pdfBytes(doc), contentType: 'application/pdf' }],
  });
  const auth = {
    dkim: [],
    spf: { result: 'fail', domain: 'spoofed.example' },
    dmarc: { result: 'fail', policy: 'reject', domain: 'spoofed.example' },
    arc: { result: 'none' },
    fromDomain: 'spoofed.example',
  };
  const r = await receiveMailMessage(w.ctx, {
    raw,
    via: 'smtp',
    envelope: { remoteAddress: '127.0.0.1', helo: 'x', mailFrom: 'officer@spoofed.example', rcptTo: [] },
    authentication: auth,
  });
  await readDemandDraft(w.ctx, { draftId: r.draftId, reader });

  await signIn(page, w.url, w.tokens.reviewer!.token, '/console/mail');
  await page.getByRole('heading', { level: 1, name: 'Mail intake' }).waitFor();
  await page.getByRole('link', { name: 'Warrant 2026-CR-7310' }).waitFor();
  await assertAccessible(page, 'the mail-intake list');

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByRole('link', { name: 'Warrant 2026-CR-7310' }).click();
  await page.getByRole('heading', { level: 1, name: 'Warrant 2026-CR-7310' }).waitFor();
  await page.getByRole('heading', { name: /could not be authenticated/ }).waitFor();
  await page.getByRole('button', { name: '2026-CR-7310' }).click();
  const marked = await page.locator('.page-text mark').allTextContents();
  assert.deepEqual(marked, ['2026-CR-7310']);
  assert.ok(await page.getByText('not a customer account', { exact: true }).isVisible());
  await assertAccessible(page, 'a draft');
  assert.deepEqual(errors, []);
});
