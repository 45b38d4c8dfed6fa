/**
 * Fixtures for the ledger store tests: a database with a directory, a signing key, a little
 * realistic activity (demands received, accepted with a note, rejected with a reason, closed), and
 * a way to change rows behind the ledger's back the way a superuser could.
 */
import { sql } from 'kysely';
import { generateLedgerSigning, type LedgerSigning } from '../../../src/ledger/log-signing.ts';
import type { Db, Tx } from '../../../src/store/database.ts';
import { acceptDemand } from '../../../src/workflow/accept-demand.ts';
import { closeDemand } from '../../../src/workflow/close-demand.ts';
import type { WorkflowContext } from '../../../src/workflow/context.ts';
import { intakeDemand } from '../../../src/workflow/intake-demand.ts';
import { rejectDemand } from '../../../src/workflow/reject-demand.ts';
import type { DemandIntake } from '../../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { testContext } from '../../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../../support/factories.ts';

export const ORIGIN = 'ledger.test.example/log';
/** Free text that must never appear in a public leaf. */
export const SECRET_NOTE = 'Counsel thinks the warrant is overbroad for Dana';
export const SECRET_REASON = 'Requester could not be confirmed by call-back to Sam';
/** Counsel's reason for going against the decision's advice (free text: never in a public leaf). */
export const OVERRIDE_REASON = 'Counsel reviewed the scope with Dana and decided otherwise';

export interface LedgerFixture {
  t: TestDb;
  db: Db;
  ctx: WorkflowContext;
  dir: Directory;
  signing: LedgerSigning;
  /** The secret key string behind `signing` (what WRIT_LEDGER_KEY would hold). */
  signerKey: string;
}

/** A fresh database with the test directory and a checkpoint key. */
export async function ledgerFixture(): Promise<LedgerFixture> {
  const t = await createTestDb();
  const ctx = testContext(t.db);
  const dir = await seedDirectory(ctx);
  const { signing, signerKey } = generateLedgerSigning(ORIGIN);
  return { t, db: t.db, ctx, dir, signing, signerKey };
}

/** Receives a demand; returns its id and reference. */
export async function receive(
  f: LedgerFixture,
  over: Partial<DemandIntake> = {},
): Promise<{ id: string; reference: string }> {
  const { demand } = await intakeDemand(f.ctx, { input: warrantInput(f.dir, over), actor: STAFF });
  return { id: demand.id, reference: demand.reference };
}

/** `rounds` × three demands: one accepted with a note and closed, one rejected with a reason, one left received. */
export async function makeActivity(f: LedgerFixture, rounds = 1): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const a = await receive(f, { caseNumber: `ACT-${i}-A` });
    await acceptDemand(f.ctx, { demand: a.id, actor: STAFF, note: SECRET_NOTE, overrideReason: OVERRIDE_REASON });
    await closeDemand(f.ctx, { demand: a.id, actor: STAFF, disposition: 'no_data_found', note: SECRET_NOTE });
    const b = await receive(f, { caseNumber: `ACT-${i}-B`, targets: [{ kind: 'email', value: 'bob@acme.example' }] });
    await rejectDemand(f.ctx, { demand: b.id, actor: STAFF, reason: SECRET_REASON, overrideReason: OVERRIDE_REASON });
    await receive(f, {
      caseNumber: `ACT-${i}-C`,
      targets: [
        { kind: 'email', value: 'carol@acme.example' },
        { kind: 'email', value: 'dana@writmail.example' },
      ],
    });
  }
}

/**
 * Runs `change` with every trigger of `tables` switched off (append-only guards and foreign keys
 * alike), as a superuser tampering with the database could, and switches them on again.
 */
export async function tamper(db: Db, tables: readonly string[], change: (tx: Tx) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const t of tables) await sql`alter table ${sql.table(t)} disable trigger all`.execute(tx);
    await change(tx);
    for (const t of tables) await sql`alter table ${sql.table(t)} enable trigger all`.execute(tx);
  });
}

/** Stored leaf bytes in index order. */
export async function storedLeaves(db: Db | Tx): Promise<Buffer[]> {
  const { rows } = await sql<{ leaf: Buffer }>`select leaf from ledger_leaves order by idx`.execute(db);
  return rows.map((r) => r.leaf);
}

/** Ids of every event, ascending. */
export async function allEventIds(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from events order by id`.execute(db);
  return rows.map((r) => r.id);
}

/** Leaf index → event id, in index order. */
export async function leafEvents(db: Db): Promise<{ idx: number; eventId: string }[]> {
  const { rows } = await sql<{
    idx: string;
    event_id: string;
  }>`select idx, event_id from ledger_leaves order by idx`.execute(db);
  return rows.map((r) => ({ idx: Number(r.idx), eventId: r.event_id }));
}
