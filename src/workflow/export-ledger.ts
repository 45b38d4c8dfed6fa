/**
 * Writes the ledger to an export file (format in src/ledger/export-format.ts): the leaves in
 * order, every checkpoint and the verifier key. Written page by page to a temporary file that is
 * renamed into place at the end, so a reader never sees half a file. Checkpoints are read first:
 * leaves appended meanwhile are exported too and are simply not yet covered by a checkpoint.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { leafText } from '../ledger/leaf.ts';
import { CLOSING_LINE, EXPORT_FORMAT, formatHeaderLine, formatLeafLine } from '../ledger/export-format.ts';
import type { Db } from '../store/database.ts';
import { listCheckpoints } from '../store/ledger-checkpoint-repository.ts';
import { ledgerTreeSize, readLeafBytes } from '../store/ledger-repository.ts';

export interface ExportLedgerOptions {
  origin: string;
  verifierKey: string | null;
  pageSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Exports the ledger to `file`; returns the number of leaves and checkpoints written. */
export async function exportLedger(
  db: Db,
  file: string,
  options: ExportLedgerOptions,
): Promise<{ leaves: number; checkpoints: number }> {
  const pageSize = options.pageSize ?? 10_000;
  const checkpoints = await listCheckpoints(db);
  const size = await ledgerTreeSize(db);
  const tmp = `${file}.partial`;
  const out = createWriteStream(tmp, { mode: 0o644 });
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    await write(
      formatHeaderLine({
        format: EXPORT_FORMAT,
        origin: options.origin,
        verifierKey: options.verifierKey,
        treeSize: size,
        exportedAt: new Date().toISOString(),
        checkpoints: checkpoints.map((c) => ({
          treeSize: c.treeSize,
          createdAt: c.createdAt.toISOString(),
          note: c.note,
        })),
      }),
    );
    let next = 0;
    while (next < size) {
      const page = await readLeafBytes(db, next, Math.min(pageSize, size - next));
      if (page.length === 0 || page[0]!.index !== next)
        throw new Error(`leaf ${next} is missing: run "writ ledger verify"`);
      for (const { index, leaf } of page) {
        if (index !== next) throw new Error(`leaf ${next} is missing: run "writ ledger verify"`);
        await write(formatLeafLine(leafText(leaf), index === size - 1));
        next += 1;
      }
      options.onProgress?.(next, size);
    }
    await write(CLOSING_LINE);
    out.end();
    await once(out, 'finish');
    await rename(tmp, file);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
  return { leaves: size, checkpoints: checkpoints.length };
}
