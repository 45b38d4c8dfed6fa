/**
 * Reading and weighing a submitted demand, before anything is written: the agency and requester,
 * the targets resolved to accounts and customers, the requester's e-mail domain, the policy
 * decision and where the demand would start on each track. Intake stores the result; the evaluate
 * endpoint returns it as a dry run.
 */
import { randomUUID } from 'node:crypto';
import type { Demand } from '../domain/demand.ts';
import { emailDomain, normalizeIdentifier, type Agency, type Requester } from '../domain/directory.ts';
import { invalid } from '../domain/errors.ts';
import { initialTracks } from '../domain/initial-tracks.ts';
import { classifyRequesterDomain, type DomainClass } from '../domain/requester-domain.ts';
import { lookupIntake } from '../store/intake-batcher.ts';
import { findAgencyDemandByReference } from '../store/intake-links.ts';
import type { ResolvedTarget } from '../store/intake-repository.ts';
import { type IdentifierKind, type RequesterKind, requesterKindOfAgency } from '../domain/vocabulary.ts';
import type { WorkflowContext, WorkflowDecision } from './context.ts';
import type { DemandIntake } from './schemas/demand-intake.ts';

export interface WeighedDemand {
  /** The demand as it would be stored (no reference or documents yet). */
  demand: Demand;
  decision: WorkflowDecision;
  agency: Agency;
  requester: Requester;
  /** True when this requester has not written to the provider before. */
  requesterIsNew: boolean;
  domainClass: DomainClass;
  /** What the transparency report counts about the targets and the requester (written into the demand.received event). */
  targetFacts: TargetFacts;
  /**
   * The legal facts stored with the demand: those submitted, with what intake derived (the target
   * locations, and for a renewal the preservation it extends: its start and the renewal count).
   */
  legalFacts: Record<string, unknown>;
}

/**
 * Enterprise targets, whether any named account keeps its data outside the requesting country, and
 * whether the agency is a government authority or a private party (a civil litigant).
 */
export interface TargetFacts {
  enterpriseTargets: number;
  extraterritorial: boolean;
  requesterKind: RequesterKind;
}

/**
 * Timestamps are kept to the millisecond, as JavaScript and the API present them: a value sent with
 * microseconds would otherwise be stored finer than any cursor or comparison made from it.
 */
const ms = (v: string | null | undefined): string | null => (v ? new Date(v).toISOString() : null);

/**
 * A target as a caller who may not learn what the directory knows of it sees it: an account (or, for
 * a domain, a whole tenant) of a customer of unknown kind, residence and storage place.
 */
function blindTarget(t: { kind: IdentifierKind; value: string }): ResolvedTarget {
  return {
    ...t,
    customerId: randomUUID(),
    accountId: t.kind === 'domain' ? null : randomUUID(),
    customerKind: 'consumer',
    customerCountry: '',
    usPerson: null,
    dataLocation: null,
  };
}

/**
 * Weigh a validated intake at `now`. Throws invalid_input for an unknown agency or target. With
 * `blind`, the targets are not looked up at all (see blindTarget): the decision then turns only on
 * what the demand itself says, and tells nothing about who the identifiers belong to.
 */
/** What the server, not the submitter, knows of how a demand arrived. */
export interface ArrivalFacts {
  /** When the message carrying the demand was received (mail intake). */
  receivedAt?: Date;
  /** The sender could not be shown to write for a verified agency domain (mail intake): the requester is checked whatever its standing. */
  senderUnauthenticated?: boolean;
}

export async function weighDemand(
  ctx: WorkflowContext,
  input: DemandIntake,
  now: Date,
  { blind = false, arrival = {} }: { blind?: boolean; arrival?: ArrivalFacts } = {},
): Promise<WeighedDemand> {
  const requesterEmail = input.requester.email.trim().toLowerCase();
  const targets = input.targets.map((t) => ({ kind: t.kind, value: normalizeIdentifier(t.kind, t.value) }));
  // A warrant's issuing court: its time zone in the directory counts the warrant's execution days.
  const court = courtOf(input);
  const lookup = await lookupIntake(ctx.db, {
    agencyId: input.agencyId,
    email: requesterEmail,
    ids: blind ? [] : targets,
    court,
  });
  if (!lookup) throw invalid([{ pointer: '/agencyId', detail: 'names no agency in the directory' }]);
  const resolved = blind ? new Map(targets.map((t) => [`${t.kind}:${t.value}`, blindTarget(t)])) : lookup.targets;
  const unresolved = targets.flatMap((t, i) =>
    resolved.has(`${t.kind}:${t.value}`)
      ? []
      : [{ pointer: `/targets/${i}`, detail: `${t.kind} "${t.value}" resolves to no customer account` }],
  );
  if (unresolved.length) throw invalid(unresolved);

  const { agency } = lookup;
  const domainClass = classifyRequesterDomain(
    emailDomain(requesterEmail),
    agency.verifiedDomains,
    lookup.allAgencyDomains,
  );
  // A portal officer's account exists only for a verified agency domain; any other first contact starts unverified.
  const requester = lookup.requester ?? {
    id: randomUUID(),
    agencyId: agency.id,
    name: input.requester.name,
    email: requesterEmail,
    phone: input.requester.phone ?? null,
    verification:
      input.channel === 'agency_portal' && domainClass === 'verified' ? ('verified' as const) : ('unverified' as const),
  };

  const resolvedTargets = targets.map((t) => resolved.get(`${t.kind}:${t.value}`)!);
  const legalFacts: Record<string, unknown> = { ...(input.legalFacts ?? {}) };
  if (input.targets.some((t) => t.locatedIn))
    legalFacts.targetLocations = input.targets.map((t) => t.locatedIn ?? null);
  if (input.renewsReference) Object.assign(legalFacts, await renewalFacts(ctx, agency.id, input));
  const issuingTimeZone = issuingTimeZoneOf(lookup);
  const receivedAt = arrival.receivedAt ?? (input.receivedAt ? new Date(input.receivedAt) : now);
  const draft: Demand = {
    id: randomUUID(),
    reference: '',
    receivedAt: receivedAt.toISOString(),
    channel: input.channel,
    agencyId: agency.id,
    requesterId: requester.id,
    requesterVerification: requester.verification,
    jurisdiction: input.jurisdiction,
    jurisdictionSubdivision: input.jurisdictionSubdivision ?? null,
    instrument: input.instrument,
    issuedAt: ms(input.issuedAt),
    issuingCourt: input.issuingCourt ?? null,
    caseNumber: input.caseNumber ?? null,
    signed: input.signed,
    targets: resolvedTargets.map((t) => ({
      kind: t.kind,
      value: t.value,
      accountId: t.accountId,
      customerId: t.customerId,
    })),
    dataCategories: input.dataCategories,
    dateRange: { from: ms(input.dateRange?.from), to: ms(input.dateRange?.to) },
    emergency: input.emergency ?? null,
    secrecyOrder: input.secrecyOrder
      ? {
          ...input.secrecyOrder,
          issuedAt: ms(input.secrecyOrder.issuedAt)!,
          expiresAt: ms(input.secrecyOrder.expiresAt),
        }
      : null,
    offence: input.offence
      ? { description: input.offence.description, maxSentenceYears: input.offence.maxSentenceYears }
      : null,
    documents: [],
    responseDeadline: ms(input.responseDeadline),
    state: 'received',
    noticeState: 'pending',
    noticeHeldUntil: null,
    challengeState: 'none',
    preservationState: 'none',
    preservedUntil: null,
    disposition: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const customers = blind
    ? []
    : [
        ...new Map(
          resolvedTargets.map((t) => [
            t.customerId,
            { id: t.customerId, kind: t.customerKind, country: t.customerCountry, usPerson: t.usPerson },
          ]),
        ).values(),
      ];
  const decision = ctx.decide(draft, {
    now,
    customers,
    accountLocations: Object.fromEntries(
      resolvedTargets.flatMap((t) => (t.accountId && t.dataLocation ? [[t.accountId, t.dataLocation]] : [])),
    ),
    agencyKind: agency.kind,
    requesterDomainClass: domainClass,
    // A call-back is recorded on a demand that exists: none can have been made for one being submitted.
    callbackConfirmed: false,
    legalFacts: {
      ...(input.offence?.listedOffence !== undefined ? { listedOffence: input.offence.listedOffence } : {}),
      ...legalFacts,
    },
    issuingTimeZone,
  });
  const tracks = initialTracks(requester.verification === 'verified' && !arrival.senderUnauthenticated, decision);
  const demand: Demand = {
    ...draft,
    ...tracks,
    responseDeadline: draft.responseDeadline ?? ms(decision.responseDeadline),
  };
  const targetFacts: TargetFacts = {
    enterpriseTargets: resolvedTargets.filter((t) => t.customerKind === 'enterprise').length,
    extraterritorial: resolvedTargets.some(
      (t) => t.accountId !== null && t.dataLocation != null && t.dataLocation !== input.jurisdiction,
    ),
    requesterKind: requesterKindOfAgency(agency.kind),
  };
  return {
    demand,
    decision,
    agency,
    requester,
    requesterIsNew: !lookup.requester,
    domainClass,
    targetFacts,
    legalFacts,
  };
}

/** The court whose time zone counts a demand's execution days: a warrant's issuing court. */
export function courtOf(d: { instrument: string; issuingCourt?: string | null }): string | null {
  return d.instrument === 'search_warrant' ? (d.issuingCourt ?? null) : null;
}

/**
 * Execution days count in the issuing court's time zone: a court serving its own order has its
 * own; a warrant names its court, looked up by name among the directory's courts; failing that,
 * the serving agency's zone (it serves the courts of its area); null (UTC) when none is known.
 */
export function issuingTimeZoneOf(lookup: { agency: Agency; courtTimeZone: string | null }): string | null {
  const { agency } = lookup;
  return agency.kind === 'court' ? (agency.timeZone ?? null) : (lookup.courtTimeZone ?? agency.timeZone ?? null);
}

/**
 * A renewal is linked to the preservation it extends (18 U.S.C. 2703(f)(2); Reg. (EU) 2023/1543,
 * Art. 11(1)): the chain starts with the first request's receipt, and this renewal is one more.
 * The linked demand must be the same agency's and the same kind of preservation.
 */
async function renewalFacts(
  ctx: WorkflowContext,
  agencyId: string,
  input: DemandIntake,
): Promise<{ preservationStartedAt: string; preservationRenewals: number; renews: string }> {
  const reference = input.renewsReference as string;
  const linked = await findAgencyDemandByReference(ctx.db, agencyId, reference);
  if (!linked) throw invalid([{ pointer: '/renewsReference', detail: `names no demand of this agency` }]);
  if (linked.instrument !== input.instrument)
    throw invalid([{ pointer: '/renewsReference', detail: `names a ${linked.instrument}, not a ${input.instrument}` }]);
  const started = linked.legalFacts.preservationStartedAt;
  const renewals = linked.legalFacts.preservationRenewals;
  return {
    preservationStartedAt: typeof started === 'string' ? started : linked.receivedAt,
    preservationRenewals: (typeof renewals === 'number' ? renewals : 0) + 1,
    renews: reference,
  };
}
