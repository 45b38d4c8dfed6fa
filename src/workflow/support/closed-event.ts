/**
 * The `demand.closed` event, with the reporting dimensions it repeats from the demand so that a
 * transparency report can count outcomes from public ledger leaves alone.
 */
import type { Demand } from '../../domain/demand.ts';
import type { WritEvent } from '../../domain/events.ts';
import { accountsAffectedOf, utcDate } from '../../domain/report-facts.ts';
import type { Disposition } from '../../domain/vocabulary.ts';
import type { Tx } from '../../store/database.ts';
import { countEnterpriseTargets } from '../../store/report-repository.ts';

/** The closing event of `d` under `disposition` (one query: the customer kinds of its targets). */
export async function closedEvent(
  tx: Tx,
  d: Demand,
  disposition: Disposition,
  note: string | null,
): Promise<WritEvent> {
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
    enterpriseTargets: await countEnterpriseTargets(tx, d.id),
    accountsAffected: accountsAffectedOf(disposition, d.targets.length),
  };
}
