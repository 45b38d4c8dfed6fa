/**
 * Group commit for intake (see statement-batcher.ts): intakes that arrive while others are being
 * written go together as ONE statement (writeIntakeBatch), so one round trip and one commit for
 * the lot, and the lookups that precede them likewise share one query (lookupIntakeBatch).
 *
 * Each demand still commits whole or not at all, with its events and outbox jobs. When a batch
 * fails (one demand's idempotency key was taken meanwhile, say) nothing of it is written, and each
 * of its intakes is written again alone, so that the error reaches its own request and the others
 * go through.
 */
import type { IdentifierKind } from '../domain/vocabulary.ts';
import type { Db } from './database.ts';
import {
  IdempotencyKeyTaken,
  type IntakeLookup,
  type IntakeWrite,
  type IntakeWritten,
  lookupIntakeBatch,
  writeIntakeBatch,
} from './intake-repository.ts';
import { StatementBatcher, batcherFor } from './statement-batcher.ts';

// One statement of each kind under way at a time: a lookup and a write of different batches still
// overlap, and the intakes that arrive meanwhile make the next batch larger. Measured on two cores
// (bench/intake.ts): against two of each in flight, a fifth less CPU per intake on both sides (the
// fixed cost of a statement is shared by more intakes), more requests per second and a lower p99.
const OPTIONS = { inFlight: 1, maxBatch: 32 };

type Written = Exclude<IntakeWritten, Error>;
const writers = new WeakMap<Db, StatementBatcher<IntakeWrite, Written>>();

/**
 * Write one whole intake (with others arriving at the same time); resolves to the reference the
 * sequence gave. Rejects with IdempotencyKeyTaken or RequesterRaced as intake expects.
 */
export function writeIntake(db: Db, write: IntakeWrite): Promise<Written> {
  return batcherFor(writers, db, () => new StatementBatcher((items) => writeBatch(db, items), OPTIONS)).submit(write);
}

async function writeBatch(db: Db, items: IntakeWrite[]): Promise<IntakeWritten[]> {
  try {
    return await writeIntakeBatch(db, items);
  } catch (e) {
    // Alone, a taken key is this intake's own answer; in a batch it is not yet known whose it is.
    if (items.length === 1 && isIdempotencyKeyTaken(e)) return [new IdempotencyKeyTaken()];
    throw e;
  }
}

function isIdempotencyKeyTaken(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === '23505' && err.constraint === 'idempotency_keys_pkey';
}

export interface LookupRequest {
  agencyId: string;
  email: string;
  ids: { kind: IdentifierKind; value: string }[];
  /** The court whose time zone the directory should give (a warrant's issuing court), if any. */
  court?: string | null;
}

const lookups = new WeakMap<Db, StatementBatcher<LookupRequest, IntakeLookup | null>>();

/** What intake reads for one demand (with the lookups arriving at the same time); null: no such agency. */
export function lookupIntake(db: Db, request: LookupRequest): Promise<IntakeLookup | null> {
  return batcherFor(lookups, db, () => new StatementBatcher((items) => lookupIntakeBatch(db, items), OPTIONS)).submit(
    request,
  );
}
