/**
 * Single sign-on in a real browser against a real OpenID provider (oidc-provider on a loopback
 * port): "Sign in with single sign-on" on Writ's sign-in page, the provider's login page, and back
 * in the console with the same HttpOnly session cookie and CSRF token as a password sign-in. A
 * refusal brings the sign-in page back saying why. The page passes axe-core with both.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Browser } from '../support/chromium.ts';
import { freePort, startTestProvider, type TestProvider } from '../support/openid-provider.ts';
import { assertAccessible, screenshot } from '../support/web-pages.ts';
import { closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';
import { SSO_REFUSED } from '../../web/src/features/sign-in/sign-in-messages.ts';

let w: WebApp;
let b: Browser;
let page: Page;
let idp: TestProvider;

before(async () => {
  // The provider must know Writ's callback before Writ listens: Writ's port is chosen first.
  const port = await freePort();
  const writ = `http://127.0.0.1:${port}`;
  idp = await startTestProvider(`${writ}/api/v1/session/sso/callback`);
  ({ w, b, page } = await startWebAppInBrowser({ demands: 2, port, sso: idp.ssoConfig(writ) }));
  idp.accounts.set('rita', {
    email: 'rita.reviewer@provider.example',
    emailVerified: true,
    name: 'Rita Reviewer',
    roles: ['writ-reviewers'],
  });
  idp.accounts.set('nora', {
    email: 'nora@provider.example',
    emailVerified: true,
    name: 'Nora Norole',
    roles: ['sales'],
  });
});

after(() => closeWebAppInBrowser(b, w, () => idp?.close() ?? Promise.resolve()));

const sessionCookie = async () => (await b.context.cookies(w.url)).find((c) => c.name === 'writ_session');

/** Click through Writ's sign-in page and the provider's login page as `login`. */
async function signOn(login: string): Promise<void> {
  await page.goto(`${w.url}/`);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
  await page.getByLabel('Username').fill(login);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('the sign-in page offers single sign-on and passes axe-core', async () => {
  await page.goto(`${w.url}/`);
  const link = page.getByRole('link', { name: 'Sign in with single sign-on' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '/api/v1/session/sso');
  await assertAccessible(page, 'sign-in with single sign-on');
  await screenshot(page, 'sign-in-single-sign-on');
});

test('a click on "Sign in with single sign-on" and the provider’s login land in the console, signed in', async () => {
  await signOn('rita');
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  await page.getByRole('banner').getByText('Rita Reviewer').waitFor();
  assert.equal(new URL(page.url()).pathname, '/console');
  assert.equal(new URL(page.url()).hash, '', 'the CSRF token is wiped from the address');

  const cookie = await sessionCookie();
  assert.ok(cookie, 'a session cookie');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  // The session's CSRF token, as any page of this origin with the cookie is told it: held in memory
  // as after a password sign-in, in no storage and no longer in the address.
  const csrf = await page.evaluate<string>("fetch('/api/v1/session').then((r) => r.json()).then((s) => s.csrfToken)");
  assert.ok(csrf, 'the session has a CSRF token');
  assert.ok(!(await page.evaluate<string>('location.href')).includes(csrf));
  assert.ok(
    !(
      await page.evaluate<string>('JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])')
    ).includes(csrf),
  );

  // Signing out is a change made with the cookie: it needs the CSRF token the landing handed over.
  const ended = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith('/api/v1/session'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  const res = await ended;
  assert.equal(res.status(), 204);
  assert.equal((await res.request().allHeaders())['x-csrf-token'], csrf);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).waitFor();
  assert.equal(await sessionCookie(), undefined);
});

test('a person the provider gives no Writ role is brought back to the sign-in page, told why', async () => {
  // Another person at the provider: Rita's session there ends (the provider would sign her in again).
  await b.context.clearCookies();
  await signOn('nora');
  const alert = page.getByRole('alert').filter({ hasText: SSO_REFUSED.sso_no_role! });
  await alert.waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the reason is wiped from the address');
  assert.equal(await sessionCookie(), undefined);
  await assertAccessible(page, 'sign-in after a refused single sign-on');
  await screenshot(page, 'sign-in-single-sign-on-refused');
});
