/**
 * The body of a checkpoint (c2sp.org/tlog-checkpoint): the text a log signs to commit to its tree
 * at a given size. Lines, each ending in a newline: origin, decimal tree size, base64 root hash,
 * then optional extension lines. Parsing is strict so that one checkpoint has exactly one text.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { isUint53 } from './bits.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE } from './hashing.ts';
import { hasControlCharacterOtherThanNewline, hasLoneSurrogate } from './text.ts';

/** A parsed checkpoint body. */
export interface Checkpoint {
  /** Identity of the log; non-empty, and by convention a schema-less URL such as `example.com/log`. */
  readonly origin: string;
  /** Number of leaves in the tree. */
  readonly treeSize: number;
  /** RFC 6962 root hash of the tree at `treeSize`. */
  readonly rootHash: Uint8Array;
  /** Opaque extension lines (the spec discourages them: monitors cannot audit them). */
  readonly extensions: readonly string[];
}

function malformed(message: string): never {
  throw new LedgerError('malformed_checkpoint', message);
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** Checks one line of a checkpoint body; the note format forbids control characters. */
function checkLine(line: string, what: string): void {
  if (line.length === 0) malformed(`${what} is empty`);
  if (line.includes('\n')) malformed(`${what} contains a newline`);
  if (hasControlCharacterOtherThanNewline(line)) malformed(`${what} contains a control character`);
  if (hasLoneSurrogate(line)) malformed(`${what} is not valid Unicode`);
}

/** The checkpoint body text, every line ending in a newline, ready to be signed as a note. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  checkLine(checkpoint.origin, 'origin');
  if (!isUint53(checkpoint.treeSize)) {
    malformed(`tree size ${String(checkpoint.treeSize)} is not an integer in [0, 2^53)`);
  }
  if (checkpoint.rootHash.length !== HASH_SIZE) malformed(`root hash must be ${HASH_SIZE} bytes`);
  checkpoint.extensions.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  const lines = [
    checkpoint.origin,
    String(checkpoint.treeSize),
    encodeBase64(checkpoint.rootHash),
    ...checkpoint.extensions,
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint body (the note text, without signatures). Rejects: a missing final newline,
 * fewer than three lines, empty lines, control characters, a tree size that is not canonical
 * decimal or exceeds 2^53 − 1, and a root hash that is not canonical base64 of 32 bytes.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) malformed('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) malformed(`checkpoint text has ${lines.length} lines, needs at least 3`);
  lines.forEach((line, i) => checkLine(line, i === 0 ? 'origin' : `line ${i + 1}`));
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];

  if (!DECIMAL.test(sizeText)) malformed(`tree size "${sizeText}" is not a decimal number without leading zeros`);
  const treeSize = Number(sizeText);
  // Sizes past 2^53 − 1 are valid in the format but cannot be represented exactly here.
  if (!isUint53(treeSize)) malformed(`tree size ${sizeText} is larger than this ledger supports`);

  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined) malformed('root hash is not canonical base64');
  if (rootHash.length !== HASH_SIZE) malformed(`root hash is ${rootHash.length} bytes, want ${HASH_SIZE}`);

  return { origin, treeSize, rootHash, extensions };
}
