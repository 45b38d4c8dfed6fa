/**
 * The ledger's background loop inside `writ serve`: sequence new events every second or so, and
 * cut a checkpoint every minute when the tree has grown. Every Writ process may run one; the
 * database locks make them take turns. A failing run is logged and retried on the next tick, so a
 * database hiccup never stops the loop; a refused checkpoint is logged as an error every time,
 * because it means the stored tree no longer matches what was signed.
 */
import type { LedgerSigning } from '../ledger/log-signing.ts';
import type { Db } from '../store/database.ts';
import { CheckpointRefused, cutCheckpoint } from './cut-checkpoint.ts';
import { type SlotSchedule, fillSealedSlots } from './fill-sealed-slots.ts';
import { publishNationalSecurityBands } from './publish-national-security-bands.ts';
import { type WitnessPolicy, requestCosignatures } from './request-cosignatures.ts';
import { sequenceLedger } from './sequence-ledger.ts';

const BATCH = 1000;
const BATCHES_PER_RUN = 10;
/** National-security bands become publishable once a day at most: looking hourly is plenty. */
const BANDS_EVERY_MS = 3_600_000;

export interface LedgerWorkerOptions {
  sequenceEveryMs?: number;
  checkpointEveryMs?: number;
  /** Witnesses asked to cosign each new checkpoint (request-cosignatures.ts). */
  witnesses?: WitnessPolicy;
  /** The sealed slots' schedule (fill-sealed-slots.ts). */
  slots?: SlotSchedule;
  /** Routine news (a checkpoint was signed). */
  log?: (message: string) => void;
  /** Failures; a refused checkpoint is always reported here. */
  warn?: (message: string) => void;
}

/** A running loop; `stop` waits for the run in progress to finish. */
export interface LedgerWorker {
  stop(): Promise<void>;
}

/** Starts the loop; the first run happens at once. */
export function startLedgerWorker(db: Db, signing: LedgerSigning, options: LedgerWorkerOptions = {}): LedgerWorker {
  const sequenceEveryMs = options.sequenceEveryMs ?? 1000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 60_000;
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastCheckpointAt = 0;
  let lastBandsAt = 0;
  let running: Promise<void> = Promise.resolve();

  /** Returns true when events may still be waiting (the run stopped at its batch limit). */
  async function tick(): Promise<boolean> {
    let more = false;
    try {
      // A bounded run, so that a big backlog never holds up shutdown for long.
      const { appended } = await sequenceLedger(db, { batchSize: BATCH, maxBatches: BATCHES_PER_RUN });
      more = appended === BATCH * BATCHES_PER_RUN;
      await fillSealedSlots(db, new Date(), options.slots);
      if (Date.now() - lastBandsAt >= BANDS_EVERY_MS) {
        await publishNationalSecurityBands(db, new Date());
        lastBandsAt = Date.now();
      }
      if (Date.now() - lastCheckpointAt >= checkpointEveryMs) {
        const cut = await cutCheckpoint(db, signing);
        lastCheckpointAt = Date.now();
        if (cut?.created) log(`ledger checkpoint signed at tree size ${cut.checkpoint.treeSize}`);
        if (cut && options.witnesses && options.witnesses.witnesses.length > 0) {
          for (const r of await requestCosignatures(db, options.witnesses))
            if (r.result.startsWith('failed')) warn(`witness ${r.witness} did not cosign: ${r.result}`);
        }
      }
    } catch (e) {
      if (e instanceof CheckpointRefused) {
        lastCheckpointAt = Date.now();
        warn(`LEDGER CHECKPOINT REFUSED: ${e.message}; run "writ ledger verify"`);
      } else {
        warn(`ledger run failed (retrying): ${(e as Error).message}`);
      }
    }
    return more;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then((more) => schedule(more ? 0 : sequenceEveryMs));
    }, delay);
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
