/**
 * Computing a report from the database, bound to a signed checkpoint of the ledger. The figures
 * come from one snapshot (REPEATABLE READ) in which every event a report counts is already in the
 * log below the checkpoint, so the public leaves up to that checkpoint give the same figures.
 * When the latest checkpoint lags behind, pending events are sequenced and a new checkpoint is
 * signed first (what the ledger worker would do within a minute anyway).
 */
import { encodeBase64 } from '../ledger/index.ts';
import type { LedgerSigning } from '../ledger/log-signing.ts';
import type { Db } from '../store/database.ts';
import { latestCheckpoint } from '../store/ledger-checkpoint-repository.ts';
import {
  directoryCountries,
  reportEventsBeyond,
  reportPeriodFacts,
  reportTrend,
  tenantReportFactRows,
} from '../store/report-repository.ts';
import { asTenant } from '../store/tenant-scope.ts';
import { cutCheckpoint } from '../workflow/cut-checkpoint.ts';
import { publishNationalSecurityBands } from '../workflow/publish-national-security-bands.ts';
import { sequenceLedger } from '../workflow/sequence-ledger.ts';
import { assembleReport } from './assemble-report.ts';
import { type Period, halfYearsUpTo } from './period.ts';
import { trendWithPeriod } from './trend.ts';
import type { LedgerBinding, TransparencyReport } from './report-document.ts';

/** Half-years in the trend chart. */
export const TREND_HALVES = 6;
const ATTEMPTS = 5;

export interface ComputeReportOptions {
  period: Period;
  now: Date;
  /** The log's origin, named in the report. */
  origin: string;
  /** With a key, a checkpoint that lags is brought up to date; without one, an unbound report says so (ledger: null). */
  signing: LedgerSigning | null;
}

/** The provider's public report for a period. */
export async function computeReport(db: Db, o: ComputeReportOptions): Promise<TransparencyReport> {
  const trendPeriods = halfYearsUpTo(o.period, TREND_HALVES);
  for (let attempt = 1; ; attempt++) {
    if (o.signing) {
      await publishNationalSecurityBands(db, o.now);
      await sequenceLedger(db);
      await cutCheckpoint(db, o.signing);
    }
    const result = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const cp = await latestCheckpoint(tx);
        const lagging = cp ? await reportEventsBeyond(tx, cp.treeSize) : Number.POSITIVE_INFINITY;
        if (lagging > 0 && o.signing && attempt < ATTEMPTS) return undefined; // events arrived meanwhile: cut again
        const ledger: LedgerBinding | null =
          cp && lagging === 0
            ? {
                origin: o.origin,
                treeSize: cp.treeSize,
                rootHash: encodeBase64(cp.rootHash),
                checkpoint: cp.note,
                verifierKey: o.signing?.verifierKey ?? null,
              }
            : null;
        const { rows, nationalSecurity } = await reportPeriodFacts(tx, o.period);
        return assembleReport({
          scope: 'provider',
          period: o.period,
          generatedAt: o.now,
          ledger,
          rows,
          countries: await directoryCountries(tx),
          trend: await trendWithPeriod(o.period, trendPeriods, rows, (halves) => reportTrend(tx, halves)),
          nationalSecurity,
        });
      });
    if (result) return result;
  }
}

/** One enterprise customer's report: the same figures over the demands it may see (row-level security). */
export async function computeTenantReport(
  db: Db,
  customerId: string,
  period: Period,
  now: Date,
): Promise<TransparencyReport> {
  return asTenant(db, customerId, async (tx) => {
    const rows = await tenantReportFactRows(tx, period);
    return assembleReport({
      scope: 'tenant',
      period,
      generatedAt: now,
      ledger: null,
      rows,
      countries: [],
      trend: await trendWithPeriod(period, halfYearsUpTo(period, TREND_HALVES), rows, (halves) =>
        reportTrend(tx, halves),
      ),
      nationalSecurity: null,
    });
  });
}
