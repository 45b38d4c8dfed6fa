/**
 * The `demand.closed` event, with the reporting dimensions it repeats from the demand so that a
 * transparency report can count outcomes from public ledger leaves alone.
 */
import type { Demand } from '../../domain/demand.ts';
import type { WritEvent } from '../../domain/events.ts';
import { accountsAffectedOf, utcDate } from '../../domain/report-facts.ts';
import type { Disposition } from '../../domain/vocabulary.ts';
import type { Tx } from '../../store/database.ts';
import { closingReportFacts } from '../../store/report-repository.ts';

/** The closing event of `d` under `disposition` (one query: the customer kinds of its targets, its requester). */
export async function closedEvent(
  tx: Tx,
  d: Demand,
  disposition: Disposition,
  note: string | null,
): Promise<WritEvent> {
  const facts = await closingReportFacts(tx, d.id);
  return {
    type: 'demand.closed',
    from: d.state,
    disposition,
    note,
    receivedOn: utcDate(d.receivedAt),
    instrument: d.instrument,
    jurisdiction: d.jurisdiction,
    dataCategories: d.dataCategories,
    emergency: !!d.emergency,
    enterpriseTargets: facts.enterpriseTargets,
    accountsAffected: accountsAffectedOf(disposition, d.targets.length),
    requesterKind: facts.requesterKind,
  };
}
