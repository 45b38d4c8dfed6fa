/**
 * In a real browser: a customer admin registers a webhook endpoint on the Webhooks page, keeps the
 * secret shown once, sends a test that a real receiver on loopback verifies with that secret
 * (Standard Webhooks), and finds it in the endpoint's delivery log; then switches it off and on,
 * rotates its secret and removes it. Each state is checked for accessibility.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Browser } from '../support/chromium.ts';
import { assertAccessible, signIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';
import { WebhookReceiver } from '../notify/support/webhook-receiver.ts';

let w: WebApp;
let b: Browser;
let page: Page;
let secret: string;
const hooks = new WebhookReceiver();
const PATH = '/portal-hook';

before(async () => {
  // The receiver is on loopback, which only an operator's setting allows (as in local set-ups).
  ({ w, b, page } = await startWebAppInBrowser({ webhooks: { allowPrivate: true, timeoutMs: 3000 } }));
  await hooks.start();
});

after(() => closeWebAppInBrowser(b, w, () => hooks.stop()));

const card = () => page.getByRole('region', { name: /Legal team’s SIEM/ });

test('the Webhooks page, reached from the navigation, starts empty', async () => {
  await signIn(page, w.url, w.tokens.customer1!.token);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
  await page.getByText('You have no webhook endpoint yet.').waitFor();
  await assertAccessible(page, 'the empty Webhooks page');
});

test('a URL the server refuses is reported on its field', async () => {
  await page.getByRole('button', { name: 'Add the endpoint' }).click();
  await page.getByText('Enter the address of your receiver').waitFor();
  await page.getByLabel('Endpoint URL').fill('http://hooks.example.com/writ');
  await page.getByRole('button', { name: 'Add the endpoint' }).click();
  await page.getByText('The URL must start with https://').waitFor();
  assert.equal(await page.getByLabel('Endpoint URL').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'the endpoint form with an error');
});

test('registering shows the secret once; hidden, it is nowhere on the page', async () => {
  await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${hooks.port}${PATH}`);
  await page.getByLabel('Label').fill('Legal team’s SIEM');
  await page.getByRole('button', { name: 'Add the endpoint' }).click();
  await page.getByRole('heading', { name: 'Your endpoint is registered' }).waitFor();
  secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  hooks.endpoint(PATH, secret);
  await page.getByText('Copy it now: it will not be shown again.').waitFor();
  await assertAccessible(page, 'the Webhooks page with a new secret');
  await page.getByRole('button', { name: 'I have kept it' }).click();
  await card().waitFor();
  assert.ok(!(await page.content()).includes(secret), 'the secret is gone from the page');
  await card()
    .getByText(`whsec_…${secret.slice(-4)}`)
    .waitFor();
  await card().getByText('Active').waitFor();
});

test('a test reaches the receiver, signed with that secret, and is in the delivery log', async () => {
  await card().getByRole('button', { name: 'Send a test' }).click();
  await card().getByText('Test delivered: your receiver answered HTTP 204.').waitFor();
  const got = hooks.at(PATH);
  assert.equal(got.length, 1);
  assert.equal(got[0]!.verified, true, 'the receiver verified the signature with the secret the page showed');
  await card().getByRole('link', { name: 'Delivery log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Delivery log' }).waitFor();
  const rows = page.getByRole('table').getByRole('row');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2, 'a header and one delivery');
  const row = rows.nth(1);
  await row.getByText('Test (ping)').waitFor();
  await row.getByText('Delivered').waitFor();
  await row.getByText('204').waitFor();
  await row.getByText(got[0]!.id).waitFor();
  await assertAccessible(page, 'the delivery log');
  // A test from the log page shows at the top of the log.
  await page.getByRole('button', { name: 'Send a test' }).click();
  await page.getByText('Test delivered').waitFor();
  await page.getByRole('table').getByRole('row').nth(2).waitFor();
  assert.equal(await page.getByRole('table').getByRole('row').count(), 3);
  assert.equal(hooks.at(PATH).length, 2);
  await page.getByRole('link', { name: 'Webhooks' }).first().click();
  await card().waitFor();
});

test('switched off and on again, with the keyboard', async () => {
  await card().getByRole('button', { name: 'Disable' }).focus();
  await page.keyboard.press('Enter');
  await card().getByText('Disabled', { exact: true }).waitFor();
  await card().getByRole('button', { name: 'Enable' }).focus();
  await page.keyboard.press('Enter');
  await card().getByText('Active').waitFor();
});

test('rotating asks first, then shows the new secret once; the next test verifies with it', async () => {
  await card().getByRole('button', { name: 'Rotate the secret' }).click();
  await card().getByRole('group', { name: 'Confirm rotating the secret' }).waitFor();
  await assertAccessible(page, 'confirming a rotation');
  await card().getByRole('button', { name: 'Rotate now' }).click();
  await page.getByRole('heading', { name: 'The new signing secret' }).waitFor();
  const rotated = await page.getByLabel('Signing secret', { exact: true }).inputValue();
  assert.notEqual(rotated, secret);
  hooks.endpoint(PATH, rotated);
  await page.getByRole('button', { name: 'I have kept it' }).click();
  await card().getByRole('button', { name: 'Send a test' }).click();
  await card().getByText('Test delivered').waitFor();
  assert.equal(hooks.at(PATH).at(-1)!.verified, true);
});

test('removing asks first; the endpoint leaves the page', async () => {
  await card().getByRole('button', { name: 'Remove' }).click();
  await card().getByRole('button', { name: 'Remove for good' }).click();
  await page.getByText('You have no webhook endpoint yet.').waitFor();
});
