/**
 * The next-step card on a demand's page: on demands of the demo's working day in three states it
 * names what the demand waits for and offers the action that moves it on; taking that action from
 * the card moves the demand, and the card, on to the following step.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import type { Browser } from '../support/chromium.ts';
import { tokenFor } from '../support/http-kit.ts';
import { assertAccessible, signIn } from '../support/web-pages.ts';
import { closeWebAppInBrowser, startWebAppInBrowser, type WebApp } from '../support/web-app.ts';

let w: WebApp;
let b: Browser;
let page: Page;

before(async () => {
  ({ w, b, page } = await startWebAppInBrowser({ demands: 6, workday: true }));
  // Counsel who also approves: every step below is theirs to take.
  const { token } = await tokenFor(w.test.db, { roles: ['reviewer', 'approver'] }, 'Nell Nextstep');
  await signIn(page, w.url, token, '/console');
});

after(() => closeWebAppInBrowser(b, w));

/** The first open demand of the demo (by reference) that the condition picks. */
async function demandWhere(condition: string): Promise<string> {
  const r = await sql<{ reference: string }>`
    select reference from demands d where d.state <> 'closed' and ${sql.raw(condition)}
    order by reference limit 1`.execute(w.test.db);
  assert.ok(r.rows[0], `a demo demand where ${condition}`);
  return r.rows[0].reference;
}

const card = () => page.getByRole('region', { name: 'Next step' });

async function open(reference: string, expected: string): Promise<void> {
  await page.goto(`${w.url}/console/demands/${reference}`);
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await card().getByText(expected).waitFor();
}

/** Take the card's action: its button opens the action's form, which is filled and sent. */
async function take(action: string, fill?: [string, string]): Promise<void> {
  await card().getByRole('button', { name: 'Take this step' }).click();
  const form = page.getByRole('form', { name: action });
  await form.waitFor();
  if (fill) await form.getByLabel(fill[0]).fill(fill[1]);
  await form.getByRole('button', { name: action }).click();
}

test('a requester to call back: the card offers the call-back, then moves on to confirming', async () => {
  const ref = await demandWhere(
    `d.state = 'verifying_requester' and d.emergency is null and not exists
       (select 1 from requester_checks c where c.demand_id = d.id and c.kind = 'callback')`,
  );
  await open(ref, "Call the agency back on the directory's number");
  await assertAccessible(page, 'a demand with its next step');
  await take('Record call-back', ['What the agency confirmed', 'The duty officer confirmed the request']);
  await card().getByText('Confirm the requester').waitFor();
  // The step it now offers is confirming the requester.
  await card().getByRole('button', { name: 'Take this step' }).click();
  await page.getByRole('form', { name: 'Confirm requester' }).waitFor();
  const row = await w.test.db.selectFrom('requester_checks').select('kind').where('kind', '=', 'callback').execute();
  assert.ok(row.length > 0, 'the call-back is recorded');
});

test('a demand in legal review the engine says to comply with: the card offers accepting it', async () => {
  const ref = await demandWhere(
    `d.state = 'legal_review' and d.emergency is null and d.decision->'route'->>'route' = 'comply'
       and d.instrument = 'search_warrant'`,
  );
  await open(ref, 'Accept as compelled and gather the data');
  await take('Accept as compelled');
  await card().getByText('Prepare the disclosure package').waitFor();
  await card().getByRole('link', { name: 'Prepare the package below' }).waitFor();
  const d = await w.test.db
    .selectFrom('demands')
    .select('state')
    .where('reference', '=', ref)
    .executeTakeFirstOrThrow();
  assert.equal(d.state, 'awaiting_disclosure');
});

test('a package awaiting its approvals: the card offers approving, then asks for a second, different approver', async () => {
  const ref = await demandWhere(
    `d.state = 'awaiting_disclosure'
       and exists (select 1 from disclosure_packages p where p.demand_id = d.id)
       and not exists (select 1 from approvals a where a.demand_id = d.id)`,
  );
  await open(ref, 'Two approvals needed');
  await take('Approve disclosure');
  await card().getByText('A second, different approver is needed').waitFor();
  // The first approver is not offered the second approval (the server would refuse it), and the
  // card says why; neither does the actions panel offer it.
  await card().getByText('You have already approved this disclosure').waitFor();
  assert.equal(await card().getByRole('button', { name: 'Take this step' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Approve disclosure' }).count(), 0);
  const approvals = await sql<{ n: number }>`
    select count(*)::int as n from approvals a join demands d on d.id = a.demand_id
    where d.reference = ${ref}`.execute(w.test.db);
  assert.equal(approvals.rows[0]!.n, 1);
});
