/** Appending and reading events. Only ever INSERT: the table refuses UPDATE and DELETE. */
import { actorLabel, eventRow, type Actor, type WritEvent } from '../domain/events.ts';
import type { Db, Tx } from './database.ts';
import type { EventRow } from './schema.ts';

/** Append one event in the caller's transaction. */
export async function appendEvent(
  tx: Tx | Db,
  demandId: string | null,
  actor: Actor,
  event: WritEvent,
  at: Date,
): Promise<string> {
  const { type, payload } = eventRow(event);
  const row = await tx
    .insertInto('events')
    .values({ demand_id: demandId, type, payload: JSON.stringify(payload), actor: actorLabel(actor), occurred_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A demand's timeline, oldest first. */
export async function listDemandEvents(db: Db | Tx, demandId: string): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('demand_id', '=', demandId).orderBy('id').execute();
}
