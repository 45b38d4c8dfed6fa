/**
 * Proof latency from PostgreSQL on a very large tree (a script, not a test):
 *
 *   node --import tsx bench/ledger-big-tree.ts [leaves=10000000]
 *
 * Generating ten million leaves through the application (or with SQL, as bench/ledger-store.ts
 * does for one million) takes too long here, and proofs only read ledger_nodes. So this computes
 * every node of the tree in Node (leaf hashes of synthetic leaves shaped like real ones, then each
 * level in flat buffers), writes them as one binary COPY file, loads it into ledger_nodes of a
 * fresh database (the table as the migrations make it, primary key included) and measures
 * inclusion and consistency proofs through the same NodeReader the API uses, checking sampled
 * proofs against the root computed here. Leaves, salts and events are not loaded, so the HTTP
 * figure of ledger-store.ts (which also reads the leaf, its salt and its event) is not made.
 *
 * Uses BENCH_DATABASE_URL (an admin URL on a server on this machine: the server reads the file)
 * or starts the embedded PostgreSQL. Prints one JSON document.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { inclusionProof, treeRoot, verifyConsistency, verifyInclusion } from '../src/ledger/index.ts';
import { pct, seededRandom, timeProofs } from './support/proof-timing.ts';
import {
  HASH_SIZE,
  hashChildPairInto,
  hashLeaf,
  hashLeafLatin1,
  sha256Latin1,
  writeDigest,
} from '../src/ledger/hashing.ts';
import { rootFromRightEdge } from '../src/ledger/tree-root.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import { PGCOPY_SIGNATURE } from '../src/store/pg-copy.ts';
import { ledgerNodeReader } from '../src/store/ledger-repository.ts';
import { benchDatabase } from './support/bench-database.ts';

const n = Number(process.argv[2] ?? 10_000_000);
const SAMPLES = 2000;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** A leaf like the agency.created leaves ledger-store.ts generates in SQL (about 330 bytes). */
function leafBytes(i: number): Buffer {
  const c = Buffer.from(sha256Latin1(Buffer.from(`leaf ${i}`)), 'latin1').toString('hex');
  return Buffer.from(
    `{"hidden":{"actor":"${c}","payload.agencyId":"${c.split('').reverse().join('')}"},"public":{"country":"US","kind":"police"},"seq":${i},"time":"2026-01-01T00:00:00.000Z","type":"agency.created","v":1}`,
  );
}

const leafHash = (i: number): Uint8Array => hashLeaf(leafBytes(i));

/** Every level of the tree of `n` leaves, in flat buffers (level L: ⌊n/2^L⌋ nodes). */
function buildLevels(): Buffer[] {
  const levels = [Buffer.allocUnsafe(n * HASH_SIZE)];
  for (let i = 0; i < n; i++) writeDigest(hashLeafLatin1(leafBytes(i)), levels[0]!, i * HASH_SIZE);
  for (let width = Math.floor(n / 2); width > 0; width = Math.floor(width / 2)) {
    const below = levels.at(-1)!;
    const level = Buffer.allocUnsafe(width * HASH_SIZE);
    for (let j = 0; j < width; j++) hashChildPairInto(below, 2 * j * HASH_SIZE, level, j * HASH_SIZE);
    levels.push(level);
  }
  return levels;
}

/** The root: the perfect subtrees of the right edge, one per set bit of n, largest first. */
function rootOf(levels: Buffer[]): Uint8Array {
  const edge: Uint8Array[] = [];
  for (let level = levels.length - 1; level >= 0; level--) {
    if (Math.floor(n / 2 ** level) % 2 === 1) {
      const at = (Math.floor(n / 2 ** level) - 1) * HASH_SIZE;
      edge.push(levels[level]!.subarray(at, at + HASH_SIZE));
    }
  }
  return rootFromRightEdge(edge);
}

/** Writes (level, idx, hash) rows as a PostgreSQL binary COPY file. */
async function writeCopyFile(file: string, levels: Buffer[]): Promise<void> {
  const out = createWriteStream(file);
  const header = Buffer.concat([PGCOPY_SIGNATURE, Buffer.alloc(8)]);
  out.write(header);
  const ROW = 2 + (4 + 2) + (4 + 8) + (4 + HASH_SIZE);
  for (const [level, hashes] of levels.entries()) {
    const count = hashes.length / HASH_SIZE;
    for (let from = 0; from < count; from += 65_536) {
      const rows = Math.min(65_536, count - from);
      const chunk = Buffer.allocUnsafe(rows * ROW);
      for (let k = 0; k < rows; k++) {
        let at = k * ROW;
        at = chunk.writeInt16BE(3, at);
        at = chunk.writeInt32BE(2, at);
        at = chunk.writeInt16BE(level, at);
        at = chunk.writeInt32BE(8, at);
        at = chunk.writeBigInt64BE(BigInt(from + k), at);
        at = chunk.writeInt32BE(HASH_SIZE, at);
        hashes.copy(chunk, at, (from + k) * HASH_SIZE, (from + k + 1) * HASH_SIZE);
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end(Buffer.from([0xff, 0xff]));
  await once(out, 'finish');
}

const bench = await benchDatabase('ledger-big');
try {
  const t0 = performance.now();
  log(`computing every node of a tree of ${n.toLocaleString('en-US')} leaves`);
  const levels = buildLevels();
  const root = rootOf(levels);
  const computeMs = performance.now() - t0;
  const file = path.join(bench.tmp, 'nodes.copy');
  await writeCopyFile(file, levels);
  const nodes = levels.reduce((k, l) => k + l.length / HASH_SIZE, 0);
  levels.length = 0;

  const db = openDatabase(await bench.freshDb('writ_bench_ledger_big'), 4);
  await migrate(db);
  log(`loading ${nodes.toLocaleString('en-US')} nodes`);
  const t1 = performance.now();
  await sql`copy ledger_nodes (level, idx, hash) from ${sql.lit(file)} (format binary)`.execute(db);
  await sql`analyze ledger_nodes`.execute(db);
  const loadMs = performance.now() - t1;
  rmSync(file, { force: true });

  const reader = ledgerNodeReader(db);
  const random = seededRandom();
  // The stored tree must be the right one: sampled proofs verify against the root computed here.
  for (let i = 0; i < 20; i++) {
    const index = random(n);
    verifyInclusion(index, n, leafHash(index), await inclusionProof(reader, index, n), root);
  }
  // A few consistency proofs are checked: from the stored root at `from` to the root computed here.
  const { inclusion, consistency } = await timeProofs(reader, n, SAMPLES, random, async (i, from, proof) => {
    if (i < 5) verifyConsistency(from, n, proof, await treeRoot(reader, from), root);
  });
  const { rows } = await sql<{ bytes: string }>`select pg_total_relation_size('ledger_nodes') as bytes`.execute(db);
  await db.destroy();
  const admin = new pg.Client({ connectionString: bench.adminUrl });
  await admin.connect();
  await admin.query('drop database writ_bench_ledger_big');
  await admin.end();
  const out = {
    node: process.version,
    postgres: bench.embedded ? 'embedded' : 'external',
    leaves: n,
    nodes,
    computeSeconds: Number((computeMs / 1000).toFixed(1)),
    loadSeconds: Number((loadMs / 1000).toFixed(1)),
    ledgerNodesMB: Math.round(Number(rows[0]!.bytes) / 1e6),
    inclusionProofMs: { p50: pct(inclusion, 50), p99: pct(inclusion, 99), samples: inclusion.length },
    consistencyProofMs: { p50: pct(consistency, 50), p99: pct(consistency, 99), samples: consistency.length },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} finally {
  await bench.embedded?.stop();
  // Gigabytes at ten million leaves: not left behind.
  rmSync(bench.tmp, { recursive: true, force: true });
}
