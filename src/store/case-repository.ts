/**
 * Reads of the case-handling data around a demand: its notes, its owner, its decision history,
 * the reads of it, and a staff member's saved views.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../domain/errors.ts';
import { DEMAND_READ_WORDS } from '../domain/plain-words.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

export interface NoteRow {
  id: string;
  at: string;
  authorId: string;
  authorName: string;
  text: string;
}

/** A demand's notes, oldest first. */
export async function listNotes(db: Q, demandId: string): Promise<NoteRow[]> {
  const rows = await db
    .selectFrom('demand_notes as n')
    .innerJoin('principals as p', 'p.id', 'n.author_id')
    .select(['n.id', 'n.created_at', 'n.author_id', 'p.name', 'n.text'])
    .where('n.demand_id', '=', demandId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.created_at).toISOString(),
    authorId: r.author_id,
    authorName: r.name,
    text: r.text,
  }));
}

/** The staff-only columns of a demand the detail view adds: its stored decision and its owner. */
export async function caseColumns(
  db: Q,
  demandId: string,
): Promise<{ decision: unknown; assignee: { id: string; name: string } | null }> {
  const r = await db
    .selectFrom('demands as d')
    .leftJoin('principals as p', 'p.id', 'd.assignee_id')
    .select(['d.decision', 'd.assignee_id', 'p.name'])
    .where('d.id', '=', demandId)
    .executeTakeFirstOrThrow();
  return {
    decision: r.decision,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.name ?? r.assignee_id } : null,
  };
}

export interface DecisionHistoryRow {
  at: string;
  trigger: string;
  changed: string[];
  recommendation: string;
  packVersions: string[];
}

/** Every decision kept for a demand, newest first. */
export async function listDecisionHistory(db: Q, demandId: string): Promise<DecisionHistoryRow[]> {
  const rows = await db
    .selectFrom('decision_history')
    .select(['decided_at', 'trigger', 'changed', 'recommendation', 'pack_versions'])
    .where('demand_id', '=', demandId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.decided_at).toISOString(),
    trigger: r.trigger,
    changed: r.changed,
    recommendation: r.recommendation,
    packVersions: r.pack_versions,
  }));
}

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

export async function listSavedViews(db: Q, principalId: string): Promise<SavedView[]> {
  return db
    .selectFrom('saved_views')
    .select(['id', 'name', 'query'])
    .where('principal_id', '=', principalId)
    .orderBy('name')
    .execute();
}

export async function saveView(db: Q, principalId: string, name: string, query: string, at: Date): Promise<SavedView> {
  const id = randomUUID();
  const row = await db
    .insertInto('saved_views')
    .values({ id, principal_id: principalId, name, query, created_at: at })
    .onConflict((oc) => oc.columns(['principal_id', 'name']).doNothing())
    .returning(['id', 'name', 'query'])
    .executeTakeFirst();
  if (!row) throw new DomainError('conflict', `You already have a saved view named "${name}"`);
  return row;
}

/** Remove one of the principal's own saved views; another's does not exist for it. */
export async function deleteSavedView(db: Q, principalId: string, id: string): Promise<void> {
  const r = await db
    .deleteFrom('saved_views')
    .where('id', '=', id)
    .where('principal_id', '=', principalId)
    .executeTakeFirst();
  if (!r.numDeletedRows) throw new DomainError('not_found', `No saved view ${id}`);
}

export interface SecrecyOrderRow {
  demandId: string;
  reference: string;
  basis: string;
  endsAt: string | null;
  challengeState: string;
  challengeFiledAt: string | null;
  draftDocumentId: string | null;
  noticeState: string;
  noticeHeldUntil: string | null;
  customers: string[];
}

/** The secrecy orders of open demands, soonest end first (orders without an end last). */
export async function listSecrecyOrders(db: Q, limit: number): Promise<SecrecyOrderRow[]> {
  const rows = await sql<{
    id: string;
    reference: string;
    basis: string | null;
    ends_at: string | null;
    challenge_state: string;
    filed_at: Date | null;
    draft: string | null;
    notice_state: string;
    notice_held_until: Date | null;
    customers: string[] | null;
  }>`
    select d.id, d.reference, d.secrecy_order ->> 'legalBasis' as basis, d.secrecy_order ->> 'expiresAt' as ends_at,
      d.challenge_state, d.notice_state, d.notice_held_until,
      (select max(e.occurred_at) from events e where e.demand_id = d.id and e.type = 'challenge.changed'
         and e.payload ->> 'to' = 'filed') as filed_at,
      (select e.payload ->> 'documentId' from events e where e.demand_id = d.id and e.type = 'challenge.draft_created'
         order by e.id desc limit 1) as draft,
      (select array_agg(distinct c.name) from demand_targets t join customers c on c.id = t.customer_id
         where t.demand_id = d.id) as customers
    from demands d
    where d.secrecy_order is not null and d.state <> 'closed'
    order by (d.secrecy_order ->> 'expiresAt')::timestamptz asc nulls last, d.id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    demandId: r.id,
    reference: r.reference,
    basis: r.basis ?? '',
    endsAt: r.ends_at ? new Date(r.ends_at).toISOString() : null,
    challengeState: r.challenge_state,
    challengeFiledAt: r.filed_at ? new Date(r.filed_at).toISOString() : null,
    draftDocumentId: r.draft,
    noticeState: r.notice_state,
    noticeHeldUntil: r.notice_held_until ? new Date(r.notice_held_until).toISOString() : null,
    customers: r.customers ?? [],
  }));
}

export interface ReadRow {
  at: string;
  actor: string;
  type: string;
}

/** Every recorded read of a demand's data, newest first (the last `limit`). */
export async function listReads(db: Q, demandId: string, limit: number): Promise<ReadRow[]> {
  const rows = await db
    .selectFrom('events')
    .select(['occurred_at', 'actor', 'type'])
    .where('demand_id', '=', demandId)
    .where('type', 'in', Object.keys(DEMAND_READ_WORDS))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: new Date(r.occurred_at).toISOString(), actor: r.actor, type: r.type }));
}

/** The facts the actions and the next step of a demand depend on (src/domain/next-steps.ts), in one query. */
export async function stepFactsOf(db: Q, demandId: string) {
  const r = await sql<{
    route: string | null;
    enterprise: number;
    approvers: string[];
    prepared_by: string | null;
    called_back_by: string | null;
    insists: boolean;
  }>`
    select d.decision -> 'route' ->> 'route' as route,
      (select count(*)::int from demand_targets t join customers c on c.id = t.customer_id
         where t.demand_id = d.id and c.kind = 'enterprise') as enterprise,
      (select p.prepared_by from disclosure_packages p where p.demand_id = d.id
         order by p.created_at desc limit 1) as prepared_by,
      array(select a.approver from approvals a where a.demand_id = d.id order by a.approved_at) as approvers,
      (select c.reviewer from requester_checks c where c.demand_id = d.id and c.kind = 'callback'
         order by c.checked_at desc limit 1) as called_back_by,
      exists (select 1 from redirect_answers x where x.demand_id = d.id and x.party = 'agency'
                and x.answer = 'insists_with_process') as insists
    from demands d where d.id = ${demandId}`.execute(db);
  const row = r.rows[0];
  return {
    route: row?.route ?? null,
    enterpriseTargets: row?.enterprise ?? 0,
    packagePrepared: (row?.prepared_by ?? null) !== null,
    approvers: row?.approvers ?? [],
    preparedBy: row?.prepared_by ?? null,
    callbackBy: row?.called_back_by ?? null,
    agencyInsists: row?.insists ?? false,
  };
}
