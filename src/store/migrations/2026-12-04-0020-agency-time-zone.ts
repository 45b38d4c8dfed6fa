/**
 * The agency directory records each agency's (and court's) IANA time zone: execution periods of
 * warrants are counted in calendar days of the issuing court's zone (a warrant served at 18:00
 * Pacific time on its last day is in time). Null where unknown: days are then counted in UTC.
 * Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agencies add column time_zone text`.execute(db);
}
