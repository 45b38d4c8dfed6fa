/**
 * Moving many demands' notice track at once, each with its event. One statement: a demand's move
 * and its event are written together or not at all, and only a demand still in the `from` state
 * moves (its row is locked and the state checked again as it is updated), so a notice that another
 * transaction moved first, or that appears twice in one call, gets no second event. A
 * `notice.sent` move also writes the report facts its event records onto the row.
 */
import { sql } from 'kysely';
import { actorLabel, eventRow, type Actor, type WritEvent } from '../domain/events.ts';
import type { NoticeState } from '../domain/matter-state.ts';
import type { Db, Tx } from './database.ts';

export interface NoticeMove {
  demandId: string;
  actor: Actor;
  event: WritEvent;
}

/** Returns the ids of the demands that moved. */
export async function moveNotices(
  tx: Tx | Db,
  moves: NoticeMove[],
  from: NoticeState,
  to: NoticeState,
  at: Date,
): Promise<string[]> {
  if (!moves.length) return [];
  const { rows } = await sql<{ demand_id: string }>`
    with x as (
      select * from unnest(${moves.map((m) => m.demandId)}::uuid[], ${moves.map((m) => m.event.type)}::text[],
        ${moves.map((m) => JSON.stringify(eventRow(m.event).payload))}::jsonb[], ${moves.map((m) => actorLabel(m.actor))}::text[]) as x(demand_id, type, payload, actor)
    ), moved as (
      update demands d set notice_state = ${to}, updated_at = ${at},
        -- A sent notice's report facts, on the row from its event (one source for both).
        report_notified_enterprise = case when x.type = 'notice.sent' then (x.payload ->> 'enterpriseCustomers')::int else d.report_notified_enterprise end,
        report_notified_consumers = case when x.type = 'notice.sent' then (x.payload ->> 'consumerCustomers')::int else d.report_notified_consumers end
      from x where d.id = x.demand_id and d.notice_state = ${from}
      returning d.id, x.type, x.payload, x.actor
    )
    insert into events (demand_id, type, payload, actor, occurred_at)
    select id, type, payload, actor, ${at} from moved
    returning demand_id`.execute(tx);
  return rows.map((r) => r.demand_id);
}
