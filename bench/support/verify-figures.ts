/**
 * Full-verification figures for bench/ledger-store.ts, all from the same run and the same leaves:
 *
 * - `writ ledger verify` on the database, twice (events per second, and the CPU seconds of this
 *   process, its worker threads included, and of the PostgreSQL backends that served it);
 * - `writ ledger verify --file` on an export of the same log, twice;
 * - raw SHA-256 of node:crypto over the same leaf bytes, one digest per leaf, in the two ways
 *   node:crypto offers (createHash().update().digest(), and the one-shot hash()), and over all the
 *   bytes as one stream (the MB/s ceiling), best of three each;
 * - where the time goes: the leaf COPY alone (read and dropped), and the per-leaf recomputation
 *   alone in one thread, from rows already in memory.
 */
import { createHash, hash } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LedgerSigning } from '../../src/ledger/log-signing.ts';
import { type Db, poolClient } from '../../src/store/database.ts';
import { LEAF_RECOMPUTE_COPY } from '../../src/store/leaf-recompute-rows.ts';
import { readLeafBytes } from '../../src/store/ledger-repository.ts';
import { copyOutBinary } from '../../src/store/pg-copy.ts';
import { exportLedger } from '../../src/workflow/export-ledger.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import { backendCpuMs, cpuBetween } from './process-cpu.ts';
import { verifyLedgerExport } from '../../src/workflow/verify-ledger-export.ts';
import { checkLeafBatch } from '../../src/workflow/verify-ledger-leaves.ts';

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

function best(rounds: number, run: () => void): number {
  let ms = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

export async function verifyFigures(db: Db, signing: LedgerSigning, tmp: string) {
  const load = [os.loadavg()[0]!];
  const database = [];
  let treeSize = 0;
  for (let round = 0; round < 2; round++) {
    const pg0 = await backendCpuMs(db);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await verifyLedger(db, { verifiers: [signing.verifier], origin: signing.origin });
    const ms = performance.now() - t0;
    const nodeCpu = cpuMs(process.cpuUsage(c0));
    const pg1 = await backendCpuMs(db);
    if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report.failures.slice(0, 3))}`);
    treeSize = report.treeSize;
    const pgCpu = cpuBetween(pg0, pg1);
    database.push({
      eventsPerSecond: rate(report.treeSize, ms),
      seconds: seconds(ms),
      nodeCpuSeconds: seconds(nodeCpu),
      postgresCpuSeconds: seconds(pgCpu),
    });
  }

  const file = path.join(tmp, 'ledger-export.json');
  await exportLedger(db, file, { origin: signing.origin, verifierKey: signing.verifierKey });
  const offline = [];
  for (let round = 0; round < 2; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await verifyLedgerExport(file);
    const ms = performance.now() - t0;
    if (!report.ok) throw new Error(`offline verification failed: ${JSON.stringify(report.failures.slice(0, 3))}`);
    offline.push({
      leavesPerSecond: rate(report.treeSize, ms),
      seconds: seconds(ms),
      cpuSeconds: seconds(cpuMs(process.cpuUsage(c0))),
    });
  }
  rmSync(file, { force: true });

  // The same leaf bytes, in memory.
  const leaves: Uint8Array[] = [];
  for (let next = 0; next < treeSize; ) {
    const page = await readLeafBytes(db, next, 20_000);
    for (const l of page) leaves.push(l.leaf.slice());
    next += page.length;
  }
  const bytes = leaves.reduce((n, l) => n + l.length, 0);
  const all = Buffer.concat(leaves);
  const createHashMs = best(3, () => leaves.forEach((l) => createHash('sha256').update(l).digest()));
  const oneShotMs = best(3, () => leaves.forEach((l) => hash('sha256', l, 'binary')));
  const streamMs = best(3, () => hash('sha256', all, 'binary'));

  // Where the time goes: the leaf rows alone, then their recomputation alone.
  const client = await poolClient(db);
  const batches: Buffer[] = [];
  let copyMs: number;
  try {
    const t0 = performance.now();
    for await (const batch of copyOutBinary(client, LEAF_RECOMPUTE_COPY)) batches.push(batch.bytes);
    copyMs = performance.now() - t0;
  } finally {
    client.release();
  }
  const recomputeMs = best(2, () => batches.forEach((b) => checkLeafBatch(b)));
  load.push(os.loadavg()[0]!);

  const verify = Math.max(...database.map((d) => d.eventsPerSecond));
  return {
    events: treeSize,
    meanLeafBytes: Math.round(bytes / leaves.length),
    loadAverage: { start: Number(load[0]!.toFixed(1)), end: Number(load[1]!.toFixed(1)) },
    database,
    offline,
    rawSha256: {
      createHashLeavesPerSecond: rate(leaves.length, createHashMs),
      oneShotHashLeavesPerSecond: rate(leaves.length, oneShotMs),
      oneStreamMBPerSecond: Number((bytes / 1e6 / (streamMs / 1000)).toFixed(1)),
    },
    stages: {
      leafCopyAloneSeconds: seconds(copyMs),
      recomputeOneThreadMicrosPerLeaf: Number(((recomputeMs * 1000) / treeSize).toFixed(2)),
    },
    bestVerifyVersusCreateHash: Number((verify / rate(leaves.length, createHashMs)).toFixed(3)),
    bestVerifyVersusOneShotHash: Number((verify / rate(leaves.length, oneShotMs)).toFixed(3)),
  };
}
