/**
 * `COPY (query) TO STDOUT (FORMAT binary)` on one pg client, read as batches of whole rows.
 *
 * Why: reading a whole table through ordinary queries costs a text row object per row (bytea as
 * hex, jsonb parsed for us, timestamps through a regular expression) and a round trip per page.
 * A binary COPY is one statement whose rows arrive as length-prefixed fields, which the reader can
 * take apart itself (pg-binary.ts), and each batch is one Buffer that owns its memory, so it can be
 * handed to a worker thread without a copy.
 *
 * pg runs any object with a `submit` method as a query; this one receives the CopyData messages.
 * Their bytes are copied out at once (pg reuses its read buffer), cut into batches at row
 * boundaries, and queued for the consumer. While the consumer is more than `maxQueued` batches
 * behind, the socket is paused, so a slow consumer holds memory at a few batches.
 */
import type pg from 'pg';

/** Rows of a binary COPY, whole, as the protocol sent them (field count, then length ‖ bytes per field). */
export interface CopyBatch {
  /** The rows' bytes; owns its ArrayBuffer (transferable). */
  bytes: Buffer;
  rows: number;
}

export interface CopyOptions {
  /** A batch is cut once it holds at least this many bytes (default 1 MiB). */
  batchBytes?: number;
  /** Batches waiting for the consumer before the socket is paused (default 4). */
  maxQueued?: number;
}

/** The first bytes of every binary COPY stream. */
export const PGCOPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (int32) and header extension length (int32). */
const HEADER_FIXED = PGCOPY_SIGNATURE.length + 8;

interface Connection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

class BinaryCopyOut {
  readonly #text: string;
  readonly #batchBytes: number;
  readonly #maxQueued: number;
  /** Set when the consumer stopped early: the rest of the rows are dropped as they arrive. */
  #discard = false;
  #connection: Connection | undefined;
  #buf: Buffer;
  #len = 0;
  /** End of the last whole row in #buf, and the rows before it. */
  #rowsEnd = 0;
  #rows = 0;
  #headerDone = false;
  #trailerSeen = false;
  readonly #queue: CopyBatch[] = [];
  #paused = false;
  #finished = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(text: string, options: CopyOptions) {
    this.#text = text;
    this.#batchBytes = options.batchBytes ?? 1 << 20;
    this.#maxQueued = options.maxQueued ?? 4;
    this.#buf = Buffer.allocUnsafeSlow(this.#batchBytes * 2);
  }

  // --- called by pg ---
  submit(connection: Connection): void {
    this.#connection = connection;
    connection.query(this.#text);
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.#error || this.#discard) return;
    try {
      this.#append(msg.chunk);
    } catch (e) {
      this.#fail(e as Error);
    }
  }

  handleCommandComplete(): void {
    if (this.#discard) return;
    if (!this.#error && (!this.#trailerSeen || this.#rowsEnd !== this.#len))
      this.#fail(new Error('COPY ended inside a row or without its trailer'));
    this.#cut();
  }

  handleReadyForQuery(): void {
    this.#finished = true;
    this.#notify();
  }

  handleError(err: Error): void {
    this.#fail(err);
    this.#finished = true;
    this.#notify();
  }

  handleRowDescription(): void {
    this.#fail(new Error('the statement is not a COPY TO STDOUT'));
  }

  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }): void {
    connection.sendCopyFail('not a COPY FROM');
  }

  // --- the consumer's side ---
  async *batches(): AsyncGenerator<CopyBatch> {
    try {
      for (;;) {
        const next = this.#queue.shift();
        if (next !== undefined) {
          if (this.#paused && this.#queue.length < this.#maxQueued) this.#setPaused(false);
          yield next;
          continue;
        }
        if (this.#finished) {
          if (this.#error) throw this.#error;
          return;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      // A consumer that stops early leaves the rest to be read and dropped, so the connection ends
      // the statement cleanly and can be used (or released) afterwards.
      this.#discard = true;
      this.#queue.length = 0;
      this.#setPaused(false);
      while (!this.#finished) await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #fail(err: Error): void {
    this.#error ??= err;
    this.#setPaused(false);
  }

  #setPaused(paused: boolean): void {
    if (this.#paused === paused || this.#connection === undefined) return;
    this.#paused = paused;
    if (paused) this.#connection.stream.pause();
    else this.#connection.stream.resume();
  }

  #append(chunk: Buffer): void {
    if (this.#len + chunk.length > this.#buf.length) this.#grow(this.#len + chunk.length);
    this.#buf.set(chunk, this.#len); // TypedArray#set: cheaper than Buffer#copy for small chunks
    this.#len += chunk.length;
    this.#scan();
    if (this.#rowsEnd >= this.#batchBytes) this.#cut();
  }

  #grow(needed: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(needed, this.#buf.length * 2));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  /** Advances #rowsEnd over every whole row (and the header and trailer) in the buffer. */
  #scan(): void {
    const b = this.#buf;
    let at = this.#rowsEnd;
    if (!this.#headerDone) {
      if (this.#len < HEADER_FIXED) return;
      if (!b.subarray(0, PGCOPY_SIGNATURE.length).equals(PGCOPY_SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = b.readUInt32BE(PGCOPY_SIGNATURE.length + 4);
      if (this.#len < HEADER_FIXED + extension) return;
      // The header is dropped: batches hold rows only.
      b.copy(b, 0, HEADER_FIXED + extension, this.#len);
      this.#len -= HEADER_FIXED + extension;
      this.#headerDone = true;
      at = 0;
    }
    while (at + 2 <= this.#len) {
      const fields = b.readInt16BE(at);
      if (fields === -1) {
        this.#trailerSeen = true;
        this.#len = at; // the trailer is not part of any batch
        break;
      }
      let p = at + 2;
      let whole = true;
      for (let f = 0; f < fields; f++) {
        if (p + 4 > this.#len) {
          whole = false;
          break;
        }
        const size = b.readInt32BE(p);
        p += 4 + Math.max(size, 0);
        if (p > this.#len) {
          whole = false;
          break;
        }
      }
      if (!whole) break;
      at = p;
      this.#rows += 1;
    }
    this.#rowsEnd = at;
  }

  /** Queues the whole rows gathered so far as one batch; the partial row moves to a new buffer. */
  #cut(): void {
    if (this.#rows === 0) return;
    const bytes = this.#buf.subarray(0, this.#rowsEnd);
    const rest = Buffer.allocUnsafeSlow(Math.max(this.#batchBytes * 2, this.#len - this.#rowsEnd));
    this.#buf.copy(rest, 0, this.#rowsEnd, this.#len);
    this.#len -= this.#rowsEnd;
    this.#buf = rest;
    this.#queue.push({ bytes, rows: this.#rows });
    this.#rowsEnd = 0;
    this.#rows = 0;
    if (this.#queue.length >= this.#maxQueued) this.#setPaused(true);
    this.#notify();
  }
}

/**
 * Runs `copyStatement` (a `COPY (…) TO STDOUT (FORMAT binary)`) on `client` and yields its rows in
 * batches. The client is busy until the generator finishes; stopping early reads and drops the rest.
 */
export function copyOutBinary(
  client: pg.ClientBase,
  copyStatement: string,
  options: CopyOptions = {},
): AsyncGenerator<CopyBatch> {
  const copy = new BinaryCopyOut(copyStatement, options);
  // pg queues the submittable like any query and drives it through the handlers above.
  void (client.query as unknown as (q: object) => unknown)(copy);
  return copy.batches();
}
