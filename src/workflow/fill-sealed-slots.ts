/**
 * Sealed slots: how events of national-security demands enter the public log. 50 U.S.C. § 1874
 * lets a provider report such process only in bands of 500, and only 180 days after the half-year
 * ends; a leaf per event at the event's time would let anyone count them exactly and date them.
 *
 * So the sequencer leaves them waiting, and this use case appends them on a fixed schedule in
 * fixed-size batches: once per window (10 minutes by default), exactly `slots` leaves, the oldest
 * waiting sealed events first and `ledger.padding` events for the rest. Sealed and padding leaves
 * are format-2 leaves without a record, the same size as every leaf without a record, and their
 * commitment `c` is a hash under a fresh secret, so no one without the secrets can tell a sealed
 * event from padding, and the number of slot leaves depends only on the clock. Sealed events that
 * do not fit wait for the next window. A window missed while no Writ process ran is filled late,
 * still with the same number of leaves. One transaction per window, under the sequencer lock.
 */
import type { Db } from '../store/database.ts';
import {
  lastSlotWindow,
  ledgerTreeSize,
  lockLedger,
  readPendingEvents,
  recordPaddingEvents,
  recordSlotWindow,
} from '../store/ledger-repository.ts';
import { appendEvents } from './sequence-ledger.ts';

/** The schedule: one window of `slots` leaves every `windowMs`. */
export interface SlotSchedule {
  windowMs: number;
  slots: number;
}

export const DEFAULT_SLOT_SCHEDULE: SlotSchedule = { windowMs: 10 * 60_000, slots: 8 };

/** Windows filled in one run at most (a long stop is caught up over several runs). */
const MAX_WINDOWS_PER_RUN = 144;

export interface FillSlotsResult {
  windows: number;
  /** Sealed events appended (not public: for the operator's log and tests). */
  sealed: number;
  treeSize: number;
}

function windowStart(t: number, windowMs: number): number {
  return Math.floor(t / windowMs) * windowMs;
}

/**
 * Fills every window that has started and is not filled yet, up to the one `now` is in. The first
 * window ever filled is the current one.
 */
export async function fillSealedSlots(
  db: Db,
  now: Date,
  schedule: SlotSchedule = DEFAULT_SLOT_SCHEDULE,
): Promise<FillSlotsResult> {
  const result: FillSlotsResult = { windows: 0, sealed: 0, treeSize: 0 };
  const current = windowStart(now.getTime(), schedule.windowMs);
  for (let i = 0; i < MAX_WINDOWS_PER_RUN; i++) {
    const filled = await db.transaction().execute(async (tx) => {
      await lockLedger(tx, 'sequencer');
      const last = await lastSlotWindow(tx);
      const next = last === undefined ? current : windowStart(last.getTime(), schedule.windowMs) + schedule.windowMs;
      const start = await ledgerTreeSize(tx);
      if (next > current) return { done: true, sealed: 0, treeSize: start };
      const sealed = await readPendingEvents(tx, schedule.slots, true);
      const padding = await recordPaddingEvents(tx, schedule.slots - sealed.length);
      const slots = shuffled([...sealed, ...padding]);
      const r = await appendEvents(tx, start, slots, () => true);
      await recordSlotWindow(tx, new Date(next), schedule.slots, sealed.length);
      return { done: false, sealed: sealed.length, treeSize: r.treeSize };
    });
    result.treeSize = filled.treeSize;
    if (filled.done) break;
    result.windows += 1;
    result.sealed += filled.sealed;
  }
  return result;
}

/** A uniformly random order (Fisher–Yates): a slot's position says nothing either. */
function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
