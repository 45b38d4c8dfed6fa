/**
 * The national-security bands enter the public log once the law allows, and only then: for every
 * half-year whose § 1874(c) delay (180 days after it ends) has passed, one event
 * `report.national_security_banded` with the half-year and its bands (50 U.S.C. § 1874(a)(2)),
 * whose leaf carries them as its report record. A report's national-security section is then
 * recomputable from public leaves like every other figure, and `writ report verify` catches a
 * changed band.
 *
 * Every half-year from the first demand on gets its event, with or without national-security
 * process (a band of 0–499 is what a half-year without any reports), so the existence of the
 * event says nothing either. Exact counts stay here; the event holds bands only. One transaction
 * under an advisory lock, so two Writ processes never publish a half-year twice.
 */
import { SYSTEM } from '../domain/events.ts';
import { appendEvent } from '../store/event-repository.ts';
import type { Db } from '../store/database.ts';
import { lockLedger } from '../store/ledger-repository.ts';
import { bandedHalfYears, earliestDemandReceived, reportPeriodFacts } from '../store/report-repository.ts';
import { nationalSecuritySection } from '../reports/national-security.ts';
import { type Period, halfYearOf, nextDay } from '../reports/period.ts';

/** Publishes the bands of every half-year that may be published by `now` and is not yet; returns their labels. */
export async function publishNationalSecurityBands(db: Db, now: Date): Promise<string[]> {
  const today = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (tx) => {
    await lockLedger(tx, 'bands');
    const first = await earliestDemandReceived(tx);
    if (first === undefined) return [];
    const done = new Set(await bandedHalfYears(tx));
    const published: string[] = [];
    for (let h: Period = halfYearOf(first); ; h = halfYearOf(new Date(`${nextDay(h.last)}T00:00:00Z`))) {
      if (nationalSecuritySection(h, today, null).publishableFrom! > today) break;
      if (done.has(h.label)) continue;
      const { nationalSecurity } = await reportPeriodFacts(tx, h);
      const s = nationalSecuritySection(h, today, nationalSecurity);
      await appendEvent(
        tx,
        null,
        SYSTEM,
        {
          type: 'report.national_security_banded',
          period: h.label,
          nationalSecurityLetters: s.nationalSecurityLetters!,
          fisaContent: s.fisaContent!,
          fisaNonContent: s.fisaNonContent!,
        },
        now,
      );
      published.push(h.label);
    }
    return published;
  });
}
