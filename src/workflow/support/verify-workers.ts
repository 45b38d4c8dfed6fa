/**
 * Worker threads for full verification (leaf-check-worker.ts runs in each). The main thread reads
 * (rows from PostgreSQL, lines from an export file) and rebuilds the tree; the workers do the
 * per-leaf work beside it, each sent whole batches whose memory is moved, not copied.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../platform/ts-worker.ts';

/** A batch for a worker: rows of the leaf COPY, or whole lines of an export file. */
export type VerifyJob =
  | { kind: 'rows'; buffer: ArrayBuffer; offset: number; length: number }
  | { kind: 'export'; buffer: ArrayBuffer; offset: number; length: number; firstIndex: number };

/** The job's fields for a Buffer that owns its ArrayBuffer (which is transferred). */
export function bufferJob(bytes: Buffer): { buffer: ArrayBuffer; offset: number; length: number } {
  return { buffer: bytes.buffer as ArrayBuffer, offset: bytes.byteOffset, length: bytes.length };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A few workers; each job goes to the least busy one, and its answer comes back as a promise. */
export class VerifyWorkers {
  readonly #workers: { worker: Worker; pending: Map<number, Pending> }[];
  #nextId = 0;

  constructor(count: number) {
    const entry = new URL('../leaf-check-worker.ts', import.meta.url);
    this.#workers = Array.from({ length: count }, () => {
      const w = { worker: startTsWorker(entry), pending: new Map<number, Pending>() };
      w.worker.on('message', (m: { id: number; error?: string }) => {
        const p = w.pending.get(m.id);
        w.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(`verification worker: ${m.error}`));
        else p?.resolve(m);
      });
      w.worker.on('error', (e) => {
        for (const p of w.pending.values()) p.reject(e);
        w.pending.clear();
      });
      return w;
    });
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Runs a job on the least busy worker; its buffer is moved to the worker. */
  run<T>(job: VerifyJob): Promise<T> {
    const w = this.#workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      w.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.worker.postMessage({ id, ...job }, [job.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Keeps at most `limit` jobs in flight: `add` waits for the oldest when the window is full, and
 * hands each result to `done` in the order the jobs were added.
 */
export class JobWindow<T> {
  readonly #limit: number;
  readonly #done: (result: T) => void;
  readonly #queue: Promise<T>[] = [];

  constructor(limit: number, done: (result: T) => void) {
    this.#limit = limit;
    this.#done = done;
  }

  async add(job: Promise<T>): Promise<void> {
    // A rejection is taken up when the job's turn comes; until then it must not count as unhandled.
    job.catch(() => undefined);
    this.#queue.push(job);
    while (this.#queue.length > this.#limit) this.#done(await this.#queue.shift()!);
  }

  async drain(): Promise<void> {
    while (this.#queue.length > 0) this.#done(await this.#queue.shift()!);
  }
}
