/**
 * The ledger export file: one JSON document that anyone can check offline with nothing but the
 * file and a key they trust. It is written with a fixed line layout so that a verifier can stream
 * logs too large to parse in one piece:
 *
 *   {"format":"writ-ledger-export/1", …header…, "checkpoints":[…],"leaves":[
 *   "<leaf 0 as canonical JSON text>",
 *   …
 *   "<leaf n-1>"
 *   ]}
 *
 * Each leaf is a JSON string whose UTF-8 bytes are exactly the leaf bytes hashed into the tree.
 */

/** The format tag on the first line. */
export const EXPORT_FORMAT = 'writ-ledger-export/1';

/** A checkpoint in the export. */
export interface ExportedCheckpoint {
  treeSize: number;
  createdAt: string;
  /** The signed note, exactly as published. */
  note: string;
}

/** Everything in the export but the leaves. */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  origin: string;
  /** The log's verifier key, or null when the exporting process did not know it. */
  verifierKey: string | null;
  treeSize: number;
  exportedAt: string;
  checkpoints: ExportedCheckpoint[];
}

const LEAVES_OPEN = ',"leaves":[';
const CLOSE = ']}';

/** The first line: the header, opening the leaves array. */
export function formatHeaderLine(header: ExportHeader): string {
  const json = JSON.stringify(header);
  return `${json.slice(0, -1)}${LEAVES_OPEN}\n`;
}

/** One leaf line; every line but the last carries the separating comma. */
export function formatLeafLine(leafText: string, last: boolean): string {
  return `${JSON.stringify(leafText)}${last ? '' : ','}\n`;
}

/** The closing line. */
export const CLOSING_LINE = `${CLOSE}\n`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a parsed header; returns a reason when it is not one, else undefined. */
export function headerProblem(h: unknown): string | undefined {
  if (!isRecord(h)) return 'the file is not a JSON object';
  if (h.format !== EXPORT_FORMAT) return `the format is not ${EXPORT_FORMAT}`;
  if (typeof h.origin !== 'string' || h.origin === '') return 'origin is missing';
  if (h.verifierKey !== null && typeof h.verifierKey !== 'string') return 'verifierKey is not a string';
  if (typeof h.treeSize !== 'number' || !Number.isSafeInteger(h.treeSize) || h.treeSize < 0)
    return 'treeSize is not a natural number';
  if (!Array.isArray(h.checkpoints)) return 'checkpoints is not a list';
  for (const c of h.checkpoints) {
    if (!isRecord(c) || typeof c.note !== 'string' || typeof c.treeSize !== 'number')
      return 'a checkpoint lacks its note or tree size';
  }
  return undefined;
}

/**
 * Parses the first line of a file in the streaming layout; undefined when the line is not in that
 * layout (the caller may then parse the whole document).
 */
export function parseHeaderLine(line: string): unknown {
  if (!line.endsWith(LEAVES_OPEN)) return undefined;
  try {
    const parsed: unknown = JSON.parse(`${line}${CLOSE}`);
    if (!isRecord(parsed) || !Array.isArray(parsed.leaves) || parsed.leaves.length !== 0) return undefined;
    const { leaves: _leaves, ...header } = parsed;
    return header;
  } catch {
    return undefined;
  }
}

/** Parses one leaf line of the streaming layout; undefined when it is not a JSON string line. */
export function parseLeafLine(line: string): string | undefined {
  const body = line.endsWith(',') ? line.slice(0, -1) : line;
  if (!body.startsWith('"')) return undefined;
  try {
    const text: unknown = JSON.parse(body);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** True for the closing line of the streaming layout. */
export function isClosingLine(line: string): boolean {
  return line === CLOSE;
}
