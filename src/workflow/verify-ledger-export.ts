/**
 * Offline verification of an export file, with no database: every leaf must be a well-formed leaf
 * whose seq is its position, the tree rebuilt from the leaves must have the signed root at every
 * checkpoint, and every checkpoint must verify with the key the verifier trusts. By default that is
 * the key inside the file, which only proves the file is self-consistent; pinning the key (from
 * /api/v1/ledger/key, or published elsewhere) proves it is the provider's log.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type NoteVerifier, hashLeaf, parseVerifierKey } from '../ledger/index.ts';
import { CheckpointedTree, checkCheckpointNotes } from '../ledger/checkpoint-walk.ts';
import {
  type ExportHeader,
  headerProblem,
  isClosingLine,
  parseHeaderLine,
  parseLeafLine,
} from '../ledger/export-format.ts';
import { leafTextBytes, parseLeaf } from '../ledger/leaf.ts';
import { FailureCollector, type LedgerVerifyReport } from '../ledger/verify-report.ts';

export interface VerifyExportOptions {
  /** The verifier key to trust; default: the one in the file. */
  verifierKey?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Largest file parsed in one piece when it is not in the streaming layout. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;
const BATCH = 4096;

/** Yields the header, then each leaf text, from a file in either layout. */
async function* readExport(file: string): AsyncGenerator<{ header: unknown } | { leaf: string | undefined } | { end: true }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  try {
    const first = await it.next();
    const header = first.done ? undefined : parseHeaderLine(first.value);
    if (header !== undefined) {
      yield { header };
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (isClosingLine(r.value)) {
          yield { end: true };
          return;
        }
        yield { leaf: parseLeafLine(r.value) };
      }
      return; // no closing line: the caller reports a truncated file
    }
  } finally {
    lines.close();
  }
  // Not in the streaming layout (for example pretty-printed by another tool): parse it whole.
  if ((await stat(file)).size > WHOLE_FILE_LIMIT) {
    yield { header: undefined };
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    yield { header: undefined };
    return;
  }
  const { leaves, ...header } = (doc ?? {}) as { leaves?: unknown };
  yield { header };
  if (!Array.isArray(leaves)) return;
  for (const l of leaves) yield { leaf: typeof l === 'string' ? l : undefined };
  yield { end: true };
}

function trustedVerifier(header: ExportHeader, pinned: string | undefined, failures: FailureCollector): NoteVerifier | undefined {
  const key = pinned ?? header.verifierKey;
  if (key === null) {
    failures.add({ kind: 'key', index: null, detail: 'the file names no verifier key: give the key to trust' });
    return undefined;
  }
  if (pinned !== undefined && header.verifierKey !== null && header.verifierKey !== pinned) {
    failures.add({ kind: 'key', index: null, detail: 'the file names another verifier key than the one given: checked with the one given' });
  }
  try {
    return parseVerifierKey(key);
  } catch (e) {
    failures.add({ kind: 'key', index: null, detail: `the verifier key is not usable: ${(e as Error).message}` });
    return undefined;
  }
}

/** Verifies an export file offline. */
export async function verifyLedgerExport(file: string, options: VerifyExportOptions = {}): Promise<LedgerVerifyReport> {
  const failures = new FailureCollector();
  const source = readExport(file);
  const first = await source.next();
  const rawHeader = first.done || !('header' in first.value) ? undefined : first.value.header;
  const problem = headerProblem(rawHeader);
  if (problem !== undefined) {
    failures.add({ kind: 'file', index: null, detail: `not a ledger export: ${problem}` });
    return failures.report({ source: 'file', treeSize: 0, checkpoints: 0, verifiedSize: 0, pending: 0 });
  }
  const header = rawHeader as ExportHeader;
  const verifier = trustedVerifier(header, options.verifierKey, failures);
  const signed = verifier ? checkCheckpointNotes(header.checkpoints, [verifier], header.origin, header.treeSize, failures) : [];
  const tree = new CheckpointedTree(signed, failures);

  let count = 0;
  let closed = false;
  let batch: Uint8Array[] = [];
  for await (const item of source) {
    if ('end' in item) {
      closed = true;
      break;
    }
    if (!('leaf' in item)) continue;
    const index = count++;
    if (item.leaf === undefined) {
      failures.add({ kind: 'leaf_malformed', index, detail: `line of leaf ${index} is not a JSON string` });
      batch.push(hashLeaf(new Uint8Array(0)));
    } else {
      const bytes = leafTextBytes(item.leaf);
      try {
        const leaf = parseLeaf(bytes);
        if (leaf.seq !== index) failures.add({ kind: 'leaf_malformed', index, detail: `leaf ${index} says it is leaf ${leaf.seq}: leaves were moved` });
      } catch (e) {
        failures.add({ kind: 'leaf_malformed', index, detail: `leaf ${index}: ${(e as Error).message}` });
      }
      batch.push(hashLeaf(bytes));
    }
    if (batch.length === BATCH) {
      tree.append(batch);
      batch = [];
      options.onProgress?.(count, header.treeSize);
    }
  }
  tree.append(batch);
  options.onProgress?.(count, header.treeSize);
  if (!closed) failures.add({ kind: 'file', index: count, detail: `the file ends after ${count} leaves without closing the list: it was cut short` });
  for (const s of signed) {
    if (s.treeSize > count) failures.add({ kind: 'checkpoint_size', index: count, checkpoint: s.treeSize, detail: `a checkpoint signs ${s.treeSize} leaves but the file holds ${count}` });
  }
  if (count !== header.treeSize) {
    failures.add({ kind: 'file', index: Math.min(count, header.treeSize), detail: `the file holds ${count} leaves but says ${header.treeSize}` });
  }
  return failures.report({ source: 'file', treeSize: count, checkpoints: header.checkpoints.length, verifiedSize: tree.verifiedSize, pending: 0 });
}
