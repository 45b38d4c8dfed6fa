/**
 * A demand as its customer may follow it, read in one statement: the agency, the steps the
 * customer may see (its own answers, not other customers'), every message sent to its contacts
 * and endpoints (from the delivery receipts), and the productions of data.
 */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

/** The steps a customer sees on its timeline (its own answers only; see loadCustomerRecord). */
export const CUSTOMER_TIMELINE_TYPES = [
  'demand.received',
  'demand.redirected',
  'demand.accepted',
  'demand.rejected',
  'demand.produced',
  'demand.closed',
  'demand.reopened',
  'notice.held',
  'notice.release_moved',
  'notice.released',
  'notice.sent',
  'notice.follow_up_sent',
  'redirect.letter_sent',
  'redirect.agency_answered',
  'redirect.customer_answered',
  'disclosure.package_prepared',
] as const;

export interface CustomerRecordRows {
  agency: { name: string; country: string; kind: string };
  events: { id: string; type: string; at: string; payload: Record<string, unknown> }[];
  messages: { key: string; kind: string; type: string; recipient: string; to: string; at: string; messageId: string }[];
}

export async function loadCustomerRecord(
  db: Db | Tx,
  demandId: string,
  customerId: string,
): Promise<CustomerRecordRows> {
  const { rows } = await sql<CustomerRecordRows>`
    select
      (select jsonb_build_object('name', a.name, 'country', a.country, 'kind', a.kind)
        from demands d join agencies a on a.id = d.agency_id where d.id = ${demandId}::uuid) as agency,
      (select coalesce(jsonb_agg(jsonb_build_object('id', e.id::text, 'type', e.type, 'at', e.occurred_at,
          'payload', e.payload) order by e.id), '[]')
        from events e where e.demand_id = ${demandId}::uuid and e.type = any(${CUSTOMER_TIMELINE_TYPES as unknown as string[]}::text[])
          and (e.type <> 'redirect.customer_answered' or e.payload ->> 'customerId' = ${customerId})) as events,
      (select coalesce(jsonb_agg(jsonb_build_object('key', o.idempotency_key, 'kind', o.kind,
          'type', coalesce(o.payload ->> 'type', 'demand.notice'), 'recipient', r.recipient,
          'to', coalesce(k.email, w.url), 'at', r.delivered_at, 'messageId', r.message_id) order by r.delivered_at, r.recipient), '[]')
        from outbox o join delivery_receipts r on r.job_id = o.id
          left join customer_contacts k on r.recipient = 'email:' || k.id::text and k.customer_id = ${customerId}::uuid
          left join webhook_endpoints w on r.recipient = 'webhook:' || w.id::text and w.customer_id = ${customerId}::uuid
        where o.demand_id = ${demandId}::uuid and o.kind in ('notice.deliver', 'notice.follow_up')
          and (k.id is not null or w.id is not null)) as messages`.execute(db);
  const r = rows[0]!;
  return {
    agency: r.agency,
    events: r.events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    messages: r.messages.map((m) => ({ ...m, at: new Date(m.at).toISOString() })),
  };
}
