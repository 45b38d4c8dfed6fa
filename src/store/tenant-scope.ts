/**
 * Run queries as one tenant: a transaction with `SET LOCAL ROLE writ_tenant` and `writ.tenant_id`
 * set, so row-level security (migration 0006) decides which rows exist. Used for every read a
 * customer admin makes, beside (not instead of) the route's own scoping.
 */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

export async function asTenant<T>(db: Db, customerId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('writ.tenant_id', ${customerId}, true)`.execute(tx);
    await sql`set local role writ_tenant`.execute(tx);
    return fn(tx);
  });
}
