/**
 * Worker thread of full verification: does the per-leaf work of each batch it is sent (rows of
 * the leaf COPY, verify-ledger-leaves.ts, or lines of an export file, verify-export-lines.ts) and
 * answers with what it found.
 */
import { parentPort } from 'node:worker_threads';
import type { VerifyJob } from './support/verify-workers.ts';
import { checkExportBlock } from './verify-export-lines.ts';
import { checkLeafBatch } from './verify-ledger-leaves.ts';

parentPort!.on('message', (job: VerifyJob & { id: number }) => {
  try {
    const bytes = Buffer.from(job.buffer, job.offset, job.length);
    if (job.kind === 'rows') parentPort!.postMessage({ id: job.id, ...checkLeafBatch(bytes) });
    else {
      const r = checkExportBlock(bytes, job.firstIndex);
      parentPort!.postMessage({ id: job.id, ...r }, [r.hashes.buffer as ArrayBuffer]);
    }
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message });
  }
});
