/**
 * Offline verification of an export file, with no database: every leaf must be a well-formed leaf
 * whose seq is its position, the tree rebuilt from the leaves must have the signed root at every
 * checkpoint, and every checkpoint must verify with the key the verifier trusts. By default that is
 * the key inside the file, which only proves the file is self-consistent; pinning the key (from
 * /api/v1/ledger/key, or published elsewhere) proves it is the provider's log.
 *
 * The file is read in large chunks and cut into blocks of whole leaf lines; the per-leaf work
 * (verify-export-lines.ts) runs in worker threads for a big file while this thread reads on and
 * rebuilds the tree from the blocks' hashes, in file order.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { HASH_SIZE, writeDigest } from '../ledger/hashing.ts';
import { type NoteVerifier, parseVerifierKey } from '../ledger/index.ts';
import { CheckpointedTree, checkCheckpointNotes } from '../ledger/checkpoint-walk.ts';
import { type ExportHeader, headerProblem, isClosingLine, parseHeaderLine } from '../ledger/export-format.ts';
import { FailureCollector, type LedgerVerifyReport, type VerifyFailure } from '../ledger/verify-report.ts';
import { JobWindow, VerifyWorkers, bufferJob } from './support/verify-workers.ts';
import { type ExportBlockResult, checkExportBlock, checkExportLine } from './verify-export-lines.ts';

export interface VerifyExportOptions {
  /** The verifier key to trust; default: the one in the file. */
  verifierKey?: string;
  /** Worker threads for the per-leaf work (0: this thread). Default: by file size and cores. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Largest file parsed in one piece when it is not in the streaming layout. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;
/** Leaf lines per block handed to the per-leaf check. */
const BLOCK_LINES = 4096;
/**
 * Below this size (about half a million leaves) the file is checked in this thread: a worker
 * takes a few hundred milliseconds of CPU to start, which a smaller file does not win back.
 */
const WORKER_THRESHOLD = 256 * 1024 * 1024;

type ExportItem = { header: unknown } | { block: Buffer; lines: number } | { leaf: string | undefined } | { end: true };

/** Whole lines of a file, as byte ranges of the chunks it is read in. */
async function* fileLines(file: string): AsyncGenerator<{ chunk: Buffer; start: number; end: number }> {
  let carry: Buffer | undefined;
  for await (const read of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const chunk: Buffer = carry ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    let at = 0;
    for (let nl = chunk.indexOf(0x0a, at); nl !== -1; nl = chunk.indexOf(0x0a, at)) {
      yield { chunk, start: at, end: nl + 1 };
      at = nl + 1;
    }
    carry = at < chunk.length ? chunk.subarray(at) : undefined;
  }
  if (carry) yield { chunk: carry, start: 0, end: carry.length };
}

/** A line's text without its line ending (LF or CRLF, as readline reads it). */
function lineText(chunk: Buffer, start: number, end: number): string {
  let stop = end;
  if (stop > start && chunk[stop - 1] === 0x0a) stop -= 1;
  if (stop > start && chunk[stop - 1] === 0x0d) stop -= 1;
  return chunk.toString('utf8', start, stop);
}

/**
 * Yields the header, then the leaf lines in blocks of whole lines (bytes of their own, so they can
 * be moved to a worker), from a file in the streaming layout; from any other file, parsed whole,
 * the leaves one by one.
 */
async function* readExport(file: string): AsyncGenerator<ExportItem> {
  const lines = fileLines(file);
  let block: { chunk: Buffer; start: number; end: number; lines: number } | undefined;
  const flush = () => {
    const b = block!;
    block = undefined;
    // A buffer of its own (never a slice of Buffer's shared pool), so it can be moved to a worker.
    const bytes = Buffer.allocUnsafeSlow(b.end - b.start);
    b.chunk.copy(bytes, 0, b.start, b.end);
    return { block: bytes, lines: b.lines };
  };
  try {
    const first = await lines.next();
    const header = first.done
      ? undefined
      : parseHeaderLine(lineText(first.value.chunk, first.value.start, first.value.end));
    if (header !== undefined) {
      yield { header };
      for await (const { chunk, start, end } of lines) {
        // Only "]}" closes the list; every other line is a leaf line, well-formed or not.
        const closing = end - start <= 4 && isClosingLine(lineText(chunk, start, end));
        if (block && (closing || block.chunk !== chunk || block.lines === BLOCK_LINES)) yield flush();
        if (closing) {
          yield { end: true };
          return;
        }
        if (block) {
          block.end = end;
          block.lines += 1;
        } else block = { chunk, start, end, lines: 1 };
      }
      if (block) yield flush();
      return; // no closing line: the caller reports a truncated file
    }
  } finally {
    await lines.return(undefined);
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

function trustedVerifier(
  header: ExportHeader,
  pinned: string | undefined,
  failures: FailureCollector,
): NoteVerifier | undefined {
  const key = pinned ?? header.verifierKey;
  if (key === null) {
    failures.add({ kind: 'key', index: null, detail: 'the file names no verifier key: give the key to trust' });
    return undefined;
  }
  if (pinned !== undefined && header.verifierKey !== null && header.verifierKey !== pinned) {
    failures.add({
      kind: 'key',
      index: null,
      detail: 'the file names another verifier key than the one given: checked with the one given',
    });
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
  const signed = verifier
    ? checkCheckpointNotes(header.checkpoints, [verifier], header.origin, header.treeSize, failures)
    : [];
  const tree = new CheckpointedTree(signed, failures);

  let count = 0;
  let closed = false;
  const workerCount =
    options.workers ?? ((await stat(file)).size >= WORKER_THRESHOLD ? Math.min(availableParallelism() - 1, 4) : 0);
  const workers = workerCount > 0 ? new VerifyWorkers(workerCount) : undefined;
  // Blocks are checked (in workers, when there are any, and one in (workers + 1) here, since
  // reading leaves this thread idle much of the time) while the next ones are read; their hashes
  // go into the tree in file order.
  let turn = 0;
  const window = new JobWindow<ExportBlockResult>(2 * (workers?.size ?? 0), (r) => {
    for (const f of r.failures) failures.add(f);
    tree.appendPage(r.hashes, r.count);
    options.onProgress?.(tree.size, header.treeSize);
  });
  try {
    for await (const item of source) {
      if ('end' in item) {
        closed = true;
        break;
      }
      if ('block' in item) {
        const firstIndex = count;
        count += item.lines;
        const here = workers === undefined || turn++ % (workers.size + 1) === workers.size;
        await window.add(
          here
            ? Promise.resolve(checkExportBlock(item.block, firstIndex))
            : workers.run<ExportBlockResult>({ kind: 'export', ...bufferJob(item.block), firstIndex }),
        );
      } else if ('leaf' in item) {
        // A file parsed whole: its leaves come one by one (a non-string as a line that is not one).
        const found: VerifyFailure[] = [];
        const hashes = new Uint8Array(HASH_SIZE);
        writeDigest(checkExportLine(item.leaf === undefined ? '' : JSON.stringify(item.leaf), count, found), hashes, 0);
        count += 1;
        await window.add(Promise.resolve({ count: 1, hashes, failures: found }));
      }
    }
    await window.drain();
  } finally {
    await workers?.close();
  }
  if (!closed)
    failures.add({
      kind: 'file',
      index: count,
      detail: `the file ends after ${count} leaves without closing the list: it was cut short`,
    });
  for (const s of signed) {
    if (s.treeSize > count)
      failures.add({
        kind: 'checkpoint_size',
        index: count,
        checkpoint: s.treeSize,
        detail: `a checkpoint signs ${s.treeSize} leaves but the file holds ${count}`,
      });
  }
  if (count !== header.treeSize) {
    failures.add({
      kind: 'file',
      index: Math.min(count, header.treeSize),
      detail: `the file holds ${count} leaves but says ${header.treeSize}`,
    });
  }
  return failures.report({
    source: 'file',
    treeSize: count,
    checkpoints: header.checkpoints.length,
    verifiedSize: tree.verifiedSize,
    pending: 0,
  });
}
