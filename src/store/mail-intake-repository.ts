/**
 * Received messages and the drafts read from them. Explicit SQL; the raw message itself is in
 * the document store under `raw_sha256`.
 */
import { sql } from 'kysely';
import type { IdentifierKind } from '../domain/vocabulary.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

export interface NewMailMessage {
  id: string;
  messageId: string;
  receivedAt: Date;
  via: 'smtp' | 'imap';
  envelope: unknown;
  fromAddress: string | null;
  subject: string | null;
  rawSha256: string;
  sizeBytes: number;
  authentication: unknown;
}

/** Insert a message; null when one with the same Message-ID is already there. */
export async function insertMailMessage(tx: Q, m: NewMailMessage): Promise<string | null> {
  const row = await tx
    .insertInto('mail_messages')
    .values({
      id: m.id,
      message_id: m.messageId,
      received_at: m.receivedAt,
      via: m.via,
      envelope: JSON.stringify(m.envelope),
      from_address: m.fromAddress,
      subject: m.subject,
      raw_sha256: m.rawSha256,
      size_bytes: m.sizeBytes,
      authentication: JSON.stringify(m.authentication),
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findDraftByMessageId(db: Q, messageId: string) {
  return db
    .selectFrom('demand_drafts as d')
    .innerJoin('mail_messages as m', 'm.id', 'd.mail_message_id')
    .select(['d.id', 'd.state'])
    .where('m.message_id', '=', messageId)
    .executeTakeFirst();
}

export async function insertDraft(
  tx: Q,
  d: { id: string; mailMessageId: string | null; sender: unknown; agencyId: string | null; now: Date },
): Promise<void> {
  await tx
    .insertInto('demand_drafts')
    .values({
      id: d.id,
      mail_message_id: d.mailMessageId,
      state: 'reading',
      sender: JSON.stringify(d.sender),
      agency_id: d.agencyId,
      created_at: d.now,
      updated_at: d.now,
    })
    .execute();
}

/** Drafts joined to the message they came in and the demand they became, for both readers below. */
const draftsWithMessage = (db: Q) =>
  db
    .selectFrom('demand_drafts as d')
    .leftJoin('mail_messages as m', 'm.id', 'd.mail_message_id')
    .leftJoin('demands as x', 'x.id', 'd.demand_id');

/** A draft with its message, for reading and review. */
export async function findDraft(db: Q, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = draftsWithMessage(db)
    .select([
      'd.id',
      'd.state',
      'd.sender',
      'd.documents',
      'd.fields',
      'd.pages',
      'd.problems',
      'd.agency_id',
      'd.demand_id',
      'd.decided_by',
      'd.decided_at',
      'd.discard_reason',
      'd.created_at',
      'd.updated_at',
      'm.message_id',
      'm.received_at',
      'm.via',
      'm.envelope',
      'm.from_address',
      'm.subject',
      'm.raw_sha256',
      'm.size_bytes',
      'x.reference as demand_reference',
    ])
    .where('d.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}
export type DraftRow = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

export async function updateDraftReading(
  tx: Q,
  id: string,
  r: {
    state: 'ready' | 'unreadable';
    documents: unknown;
    fields: unknown;
    pages: unknown;
    problems: string[];
    now: Date;
  },
): Promise<void> {
  await tx
    .updateTable('demand_drafts')
    .set({
      state: r.state,
      documents: JSON.stringify(r.documents),
      fields: JSON.stringify(r.fields),
      pages: JSON.stringify(r.pages),
      problems: r.problems,
      updated_at: r.now,
    })
    .where('id', '=', id)
    .where('state', '=', 'reading')
    .execute();
}

export async function decideDraft(
  tx: Q,
  id: string,
  d: { state: 'confirmed' | 'discarded'; demandId: string | null; by: string; reason: string | null; now: Date },
): Promise<void> {
  await tx
    .updateTable('demand_drafts')
    .set({
      state: d.state,
      demand_id: d.demandId,
      decided_by: d.by,
      decided_at: d.now,
      discard_reason: d.reason,
      updated_at: d.now,
    })
    .where('id', '=', id)
    .execute();
}

export interface DraftListItem {
  id: string;
  state: string;
  created_at: Date;
  subject: string | null;
  from_address: string | null;
  sender: unknown;
  problems: string[];
  demand_reference: string | null;
  instrument: string | null;
}

/** Drafts newest first; `open`: those still to be decided. Keyset on (created_at, id). */
export async function listDrafts(
  db: Q,
  o: { open: boolean; limit: number; before?: { at: Date; id: string } },
): Promise<DraftListItem[]> {
  let q = draftsWithMessage(db).select([
    'd.id',
    'd.state',
    'd.created_at',
    'm.subject',
    'm.from_address',
    'd.sender',
    'd.problems',
    'x.reference as demand_reference',
    sql<string | null>`d.fields -> 'instrument' ->> 'value'`.as('instrument'),
  ]);
  if (o.open) q = q.where('d.state', 'in', ['reading', 'ready', 'unreadable']);
  if (o.before) {
    const b = o.before;
    q = q.where((eb) =>
      eb.or([eb('d.created_at', '<', b.at), eb.and([eb('d.created_at', '=', b.at), eb('d.id', '<', b.id)])]),
    );
  }
  return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(o.limit).execute() as Promise<DraftListItem[]>;
}

/** Every agency's verified domains, to judge a sender. */
export async function agencyDomains(db: Q): Promise<{ agencyId: string; domain: string }[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'verified_domains']).execute();
  return rows.flatMap((r) => r.verified_domains.map((d) => ({ agencyId: r.id, domain: d.toLowerCase() })));
}

/** Which of these identifiers name a customer account. */
export async function resolveIdentifiers(
  db: Q,
  ids: { kind: IdentifierKind; value: string }[],
): Promise<Map<string, { customerId: string; customerName: string; accountId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await sql<{ kind: string; value: string; customer_id: string; name: string; account_id: string | null }>`
    select i.kind, i.value, i.customer_id, c.name, i.account_id
    from jsonb_to_recordset(${JSON.stringify(ids)}::jsonb) as w(kind text, value text)
    join account_identifiers i on i.kind = w.kind and i.value = w.value
    join customers c on c.id = i.customer_id`.execute(db);
  return new Map(
    rows.rows.map((r) => [
      `${r.kind}:${r.value}`,
      { customerId: r.customer_id, customerName: r.name, accountId: r.account_id },
    ]),
  );
}
