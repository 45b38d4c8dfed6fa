/**
 * The policy port's implementation: turns a demand and the facts around it into the engine's
 * input, runs the jurisdiction packs, and hands the workflow what it acts on. The full decision is
 * stored with the demand as it is, with the pack versions it used.
 */
import { EU_MEMBER_STATES } from '../domain/countries.ts';
import type { Demand } from '../domain/demand.ts';
import { type AgencyKind, requesterKindOfAgency } from '../domain/vocabulary.ts';
import {
  EU_INABILITY_GROUNDS,
  evaluate,
  loadPacks,
  type Decision,
  type EuInabilityGround,
  type JudicialRole,
  type PackSet,
  type PolicyInput,
} from '../policy/index.ts';
import type { Decide, DecisionContext, WorkflowDecision } from './context.ts';

const JUDICIAL: Record<string, JudicialRole> = {
  judge: 'judge',
  court: 'court',
  investigating_judge: 'investigating_judge',
  prosecutor: 'prosecutor',
};

/**
 * Who issued the instrument. The agency that serves a demand is often not its issuer: a police
 * department serves the warrant a judge signed, the Home Office the overseas production order a
 * court made. A demand that names its issuing court was issued by a court; otherwise the serving
 * agency is the issuer (a subpoena from a prosecutor, a request from the police itself). Whether
 * the court named really issued it is for the signature, the document and counsel to confirm.
 */
function issuerKind(d: Demand, ctx: DecisionContext): AgencyKind {
  return d.issuingCourt?.trim() ? 'court' : (ctx.agencyKind as AgencyKind);
}

/**
 * The judicial role of the issuer when the demand does not state it (EU orders, Art. 4 of
 * Regulation (EU) 2023/1543): a court that issued it is a court, a prosecutor's office a
 * prosecutor; any other authority has none of its own and needs its order validated.
 */
function roleOfIssuer(kind: AgencyKind): JudicialRole | null {
  return kind === 'court' ? 'court' : kind === 'prosecutor' ? 'prosecutor' : null;
}

const INABILITY = new Set<string>(EU_INABILITY_GROUNDS);

/** The engine's view of a demand, at `ctx.now`. */
export function toPolicyInput(d: Demand, ctx: DecisionContext): PolicyInput {
  const f = ctx.legalFacts as Record<string, string | boolean | number | undefined>;
  const locations = Array.isArray(ctx.legalFacts.targetLocations)
    ? (ctx.legalFacts.targetLocations as (string | null)[])
    : [];
  const customers = new Map(ctx.customers.map((c) => [c.id, c]));
  const issuer = issuerKind(d, ctx);
  const isEu =
    EU_MEMBER_STATES.has(d.jurisdiction) ||
    d.instrument === 'european_production_order' ||
    d.instrument === 'european_preservation_order';
  return {
    now: ctx.now.toISOString(),
    receivedAt: d.receivedAt,
    instrument: d.instrument,
    jurisdiction: d.jurisdiction,
    jurisdictionSubdivision: d.jurisdictionSubdivision,
    issuingAuthority: {
      kind: issuer,
      judicialRole:
        typeof f.issuingAuthority === 'string' ? (JUDICIAL[f.issuingAuthority] ?? 'other') : roleOfIssuer(issuer),
      validatedBy:
        f.validatedByJudge === true
          ? 'judge'
          : typeof f.validatedBy === 'string'
            ? (JUDICIAL[f.validatedBy] ?? null)
            : null,
    },
    issuedAt: d.issuedAt,
    signed: d.signed,
    issuingCourt: d.issuingCourt,
    dataCategories: d.dataCategories,
    dateRange: d.dateRange,
    identificationOnly: f.identificationOnly === true,
    targets: d.targets.map((t, i) => {
      const c = customers.get(t.customerId);
      return {
        customerKind: c?.kind ?? 'consumer',
        wholeTenant: t.accountId === null,
        residenceCountry: c?.country ?? null,
        usPerson: c?.usPerson ?? null,
        storageCountry: t.accountId ? (ctx.accountLocations[t.accountId] ?? null) : null,
        locatedIn: locations[i] ?? null,
      };
    }),
    emergency: d.emergency,
    requester: {
      verification: d.requesterVerification,
      emailDomainClass: ctx.requesterDomainClass,
      callbackConfirmed: ctx.callbackConfirmed,
    },
    secrecyOrder: d.secrecyOrder,
    offence: d.offence
      ? {
          description: d.offence.description,
          maxSentenceYears: d.offence.maxSentenceYears,
          listedOffence: f.listedOffence === true,
        }
      : null,
    eu: isEu
      ? {
          offenceCommittedInIssuingState: f.offenceCommittedInIssuingState === true,
          personResidesInIssuingState: f.personResidesInIssuingState === true,
          enforcingStateAnswer:
            (f.enforcingStateAnswer as 'none' | 'no_objection' | 'ground_for_refusal' | undefined) ?? 'none',
          controllerNotToBeInformed: f.controllerNotToBeInformed === true,
          inability:
            typeof f.euInability === 'string' && INABILITY.has(f.euInability)
              ? (f.euInability as EuInabilityGround)
              : 'none',
        }
      : null,
    preservationRenewals: typeof f.preservationRenewals === 'number' ? f.preservationRenewals : 0,
    preservationStartedAt: typeof f.preservationStartedAt === 'string' ? f.preservationStartedAt : null,
    statedDeadline: d.responseDeadline,
    noDataFound: f.noDataFound === true,
    requesterKind: requesterKindOfAgency(ctx.agencyKind),
    nondisclosureCertified: typeof f.nondisclosureCertified === 'boolean' ? f.nondisclosureCertified : null,
    tollBillingRecordsOnly: f.tollBillingRecordsOnly === true,
    issuingTimeZone: ctx.issuingTimeZone ?? null,
  };
}

/** What the workflow acts on, from a full decision. */
export function toWorkflowDecision(d: Decision): WorkflowDecision {
  return {
    route: d.route.route,
    notice: { mode: d.notice.mode, until: d.notice.until, reason: `${d.notice.reason} (${d.notice.citation})` },
    flags: d.flags.map((f) => f.code),
    responseDeadline: d.responseDeadline?.at ?? null,
    preservationUntil: d.preservation?.until ?? null,
    record: d,
  };
}

/** A Decide port over the packs in `policies/` (read once, at start). */
export function decideWithPolicy(packs: PackSet = loadPacks()): Decide {
  return (demand, ctx) => toWorkflowDecision(evaluate(toPolicyInput(demand, ctx), packs));
}
