/**
 * A browser session lives in every tab of the browser that signed in: a second tab, a bookmark and a
 * reload stay signed in (the page asks GET /api/v1/session for the CSRF token), a change made in the
 * second tab carries the token, and signing out in one tab ends the session for all of them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { totpAt } from '../../src/domain/totp.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import type { Browser } from '../support/chromium.ts';
import { submitPasswordSignIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, fileDemand, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

const EMAIL = 'tess.tabs@provider.example';
const PASSWORD = 'correct horse battery staple';
let w: WebApp;
let b: Browser;
let page: Page;
let secret: string;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 6 }));
  const e = await enrollPrincipal(w.ctx, {
    principal: { kind: 'staff', name: 'Tess Tabs', email: EMAIL, roles: ['reviewer'] },
    password: PASSWORD,
  });
  secret = e.totpSecret;
});

after(() => closeWebAppInBrowser(b, w));

test('a second tab, a bookmark and a reload stay signed in; signing out ends every tab', async () => {
  const demand = await fileDemand(w);
  await page.goto(`${w.url}/console`);
  await submitPasswordSignIn(page, { email: EMAIL, password: PASSWORD, code: totpAt(secret, w.ctx.now()) });
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();

  // A bookmark of a demand, opened in a new tab: no sign-in page, the demand at once.
  const tab = await b.context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  try {
    await tab.goto(`${w.url}/console/demands/${demand.reference}`);
    await tab.getByRole('heading', { level: 1, name: demand.reference }).waitFor();
    assert.equal(await tab.getByLabel('E-mail address').count(), 0, 'no sign-in form');
    await tab.getByRole('banner').getByText('Tess Tabs').waitFor();

    // A change from the second tab carries the session's CSRF token, which it was never given at
    // sign-in, and the server accepts it.
    await tab.getByRole('button', { name: 'Redirect to customer' }).click();
    await tab.getByLabel('Note for the record').fill('Asked from a second tab: the customer should answer first');
    const sent = tab.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/redirect'));
    await tab
      .getByRole('form', { name: 'Redirect to customer' })
      .getByRole('button', { name: 'Redirect to customer' })
      .click();
    assert.ok((await (await sent).allHeaders())['x-csrf-token'], 'the change carries the CSRF header');
    await tab.getByText('Redirected: the letter to the requester is queued.').waitFor();
    const row = await w.test.db
      .selectFrom('demands')
      .select('state')
      .where('id', '=', demand.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'redirected');

    // A reload keeps it too; nothing of the session is kept in the tab's storage.
    await tab.reload();
    await tab.getByRole('heading', { level: 1, name: demand.reference }).waitFor();
    const stored = await tab.evaluate<string>(
      'JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])',
    );
    assert.ok(!/csrf/i.test(stored), `no CSRF token in storage: ${stored}`);

    // Signing out in the first tab ends the session: the second lands on sign-in at its next load.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail address').waitFor();
    await tab.reload();
    await tab.getByLabel('E-mail address').waitFor();
    assert.equal(await tab.getByRole('button', { name: 'Sign out' }).count(), 0);
  } finally {
    await tab.close();
  }
  assert.deepEqual(errors, []);
});
