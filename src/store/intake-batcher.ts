/**
 * Group commit for intake. Agencies' systems submit in bulk, and on a small machine what limits
 * intake is the cost of each round trip and commit, not the rows (each loopback write to
 * PostgreSQL costs about as much as the request's own work). So intakes that arrive while others
 * are being written wait for them and then go together, as ONE statement (writeIntakeBatch): one
 * round trip and one commit for the lot. A lone intake is written at once, so a quiet server
 * adds no delay.
 *
 * Each demand still commits whole or not at all, with its events and outbox jobs. When a batch
 * fails (one demand's idempotency key was taken meanwhile, say) nothing of it is written, and each
 * of its intakes is written again alone, so that the error reaches its own request and the others
 * go through.
 */
import type { Db } from './database.ts';
import { IdempotencyKeyTaken, type IntakeWrite, writeIntakeBatch } from './intake-repository.ts';

/** Batches being written at once: one being written while the next is formed keeps both cores busy. */
const IN_FLIGHT = 2;
/** Demands in one statement at most (the statement's parameters grow with it). */
const MAX_BATCH = 32;

interface Waiting {
  write: IntakeWrite;
  resolve: (written: { reference: string; requesterId: string }) => void;
  reject: (error: unknown) => void;
}

class IntakeBatcher {
  private readonly queue: Waiting[] = [];
  private writing = 0;

  constructor(private readonly db: Db) {}

  submit(write: IntakeWrite): Promise<{ reference: string; requesterId: string }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.writing++;
      void this.write(batch).finally(() => {
        this.writing--;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const results = await writeIntakeBatch(this.db, batch.map((w) => w.write));
      results.forEach((r, i) => (r instanceof Error ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(isIdempotencyKeyTaken(e) ? new IdempotencyKeyTaken() : e);
      await Promise.all(batch.map((w) => this.write([w])));
    }
  }
}

function isIdempotencyKeyTaken(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === '23505' && err.constraint === 'idempotency_keys_pkey';
}

const batchers = new WeakMap<Db, IntakeBatcher>();

/**
 * Write one whole intake (with others arriving at the same time); resolves to the reference the
 * sequence gave. Rejects with IdempotencyKeyTaken or RequesterRaced as intake expects.
 */
export function writeIntake(db: Db, write: IntakeWrite): Promise<{ reference: string; requesterId: string }> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new IntakeBatcher(db)));
  return batcher.submit(write);
}
