/**
 * Reading the fields of binary COPY rows (see pg-copy.ts) in order, as PostgreSQL's binary send
 * functions write them: big-endian integers, a 1-byte boolean, raw bytes for bytea and text (UTF-8),
 * jsonb as a version byte and its text, timestamptz as microseconds since 2000-01-01 UTC.
 * A length of −1 is NULL.
 */

/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

/** A cursor over the rows of one batch. */
export class BinaryRows {
  readonly #b: Buffer;
  #at = 0;

  constructor(bytes: Buffer) {
    this.#b = bytes;
  }

  /** Moves to the next row; returns its number of fields, or −1 when there is none. */
  nextRow(): number {
    if (this.#at >= this.#b.length) return -1;
    const fields = this.#b.readInt16BE(this.#at);
    this.#at += 2;
    return fields;
  }

  /** Length of the next field (−1 for NULL), leaving the cursor on its bytes. */
  #open(): number {
    const n = this.#b.readInt32BE(this.#at);
    this.#at += 4;
    return n;
  }

  /** An int8 (or int4) as a number; throws on NULL or beyond 2^53. */
  int(): number {
    const n = this.#open();
    let v: number;
    if (n === 8) {
      const hi = this.#b.readInt32BE(this.#at);
      v = hi * TWO_32 + this.#b.readUInt32BE(this.#at + 4);
      if (!Number.isSafeInteger(v)) throw new Error('an integer column holds a value beyond 2^53');
    } else if (n === 4) v = this.#b.readInt32BE(this.#at);
    else throw new Error(`expected an integer field, got ${n} bytes`);
    this.#at += n;
    return v;
  }

  /** An int8 in decimal, exact whatever its size (as pg returns bigint columns here); null for NULL. */
  int8Text(): string | null {
    const n = this.#open();
    if (n < 0) return null;
    const hi = this.#b.readInt32BE(this.#at);
    const v = hi * TWO_32 + this.#b.readUInt32BE(this.#at + 4);
    // A double is exact below 2^53, and String() is cheaper than a BigInt; past that, BigInt.
    const text = Number.isSafeInteger(v) ? String(v) : this.#b.readBigInt64BE(this.#at).toString();
    this.#at += n;
    return text;
  }

  /** A boolean; null for NULL. */
  bool(): boolean | null {
    const n = this.#open();
    if (n < 0) return null;
    const v = this.#b[this.#at] !== 0;
    this.#at += n;
    return v;
  }

  /** A bytea's bytes (a view into the batch, not a copy); null for NULL. */
  bytes(): Buffer | null {
    const n = this.#open();
    if (n < 0) return null;
    const v = this.#b.subarray(this.#at, this.#at + n);
    this.#at += n;
    return v;
  }

  /** A text value; null for NULL. */
  text(): string | null {
    const n = this.#open();
    if (n < 0) return null;
    const v = this.#b.toString('utf8', this.#at, this.#at + n);
    this.#at += n;
    return v;
  }

  /** A jsonb value's JSON text; null for NULL. */
  jsonbText(): string | null {
    const n = this.#open();
    if (n < 0) return null;
    if (this.#b[this.#at] !== 1) throw new Error(`unknown jsonb format version ${this.#b[this.#at]}`);
    const v = this.#b.toString('utf8', this.#at + 1, this.#at + n);
    this.#at += n;
    return v;
  }

  /**
   * A timestamptz as the JavaScript time pg would give for it: milliseconds since the Unix epoch,
   * the microseconds truncated towards the past (pg's text parser drops them the same way);
   * ±Infinity for PostgreSQL's infinite timestamps; null for NULL.
   */
  timestampMs(): number | null {
    const n = this.#open();
    if (n < 0) return null;
    if (n !== 8) throw new Error(`expected a timestamp field, got ${n} bytes`);
    const hi = this.#b.readInt32BE(this.#at);
    const lo = this.#b.readUInt32BE(this.#at + 4);
    this.#at += 8;
    if (hi === 0x7fffffff && lo === 0xffffffff) return Infinity;
    if (hi === -0x80000000 && lo === 0) return -Infinity;
    // Below 2^53 microseconds (until about the year 2285) a double is exact; past it, BigInt.
    const micros = hi * TWO_32 + lo;
    if (Number.isSafeInteger(micros)) return Math.floor(micros / 1000) + PG_EPOCH_MS;
    const big = (BigInt(hi) << 32n) + BigInt(lo);
    const ms = big / 1000n - (big % 1000n < 0n ? 1n : 0n);
    return Number(ms) + PG_EPOCH_MS;
  }
}
