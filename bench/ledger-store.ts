/**
 * Ledger store benchmark against real PostgreSQL (a script, not a test):
 *
 *   node --import tsx bench/ledger-store.ts [intakeSeconds=10] [backlog=200000] [bigLeaves=1000000,10000000 | none]
 *
 * 1. Appends per second while intake runs: concurrent intakes and one sequencer loop, as in `writ
 *    serve`, then the sequencer alone on a backlog of recorded events.
 * 2. Full verification (`writ ledger verify`, and `--file` on an export) in events per second,
 *    beside the raw SHA-256 throughput of node:crypto over the same leaf bytes, measured in the
 *    same run (support/verify-figures.ts says exactly what each figure covers).
 * 3. Inclusion (and consistency) proof latency from the database at each big size, the leaves and
 *    nodes generated with bulk SQL (PostgreSQL's own sha256), then one checkpoint signed.
 *
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 * Prints one JSON document with every figure.
 */
import { sql } from 'kysely';
import { buildApp } from '../src/http/app.ts';
import { hashLeaf, inclusionProof, verifyCheckpoint, verifyInclusion } from '../src/ledger/index.ts';
import { pct, seededRandom, timeProofs } from './support/proof-timing.ts';
import { generateLedgerSigning } from '../src/ledger/log-signing.ts';
import { migrate, openDatabase, type Db } from '../src/store/database.ts';
import { benchDatabase } from './support/bench-database.ts';
import { verifyFigures } from './support/verify-figures.ts';
import { ledgerNodeReader, readLeafBytes } from '../src/store/ledger-repository.ts';
import { createPrincipal, issueToken } from '../src/store/principal-repository.ts';
import { cutCheckpoint } from '../src/workflow/cut-checkpoint.ts';
import { intakeDemand } from '../src/workflow/intake-demand.ts';
import { sequenceLedger } from '../src/workflow/sequence-ledger.ts';
import { testContext } from '../test/support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../test/support/factories.ts';

const intakeSeconds = Number(process.argv[2] ?? 10);
const backlog = Number(process.argv[3] ?? 200_000);
const bigSizes = (process.argv[4] ?? '1000000')
  .split(',')
  .filter((s) => /^\d+$/.test(s))
  .map(Number); // 'none': no proof figures
const INTAKE_CONCURRENCY = 16;
const PROOF_SAMPLES = 2000;
const API_SAMPLES = 500;

const signing = generateLedgerSigning('bench.writ.example/ledger').signing;
const bench = await benchDatabase('ledger');
const { embedded } = bench;

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function freshDb(name: string): Promise<Db> {
  const db = openDatabase(await bench.freshDb(name), 24);
  await migrate(db);
  return db;
}

async function count(db: Db, table: 'events' | 'ledger_leaves' | 'ledger_pending'): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
}

/** Appends while intake runs, then on a backlog. */
async function appendFigures(db: Db) {
  const ctx = testContext(db);
  const dir = await seedDirectory(ctx);
  await sequenceLedger(db);
  const leaves0 = await count(db, 'ledger_leaves');
  const events0 = await count(db, 'events');
  let stop = false;
  let demands = 0;
  const runIntake = async () => {
    for (let _i = 0; !stop; _i++) {
      await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: `B-${Math.random()}` }), actor: STAFF });
      demands += 1;
    }
  };
  const batches: number[] = [];
  const runSequencer = async () => {
    while (!stop) {
      const t = performance.now();
      const r = await sequenceLedger(db, { batchSize: 1000 });
      if (r.appended > 0) batches.push(performance.now() - t);
      else await new Promise((res) => setTimeout(res, 20));
    }
  };
  log(`intake with ${INTAKE_CONCURRENCY} concurrent clients and the sequencer, ${intakeSeconds} s`);
  const t0 = performance.now();
  const running = [...Array.from({ length: INTAKE_CONCURRENCY }, runIntake), runSequencer()];
  await new Promise((res) => setTimeout(res, intakeSeconds * 1000));
  stop = true;
  await Promise.all(running);
  const ms = performance.now() - t0;
  const recorded = (await count(db, 'events')) - events0;
  const appended = (await count(db, 'ledger_leaves')) - leaves0;
  const lagAtEnd = await count(db, 'ledger_pending');
  await sequenceLedger(db);
  batches.sort((a, b) => a - b);

  log(`backlog of ${backlog} recorded events, then the sequencer alone`);
  const existing = await count(db, 'events');
  const copies = Math.ceil(backlog / existing);
  await sql`
    insert into events (demand_id, type, payload, actor, occurred_at)
    select e.demand_id, e.type, e.payload, e.actor, e.occurred_at + g * interval '1 millisecond'
    from events e cross join generate_series(1, ${copies}) g
    order by g, e.id
    limit ${backlog}`.execute(db);
  const t1 = performance.now();
  const drained = await sequenceLedger(db, { batchSize: 2000 });
  const backlogMs = performance.now() - t1;

  return {
    whileIntake: {
      seconds: Number((ms / 1000).toFixed(1)),
      intakeDemandsPerSecond: rate(demands, ms),
      eventsRecordedPerSecond: rate(recorded, ms),
      leavesAppendedPerSecond: rate(appended, ms),
      pendingAtEnd: lagAtEnd,
      sequencerRunMs: { p50: pct(batches, 50), p99: pct(batches, 99), runs: batches.length },
    },
    backlog: {
      events: drained.appended,
      batchSize: 2000,
      appendsPerSecond: rate(drained.appended, backlogMs),
      seconds: Number((backlogMs / 1000).toFixed(1)),
    },
    treeSize: drained.treeSize,
  };
}

/** A log of `n` leaves generated in SQL: events, leaves, salts and every node level by level. */
async function generateBigLog(db: Db, n: number): Promise<number> {
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    // Bulk load: skip the queue trigger and foreign-key checks (as pg_restore would).
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`
      insert into events (id, demand_id, type, payload, actor, occurred_at)
      select g, null, 'agency.created', jsonb_build_object('agencyId', md5(g::text), 'country', 'US', 'kind', 'police'), 'system:bench',
        timestamptz '2026-01-01' + g * interval '1 second'
      from generate_series(1, ${n}) g`.execute(tx);
    await sql`
      insert into ledger_leaves (idx, event_id, sealed, leaf, leaf_hash)
      select g - 1, g, false, l, sha256('\\x00'::bytea || l)
      from generate_series(1, ${n}) g,
        lateral (select convert_to('{"hidden":{"actor":"' || encode(sha256(('a' || g)::bytea), 'hex') || '","payload.agencyId":"'
          || encode(sha256(('b' || g)::bytea), 'hex') || '"},"public":{"country":"US","kind":"police"},"seq":' || (g - 1)
          || ',"time":"2026-01-01T00:00:00.000Z","type":"agency.created","v":1}', 'UTF8') as l) x`.execute(tx);
    await sql`select setval('events_id_seq', ${n})`.execute(tx);
    await sql`insert into ledger_salts (event_id, salt) select g, sha256(g::text::bytea) from generate_series(1, ${n}) g`.execute(
      tx,
    );
    await sql`insert into ledger_nodes (level, idx, hash) select 0, idx, leaf_hash from ledger_leaves`.execute(tx);
    for (let level = 1, width = Math.floor(n / 2); width > 0; level++, width = Math.floor(width / 2)) {
      await sql`
        insert into ledger_nodes (level, idx, hash)
        select ${level}, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
        from ledger_nodes l join ledger_nodes r on r.level = l.level and r.idx = l.idx + 1
        where l.level = ${level - 1} and l.idx % 2 = 0`.execute(tx);
    }
  });
  await sql`analyze`.execute(db);
  return performance.now() - t0;
}

/** Proof latency at `n` leaves, from the reader and through the HTTP handler. */
async function proofFigures(n: number) {
  const db = await freshDb(`writ_bench_ledger_${n}`);
  log(`generating ${n.toLocaleString('en-US')} leaves with SQL`);
  const genMs = await generateBigLog(db, n);
  const cp = (await cutCheckpoint(db, signing))!.checkpoint;
  const { checkpoint } = verifyCheckpoint(cp.note, [signing.verifier], signing.origin);
  const reader = ledgerNodeReader(db);
  const random = seededRandom();
  // The generated tree must be the right one: proofs verify against the signed root.
  for (let i = 0; i < 20; i++) {
    const index = random(n);
    const leaf = (await readLeafBytes(db, index, 1))[0]!.leaf;
    verifyInclusion(index, n, hashLeaf(leaf), await inclusionProof(reader, index, n), checkpoint.rootHash);
  }
  const { inclusion, consistency } = await timeProofs(reader, n, PROOF_SAMPLES, random);
  const app = await buildApp({ ctx: testContext(db), logLevel: 'silent', ledger: signing });
  const token = await issueToken(
    db,
    await createPrincipal(db, {
      kind: 'staff',
      name: 'Bench',
      email: `bench-${n}@provider.example`,
      roles: ['auditor'],
    }),
    'bench',
  );
  const api: number[] = [];
  for (let i = 0; i < API_SAMPLES; i++) {
    const t = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/ledger/proof/inclusion?index=${random(n)}`,
      headers: { authorization: `Bearer ${token}` },
    });
    api.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  await app.close();
  const { rows } = await sql<{
    bytes: string;
  }>`select pg_total_relation_size('ledger_nodes') + pg_total_relation_size('ledger_leaves') as bytes`.execute(db);
  await db.destroy();
  api.sort((x, y) => x - y);
  return {
    leaves: n,
    generateSeconds: Number((genMs / 1000).toFixed(1)),
    storageMB: Math.round(Number(rows[0]!.bytes) / 1e6),
    inclusionProofMs: { p50: pct(inclusion, 50), p99: pct(inclusion, 99), samples: inclusion.length },
    consistencyProofMs: { p50: pct(consistency, 50), p99: pct(consistency, 99), samples: consistency.length },
    inclusionOverHttpMs: { p50: pct(api, 50), p99: pct(api, 99), samples: api.length },
  };
}

try {
  const db = await freshDb('writ_bench_ledger');
  const appends = await appendFigures(db);
  await cutCheckpoint(db, signing);
  log('full verification, database and export file, beside raw SHA-256');
  const verification = await verifyFigures(db, signing, bench.tmp);
  await db.destroy();
  const proofs = [];
  for (const n of bigSizes) proofs.push(await proofFigures(n));
  const out = { node: process.version, postgres: embedded ? 'embedded' : 'external', appends, verification, proofs };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} finally {
  await embedded?.stop();
}
