/**
 * The decision stays true: when a fact of a demand changes (the requester is verified, the secrecy
 * order is vacated or changed, the targets are corrected, a document is added, or a reviewer asks),
 * the policy engine weighs the demand again, in the same transaction as the change. The new
 * decision replaces the current one on the demand; every decision is kept in decision_history with
 * what triggered it and what changed, in plain words. Earlier decisions are never rewritten.
 */
import type { Demand } from '../../domain/demand.ts';
import { emailDomain } from '../../domain/directory.ts';
import { clockLabel } from '../../domain/clocks.ts';
import { decisionFlags, decisionPacks, decisionRoute } from '../../domain/decision-facts.ts';
import { flagWords, routeWords } from '../../domain/plain-words.ts';
import { classifyRequesterDomain } from '../../domain/requester-domain.ts';
import type { WritEvent } from '../../domain/events.ts';
import type { Tx } from '../../store/database.ts';
import type { DemandPatch } from '../../store/demand-repository.ts';
import { lookupIntake } from '../../store/intake-batcher.ts';
import type { DecisionContext, WorkflowContext, WorkflowDecision } from '../context.ts';
import { courtOf, issuingTimeZoneOf } from '../weigh-demand.ts';

export const REWEIGH_TRIGGERS = [
  'intake',
  'requester_verified',
  'secrecy_order_changed',
  'targets_corrected',
  'document_added',
  'manual',
] as const;
export type ReweighTrigger = (typeof REWEIGH_TRIGGERS)[number];

/**
 * The demand's own record the engine and the history need, in one statement: its legal facts, the
 * requester's address, whether a call-back was recorded, the decision it carries now and whether
 * its history has begun. (Three statements before; each costs PostgreSQL a parse and a plan.)
 */
function readRecord(tx: Tx, demandId: string) {
  return tx
    .selectFrom('demands as d')
    .leftJoin('requesters as r', 'r.id', 'd.requester_id')
    .select((eb) => [
      'd.legal_facts',
      'd.decision',
      'r.email',
      eb
        .exists(
          eb
            .selectFrom('requester_checks as c')
            .select('c.demand_id')
            .whereRef('c.demand_id', '=', 'd.id')
            .where('c.kind', '=', 'callback'),
        )
        .as('called_back'),
      eb
        .exists(eb.selectFrom('decision_history as h').select('h.id').whereRef('h.demand_id', '=', 'd.id'))
        .as('has_history'),
    ])
    .where('d.id', '=', demandId)
    .executeTakeFirstOrThrow();
}
type DemandRecord = Awaited<ReturnType<typeof readRecord>>;

/** What the engine needs beyond the demand: the record above, and the directory read again. */
async function decisionContextOf(
  ctx: WorkflowContext,
  row: DemandRecord,
  demand: Demand,
  now: Date,
): Promise<DecisionContext> {
  const email = row.email ?? '';
  const lookup = await lookupIntake(ctx.db, {
    agencyId: demand.agencyId,
    email,
    ids: demand.targets.map((t) => ({ kind: t.kind, value: t.value })),
    court: courtOf(demand),
  });
  if (!lookup) throw new Error(`The agency of demand ${demand.reference} is not in the directory`);
  const resolved = [...lookup.targets.values()];
  return {
    now,
    customers: [
      ...new Map(
        resolved.map((t) => [
          t.customerId,
          { id: t.customerId, kind: t.customerKind, country: t.customerCountry, usPerson: t.usPerson },
        ]),
      ).values(),
    ],
    accountLocations: Object.fromEntries(
      resolved.flatMap((t) => (t.accountId && t.dataLocation ? [[t.accountId, t.dataLocation]] : [])),
    ),
    agencyKind: lookup.agency.kind,
    requesterDomainClass: classifyRequesterDomain(
      emailDomain(email),
      lookup.agency.verifiedDomains,
      lookup.allAgencyDomains,
    ),
    // Writ's own record: a confirmed requester was confirmed by a call-back to the directory's number.
    callbackConfirmed: Boolean(row.called_back) && demand.requesterVerification === 'verified',
    issuingTimeZone: issuingTimeZoneOf(lookup),
    legalFacts: row.legal_facts ?? {},
  };
}

/** The demand as the engine must see it: a vacated secrecy order binds no one any more. */
const policyView = (d: Demand): Demand => (d.challengeState === 'vacated' ? { ...d, secrecyOrder: null } : d);

/** What changed between two decisions, in plain words. */
export function decisionChanges(before: unknown, after: WorkflowDecision): string[] {
  const out: string[] = [];
  const was = decisionRoute(before);
  if (was !== after.route) out.push(`Recommendation: ${was ? routeWords(was) : 'none'} → ${routeWords(after.route)}`);
  const oldFlags = new Set(decisionFlags(before));
  const newFlags = new Set(after.flags);
  for (const f of newFlags) if (!oldFlags.has(f)) out.push(`Flag raised: ${flagWords(f)}`);
  for (const f of oldFlags) if (!newFlags.has(f)) out.push(`Flag cleared: ${flagWords(f)}`);
  const oldDeadline = (before as { responseDeadline?: { at?: string } | null } | null)?.responseDeadline?.at ?? null;
  if (oldDeadline !== after.responseDeadline)
    out.push(
      `${clockLabel('response_due')}: ${oldDeadline ? oldDeadline.slice(0, 16).replace('T', ' ') : 'none'} → ${after.responseDeadline ? after.responseDeadline.slice(0, 16).replace('T', ' ') : 'none'}`,
    );
  if (!out.length) out.push('The recommendation stands');
  return out;
}

/**
 * Weigh `after` (the demand as the change leaves it) again, record the decision in its history and
 * return the demand patch and event for the change's transaction.
 */
export async function reweighChange(
  ctx: WorkflowContext,
  tx: Tx,
  after: Demand,
  trigger: ReweighTrigger,
  facts: string[],
  now: Date,
): Promise<{ patch: DemandPatch; events: WritEvent[] }> {
  const prior = await readRecord(tx, after.id);
  const decision = ctx.decide(policyView(after), await decisionContextOf(ctx, prior, after, now));
  const history = [];
  // The first re-weighing keeps the intake decision too, so the history starts where the demand did.
  if (!prior.has_history && prior.decision) {
    const evaluatedAt = (prior.decision as { evaluatedAt?: string }).evaluatedAt ?? after.receivedAt;
    history.push({
      demand_id: after.id,
      decided_at: evaluatedAt,
      trigger: 'intake',
      changed: JSON.stringify([]),
      recommendation: decisionRoute(prior.decision) ?? 'unknown',
      pack_versions: JSON.stringify(decisionPacks(prior.decision)),
      decision: JSON.stringify(prior.decision),
    });
  }
  const changed = [...facts, ...decisionChanges(prior.decision, decision)];
  history.push({
    demand_id: after.id,
    decided_at: now,
    trigger,
    changed: JSON.stringify(changed),
    recommendation: decision.route,
    pack_versions: JSON.stringify(decisionPacks(decision.record)),
    decision: JSON.stringify(decision.record),
  });
  await tx.insertInto('decision_history').values(history).execute();
  // A response date the law fixed follows the new decision; one the instrument stated stays.
  const priorDeadline =
    (prior.decision as { responseDeadline?: { at?: string } | null } | null)?.responseDeadline?.at ?? null;
  const lawFixed = priorDeadline !== null && after.responseDeadline === new Date(priorDeadline).toISOString();
  return {
    patch: {
      decision: JSON.stringify(decision.record),
      ...(lawFixed || after.responseDeadline === null ? { response_deadline: decision.responseDeadline } : {}),
    },
    events: [
      {
        type: 'demand.reweighed',
        trigger,
        route: decision.route,
        previousRoute: decisionRoute(prior.decision),
        packs: decisionPacks(decision.record),
      },
    ],
  };
}
