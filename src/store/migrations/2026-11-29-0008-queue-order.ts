/**
 * The console's queue in deadline order over all demands, closed ones included ("Open and closed",
 * "Closed"): an index on (response_deadline, id) gives any page of it at index speed. The partial
 * index demands_deadline already serves the open queue. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index demands_deadline_order on demands (response_deadline, id)`.execute(db);
}
