/**
 * Sharing one statement among the requests that need the same kind of statement at the same time.
 * On a small machine each round trip to PostgreSQL costs about as much as a request's own work
 * (the write, the wake-up of the backend, the switch back), so requests that arrive while a
 * statement of their kind is under way wait for it and then go together, as one statement. A lone
 * request goes at once: a quiet server adds no delay.
 *
 * `run` answers each item with its result or an Error of its own. When `run` throws, the statement
 * failed as a whole (for a write: nothing of it was written), and each item of a batch of several
 * is run again alone, so that the error reaches its own request and the others go through.
 */

export interface BatcherOptions {
  /** Statements under way at once; more overlap the round trips, fewer make the batches larger. */
  inFlight: number;
  /** Items in one statement at most (its parameters grow with it). */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export class StatementBatcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      void this.execute(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      results.forEach((r, i) => (r instanceof Error ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(e);
      await Promise.all(batch.map((w) => this.execute([w])));
    }
  }
}

/** One batcher per database handle and kind of statement. */
export function batcherFor<K extends object, I, O>(
  cache: WeakMap<K, StatementBatcher<I, O>>,
  key: K,
  make: () => StatementBatcher<I, O>,
): StatementBatcher<I, O> {
  let b = cache.get(key);
  if (!b) cache.set(key, (b = make()));
  return b;
}
