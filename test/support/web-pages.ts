/** What a person does on Writ's pages, as steps the web tests share. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './cli-run.ts';

/** Open `path_` fresh: whoever was signed in before is forgotten by this browser. */
async function openSignedOut(page: Page, base: string, path_: string): Promise<void> {
  // Signed in, they would be sent away from another portal's page.
  await page.context().clearCookies();
  await page.goto(`${base}/sign-in`);
  // The page's own requests answered first: none of them writes to the storage after it is cleared.
  await page.waitForLoadState('networkidle');
  await page.evaluate('sessionStorage.clear()');
  await page.goto(base + path_);
}

/** Open `path_` and sign in there with an API token (the secondary way in, behind a disclosure). */
export async function signIn(page: Page, base: string, token: string, path_ = '/'): Promise<void> {
  await openSignedOut(page, base, path_);
  await page.getByText('Sign in with an API token', { exact: true }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in with this token', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Fill in the password form and send it (the caller waits for what should follow). */
export async function submitPasswordSignIn(
  page: Page,
  o: { email: string; password: string; code: string },
): Promise<void> {
  await page.getByLabel('E-mail address').fill(o.email);
  await page.getByLabel('Password').fill(o.password);
  await page.getByLabel('Code from your authenticator app').fill(o.code);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('E-mail address').waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core in the page (WCAG 2.1 A and AA rules and best practices); the violations it finds. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // Evaluated as source text: this file is typed for Node, the expression runs in the page.
  return page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const bad = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${what}`,
  );
}

/** The id of the element that has the keyboard focus ('' for none). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}

/**
 * The id of the focused element once a focus the page moves after a render has had time to land
 * (up to 5 s; polled here, since a predicate run in the page needs 'unsafe-eval', which the CSP
 * refuses): the id when it is `expected`, else the last one seen.
 */
export async function focusedIdSettled(page: Page, expected: string): Promise<string> {
  let id = await focusedId(page);
  for (let i = 0; i < 50 && id !== expected; i++) {
    await page.waitForTimeout(100);
    id = await focusedId(page);
  }
  return id;
}

/** "TAG text" of the element that has the keyboard focus. */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    'document.activeElement ? document.activeElement.tagName + " " + document.activeElement.textContent : ""',
  );
}

export const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/**
 * Save what the viewport shows as docs/screenshots/NAME.png, when WRIT_SCREENSHOTS=1: a test run
 * leaves the checkout as it found it unless the pictures are asked for.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.WRIT_SCREENSHOTS !== '1') return;
  // From the top of the page, once fonts are in, so the picture does not depend on timing.
  await page.evaluate('document.fonts.ready.then(() => window.scrollTo(0, 0))');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
