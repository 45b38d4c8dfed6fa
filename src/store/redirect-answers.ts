/** The latest answer of each party to a redirect: the agency, and each customer concerned. */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

export interface RedirectAnswer {
  party: 'agency' | 'customer';
  customerId: string | null;
  answer: string;
  note: string | null;
  answeredBy: string;
  answeredAt: string;
}

/** Keep a party's answer (a later answer replaces an earlier one; the timeline keeps both). */
export async function saveRedirectAnswer(
  tx: Tx,
  a: {
    demandId: string;
    party: 'agency' | 'customer';
    customerId: string | null;
    answer: string;
    note: string | null;
    by: string;
    at: Date;
  },
): Promise<void> {
  await sql`
    insert into redirect_answers (demand_id, party, customer_id, answer, note, answered_by, answered_at)
    values (${a.demandId}, ${a.party}, ${a.customerId}, ${a.answer}, ${a.note}, ${a.by}, ${a.at})
    on conflict (demand_id, party, coalesce(customer_id, '00000000-0000-0000-0000-000000000000'))
    do update set answer = excluded.answer, note = excluded.note, answered_by = excluded.answered_by, answered_at = excluded.answered_at`.execute(
    tx,
  );
}

export async function listRedirectAnswers(db: Db | Tx, demandId: string): Promise<RedirectAnswer[]> {
  const rows = await db
    .selectFrom('redirect_answers')
    .selectAll()
    .where('demand_id', '=', demandId)
    .orderBy('party')
    .orderBy('answered_at')
    .execute();
  return rows.map((r) => ({
    party: r.party as 'agency',
    customerId: r.customer_id,
    answer: r.answer,
    note: r.note,
    answeredBy: r.answered_by,
    answeredAt: new Date(r.answered_at).toISOString(),
  }));
}
