/**
 * Reads on behalf of a caller. A customer admin's reads run inside its tenant scope (row-level
 * security in the database, on top of the route's own filters); everyone else reads as the
 * application. Every read of case data is recorded as an event, with who read it.
 */
import { actorLabel, type AccessEvent } from '../domain/events.ts';
import type { Principal } from '../domain/principal.ts';
import type { Db, Tx } from '../store/database.ts';
import { appendEvent } from '../store/event-repository.ts';
import { asTenant } from '../store/tenant-scope.ts';
import { actorOf } from './actor.ts';

export function readAs<T>(db: Db, caller: Principal, fn: (q: Db | Tx) => Promise<T>): Promise<T> {
  return caller.kind === 'customer_admin' ? asTenant(db, caller.customerId, fn) : fn(db);
}

/** Put a read of case data on the record. */
export async function recordRead(
  db: Db,
  caller: Principal,
  demandId: string | null,
  event: AccessEvent,
  at: Date,
): Promise<void> {
  await appendEvent(db, demandId, actorOf(caller), event, at);
}

export const viewerLabel = (caller: Principal) => actorLabel(actorOf(caller));
