/**
 * Passkeys as a second factor, in Chromium with a virtual authenticator (the DevTools protocol's
 * WebAuthn domain): a person signed in with password and code registers a passkey on the Passkeys
 * page; then signs in with password and passkey instead of the code. The challenge works once, a
 * counter that went backwards (a cloned authenticator) is refused, and so is an assertion made
 * with someone else's passkey. Every registration and use is an event. The pages pass axe-core.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { totpAt } from '../../src/domain/totp.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import { PASSKEY_REFUSED } from '../../web/src/features/sign-in/sign-in-messages.ts';
import type { Browser } from '../support/chromium.ts';
import { assertAccessible, screenshot, submitPasswordSignIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

const PASSWORD = 'correct horse battery staple';
const PAT = 'pat.passkey@provider.example';
const QUINN = 'quinn.other@provider.example';
let w: WebApp;
let b: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let pat: { principalId: string; totpSecret: string };
let quinn: { principalId: string };
/** Passkeys are bound to a host name, never an IP address: the browser opens Writ as localhost. */
let base: string;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 2 }));
  base = w.url.replace('127.0.0.1', 'localhost');
  pat = await enrollPrincipal(w.ctx, {
    principal: { kind: 'staff', name: 'Pat Passkey', email: PAT, roles: ['reviewer'] },
    password: PASSWORD,
  });
  quinn = await enrollPrincipal(w.ctx, {
    principal: { kind: 'staff', name: 'Quinn Other', email: QUINN, roles: ['reviewer'] },
    password: PASSWORD,
  });
  cdp = await b.context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
});

after(() => closeWebAppInBrowser(b, w));

const sessionCookie = async () => (await b.context.cookies(base)).find((c) => c.name === 'writ_session');
const eventsOf = async (type: string) =>
  (await w.test.db.selectFrom('events').select('payload').where('type', '=', type).orderBy('id').execute()).map(
    (e) => e.payload as Record<string, unknown>,
  );
const storedPasskeys = (principalId: string) =>
  w.test.db.selectFrom('passkeys').selectAll().where('principal_id', '=', principalId).execute();

/** Fill e-mail and password, and choose the passkey instead of the code. */
async function signInWithPasskey(email: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Use a passkey instead of the code' }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('E-mail address').waitFor();
}

test('signed in with password and code, a person registers a passkey on the Passkeys page', async () => {
  await page.goto(`${base}/console`);
  await assertAccessible(page, 'sign-in with the passkey button');
  await submitPasswordSignIn(page, { email: PAT, password: PASSWORD, code: totpAt(pat.totpSecret, w.ctx.now()) });
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Passkeys' }).click();
  await page.getByRole('heading', { level: 1, name: 'Passkeys' }).waitFor();
  await page.getByText('You have no passkey yet.').waitFor();
  await assertAccessible(page, 'the Passkeys page');

  await page.getByLabel('Name of the passkey').fill('Work laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Passkey “Work laptop” added.').waitFor();
  await page.getByRole('button', { name: 'Remove passkey Work laptop' }).waitFor();
  await screenshot(page, 'passkeys');

  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0]!.isResidentCredential, true, 'a discoverable credential');
  assert.equal(credentials[0]!.rpId, 'localhost');
  const stored = await storedPasskeys(pat.principalId);
  assert.equal(stored.length, 1);
  assert.equal(stored[0]!.id, Buffer.from(credentials[0]!.credentialId, 'base64').toString('base64url'));
  assert.equal(stored[0]!.name, 'Work laptop');
  assert.deepEqual(await eventsOf('passkey.registered'), [{ principalId: pat.principalId, passkeyId: stored[0]!.id }]);
  assert.equal(
    await w.test.db.selectFrom('webauthn_challenges').select('key_hash').executeTakeFirst(),
    undefined,
    'the registration challenge is used up',
  );
});

test('password and passkey sign in instead of the code; the challenge works once', async () => {
  await signOut();
  await page.goto(`${base}/console`);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/session/passkey'));
  await signInWithPasskey(PAT);
  const body = (await sent).postData()!;
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  await page.getByRole('banner').getByText('Pat Passkey').waitFor();
  const cookie = await sessionCookie();
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  // The session is the one a password sign-in opens: its CSRF token is the one the API tells the page.
  const answered = (await (await (await sent).response())!.json()) as { csrfToken: string };
  const told = await page.evaluate<string>("fetch('/api/v1/session').then((r) => r.json()).then((s) => s.csrfToken)");
  assert.equal(told, answered.csrfToken);

  const [stored] = await storedPasskeys(pat.principalId);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(Number(stored!.counter), credentials[0]!.signCount, 'the counter the authenticator reported is kept');
  assert.ok(Number(stored!.counter) > 0);
  assert.deepEqual(await eventsOf('passkey.used'), [{ principalId: pat.principalId, passkeyId: stored!.id }]);
  assert.ok(
    (await eventsOf('session.started')).some((e) => e.principalId === pat.principalId && e.method === 'passkey'),
  );

  // The same answer sent again: the challenge was used up with the first.
  const replay = await fetch(`${base}/api/v1/session/passkey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  assert.equal(replay.status, 401);
  assert.equal((await replay.headers.getSetCookie()).length, 0);
});

test('a passkey whose counter went backwards (a cloned authenticator) is refused', async () => {
  await signOut();
  await w.test.db
    .updateTable('passkeys')
    .set({ counter: 1_000_000 })
    .where('principal_id', '=', pat.principalId)
    .execute();
  try {
    await signInWithPasskey(PAT);
    await page.getByRole('alert').getByRole('link', { name: PASSKEY_REFUSED }).waitFor();
    assert.equal(await sessionCookie(), undefined);
  } finally {
    await w.test.db.updateTable('passkeys').set({ counter: 0 }).where('principal_id', '=', pat.principalId).execute();
  }
});

test('an assertion made with someone else’s passkey is refused, without saying which factor failed', async () => {
  await page.goto(`${base}/`);
  // Quinn's password is right, but the only passkey on this device is Pat's.
  await signInWithPasskey(QUINN);
  await page.getByRole('alert').getByRole('link', { name: PASSKEY_REFUSED }).waitFor();
  assert.equal(await sessionCookie(), undefined);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  const refusals = (await eventsOf('session.refused')).filter((e) => e.principalId === quinn.principalId);
  assert.deepEqual(refusals, [{ principalId: quinn.principalId, reason: 'passkey' }]);
  await assertAccessible(page, 'sign-in after a refused passkey');

  // A wrong password with Pat's own passkey gets the very same answer.
  await page.getByLabel('E-mail address').fill(PAT);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Use a passkey instead of the code' }).click();
  await page.getByRole('alert').getByRole('link', { name: PASSKEY_REFUSED }).waitFor();
  assert.equal(await sessionCookie(), undefined);
});

test('a removed passkey no longer signs in; the removal is an event', async () => {
  await page.goto(`${base}/`);
  await signInWithPasskey(PAT);
  await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
  await page.goto(`${base}/console/passkeys`);
  await page.getByRole('button', { name: 'Remove passkey Work laptop' }).click();
  await page.getByText('Passkey “Work laptop” removed.').waitFor();
  assert.deepEqual(await storedPasskeys(pat.principalId), []);
  assert.equal((await eventsOf('passkey.removed')).length, 1);
  await signOut();
  await signInWithPasskey(PAT);
  await page.getByRole('alert').getByRole('link', { name: PASSKEY_REFUSED }).waitFor();
});
