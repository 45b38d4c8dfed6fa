/**
 * Helpers for the delivery tests: a clock that starts after the real present (jobs queued "now"
 * by the database are then due to the test's worker), the delivery configuration pointed at the
 * local SMTP sink, and a worker that runs jobs when told to.
 */
import { loadConfig, type NotifyConfig } from '../../../src/config/env.ts';
import { startNotifier, type Notifier } from '../../../src/notify/start-notifier.ts';
import type { Db } from '../../../src/store/database.ts';
import type { WorkflowContext } from '../../../src/workflow/context.ts';
import { testClock, type TestClock } from '../../support/context.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A clock at 09:00 UTC on the day after tomorrow (real time), moved only by the test. */
export function futureClock(): TestClock {
  const d = new Date(Date.now() + 2 * DAY);
  d.setUTCHours(9, 0, 0, 0);
  return testClock(d);
}

/** Delivery configuration for tests: the local relay, a staff address, fast retries. */
export function notifyConfig(smtpUrl: string | null, over: Partial<NotifyConfig> = {}): NotifyConfig {
  return {
    ...loadConfig({
      WRIT_MAIL_FROM: 'Provider Legal <legal@provider.example>',
      WRIT_STAFF_ALERT_EMAIL: 'alerts@provider.example',
    }).notify,
    smtpUrl,
    backoffBaseMs: 1000,
    backoffMaxMs: 60_000,
    maxAttempts: 5,
    concurrency: 8,
    ...over,
  };
}

/** A worker over `ctx` that runs only when the test calls `runUntilIdle`. */
export function testNotifier(ctx: WorkflowContext, config: NotifyConfig): Notifier {
  return startNotifier({ ctx, config, start: false });
}

/** The outbox rows of a demand, oldest first. */
export function jobsOf(db: Db, demandId: string) {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'status', 'attempts', 'run_at', 'idempotency_key', 'last_error'])
    .where('demand_id', '=', demandId)
    .orderBy('id')
    .execute();
}

/** The event types on a demand's timeline, oldest first. */
export async function timelineOf(db: Db, demandId: string): Promise<string[]> {
  const rows = await db.selectFrom('events').select('type').where('demand_id', '=', demandId).orderBy('id').execute();
  return rows.map((r) => r.type);
}
