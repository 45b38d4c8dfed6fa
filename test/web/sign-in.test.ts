/**
 * Signing in as a person, in a real browser: e-mail, password and TOTP code open a browser session
 * whose id lives only in an HttpOnly cookie (never readable by scripts nor kept in storage); a change
 * made in the console carries the session's CSRF token; signing out ends the session on the server,
 * so the old cookie is refused; a wrong code is refused without saying which factor was wrong; and
 * a session that ends while in use brings the sign-in page back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { totpAt } from '../../src/domain/totp.ts';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from '../../src/workflow/sign-in.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import * as messages from '../../web/src/features/sign-in/sign-in-messages.ts';
import type { Browser } from '../support/chromium.ts';
import { submitPasswordSignIn } from '../support/web-pages.ts';
import { fileDemand, closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

const EMAIL = 'sam.signin@provider.example';
const PASSWORD = 'correct horse battery staple';
let w: WebApp;
let b: Browser;
let page: Page;
let secret: string;
let principalId: string;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser());
  // Enrolled as `writ user enroll` does it: argon2id password, TOTP secret shown once.
  const e = await enrollPrincipal(w.ctx, {
    principal: { kind: 'staff', name: 'Sam Signin', email: EMAIL, roles: ['reviewer'] },
    password: PASSWORD,
  });
  secret = e.totpSecret;
  principalId = e.principalId;
});

after(() => closeWebAppInBrowser(b, w));

/** The session cookie the browser holds, if any. */
const sessionCookie = async () => (await b.context.cookies(w.url)).find((c) => c.name === 'writ_session');

/** A request to the API from outside the browser, with only the cookie `value` as credential. */
const withCookie = (path: string, value: string, init: RequestInit = {}) =>
  fetch(w.url + path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: `writ_session=${value}` },
  });

/** Six digits that are not the code of the step before, at or after now (the API's window). */
function wrongCode(): string {
  const near = [-30_000, 0, 30_000].map((d) => totpAt(secret, new Date(w.ctx.now().getTime() + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.includes(c)) return c;
  }
}

test('the page states the lock-out the API applies', () => {
  assert.equal(messages.LOCK_MINUTES, LOCK_MINUTES);
  assert.equal(messages.MAX_FAILED_SIGN_INS, MAX_FAILED_SIGN_INS);
});

test('a wrong code, like a wrong password, is refused with one message and signs nobody in', async () => {
  await page.goto(`${w.url}/console`);
  await submitPasswordSignIn(page, { email: EMAIL, password: PASSWORD, code: wrongCode() });
  const refusal = page.getByRole('alert').getByRole('link', { name: messages.REFUSED });
  await refusal.waitFor();
  assert.equal(await page.getByLabel('Code from your authenticator app').inputValue(), '', 'the used code is cleared');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.equal(await sessionCookie(), undefined, 'no session cookie');

  // A wrong password with a right code gets the very same answer: nothing says which factor failed.
  await submitPasswordSignIn(page, {
    email: EMAIL,
    password: 'not the password at all',
    code: totpAt(secret, w.ctx.now()),
  });
  await page.getByRole('alert').getByRole('link', { name: messages.REFUSED }).waitFor();
  assert.equal(await sessionCookie(), undefined);
});

test('too many attempts: the rate-limit answer says to wait', async () => {
  // The API's limiter is tested in test/security/session.test.ts; here only what the page says.
  await page.route('**/api/v1/session', (r) =>
    r.fulfill({
      status: 429,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Too many requests',
        status: 429,
        detail: 'Too many requests; wait before trying again',
      }),
    }),
  );
  try {
    await submitPasswordSignIn(page, { email: EMAIL, password: PASSWORD, code: '123456' });
    await page.getByRole('alert').getByRole('link', { name: messages.RATE_LIMITED }).waitFor();
  } finally {
    await page.unroute('**/api/v1/session');
  }
});

test('password and code open a session: the console works, a change carries the CSRF token, signing out ends it', async () => {
  const demand = await fileDemand(w);
  assert.equal(demand.state, 'legal_review', 'a demand the reviewer may redirect');

  await page.goto(`${w.url}/console`);
  const opened = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/session'));
  await submitPasswordSignIn(page, { email: EMAIL, password: PASSWORD, code: totpAt(secret, w.ctx.now()) });
  const { csrfToken: csrf } = (await (await opened).json()) as { csrfToken: string };
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  await page.getByRole('table').waitFor();
  await page.getByRole('banner').getByText('Sam Signin').waitFor();

  // The session id is an HttpOnly, SameSite=Strict cookie: scripts cannot read it, and the page
  // keeps the CSRF token in memory only (a new tab asks the server for it).
  const cookie = await sessionCookie();
  assert.ok(cookie, 'a session cookie');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.ok(!(await page.evaluate<string>('document.cookie')).includes(cookie.value), 'not visible to scripts');
  const stored = await page.evaluate<string>(
    'JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])',
  );
  assert.ok(!stored.includes(cookie.value), 'the session id is in no storage');
  assert.ok(!stored.includes(csrf), 'nor the CSRF token');
  assert.equal(await page.evaluate<string | null>("sessionStorage.getItem('writ.apiToken')"), null);

  // A change through the console: its request carries the CSRF header and no bearer token.
  await page.goto(`${w.url}/console/demands/${demand.reference}`);
  await page.getByRole('button', { name: 'Redirect to customer' }).click();
  await page
    .getByLabel('Note for the record')
    .fill('Signed in with a password: the agency should ask the customer first');
  const sent = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/demands/${demand.reference}/redirect`),
  );
  await page
    .getByRole('form', { name: 'Redirect to customer' })
    .getByRole('button', { name: 'Redirect to customer' })
    .click();
  const headers = await (await sent).allHeaders();
  assert.equal(headers['x-csrf-token'], csrf);
  assert.equal(headers.authorization, undefined);
  await page.getByText('Redirected: the letter to the requester is queued.').waitFor();
  assert.equal(
    (await w.test.db.selectFrom('demands').select('state').where('id', '=', demand.id).executeTakeFirstOrThrow()).state,
    'redirected',
  );
  // The same cookie without the header is refused: the header is what made the change possible.
  const forged = await withCookie(`/api/v1/demands/${demand.reference}/reopen`, cookie.value, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(forged.status, 403);
  assert.equal((await withCookie('/api/v1/me', cookie.value)).status, 200, 'the cookie authenticates until sign-out');

  // Signing out ends the session on the server: the old cookie is refused from then on.
  const ended = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith('/api/v1/session'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.equal((await ended).status(), 204);
  await page.getByLabel('E-mail address').waitFor();
  assert.equal(await sessionCookie(), undefined, 'the cookie is cleared');
  assert.equal((await withCookie('/api/v1/me', cookie.value)).status, 401, 'the old session is refused');
  const sessions = await w.test.db
    .selectFrom('sessions')
    .select('principal_id')
    .where('principal_id', '=', principalId)
    .execute();
  assert.deepEqual(sessions, [], 'no session left in the database');
  await page.goto(`${w.url}/console`);
  await page.getByLabel('E-mail address').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
});

test('a session that ends while in use brings the sign-in page back', async () => {
  // The code of the next step: the one used above cannot be used again.
  await submitPasswordSignIn(page, {
    email: EMAIL,
    password: PASSWORD,
    code: totpAt(secret, new Date(w.ctx.now().getTime() + 30_000)),
  });
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  // Every request of the queue answered first: the next one, below, is the first to meet a 401.
  await page.waitForLoadState('networkidle');
  // As when the session expires or an administrator ends it.
  await w.test.db.deleteFrom('sessions').where('principal_id', '=', principalId).execute();
  // The next request meets the 401: a click, or the queue's own refresh if it comes first (the
  // page then leaves the console under the click, which is why the click may find nothing to click).
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workload' })
    .click({ timeout: 30_000 })
    .catch(() => undefined);
  await page.getByText('You were signed out').waitFor({ timeout: 30_000 });
  await page.getByLabel('E-mail address').waitFor();
  // A reload does not bring the ended session back.
  await page.reload();
  await page.getByLabel('E-mail address').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
});
