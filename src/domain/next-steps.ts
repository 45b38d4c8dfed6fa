/**
 * Actions follow the decision: for a demand in its state, every action the viewer's role may take,
 * whether it is allowed now, whether the policy's recommendation advises against it (then counsel
 * must write a reason), and what the demand waits for next. An action that would leave the demand
 * with no next step (a redirect with no enterprise customer to answer it, an approval with no
 * package to approve) is not allowed, and says why. Pure: the facts are read by the caller.
 */
import type { Demand } from './demand.ts';
import { routeWords } from './plain-words.ts';

export interface StepFacts {
  demand: Pick<Demand, 'state' | 'emergency' | 'instrument' | 'preservationState'>;
  /** The current decision's route (e.g. "redirect_to_customer"), or null when none is stored. */
  route: string | null;
  /** Targets that belong to an enterprise customer. */
  enterpriseTargets: number;
  /** A disclosure package has been prepared. */
  packagePrepared: boolean;
  /** Who prepared the latest package (an actor label such as "staff:ana"), when one is prepared. */
  preparedBy: string | null;
  /** Who has approved the package so far, as actor labels. */
  approvers: string[];
  /** Who recorded the latest call-back to the agency directory's number, when one is recorded. */
  callbackBy: string | null;
  /** The agency answered a redirect insisting with legal process. */
  agencyInsists: boolean;
}

export interface ActionOffer {
  action: string;
  label: string;
  allowed: boolean;
  advisedAgainst: string | null;
  requiresReason: boolean;
  why: string | null;
}

/** The actions whose route carries `overrideReason` when the decision advises against them. */
export const GUARDED_ACTIONS = ['redirect', 'accept', 'reject'] as const;
export type GuardedAction = (typeof GUARDED_ACTIONS)[number];

const LABELS: Record<string, string> = {
  'requester-callback': 'Record the call-back to the agency',
  'confirm-requester': 'Confirm the requester',
  reject: 'Reject',
  redirect: 'Redirect to the customer',
  accept: 'Accept as compelled',
  reopen: 'Reopen for legal review',
  package: 'Prepare the disclosure package',
  approve: 'Approve disclosure',
  produce: 'Record production',
  'follow-up': 'Record the follow-up legal process',
  close: 'Close',
};

/** Actions by the state they may be taken from (in the order a reviewer would consider them). */
const BY_STATE: Record<string, string[]> = {
  received: ['close'],
  verifying_requester: ['requester-callback', 'confirm-requester', 'reject', 'close'],
  legal_review: ['redirect', 'accept', 'reject', 'close'],
  redirected: ['reopen', 'close'],
  rejected: ['close'],
  awaiting_disclosure: ['package', 'approve', 'close'],
  approved: ['produce', 'close'],
  produced: ['follow-up', 'close'],
  closed: [],
};

/**
 * The two-person rules, in the words both the use cases' refusals and the offered actions use: the
 * server refuses these, and the console does not offer to the person who would be refused.
 */
export const SAME_PERSON = {
  approveOwnPackage: 'The preparer of a package cannot approve it; two other people must',
  approveTwice: 'You have already approved this disclosure; a second, different person must approve',
  confirmOwnCallback:
    'An emergency request needs a second reviewer: the one who made the call-back cannot also confirm',
} as const;

const NO_ENTERPRISE = 'No target belongs to an enterprise customer: a redirect has no one to go to';

/** Why the decision advises against a guarded action, or null when it does not. */
export function adviceAgainst(action: string, f: Pick<StepFacts, 'route'>): string | null {
  const route = f.route;
  if (!route) return null;
  const recommended = `The recommendation is to ${routeWords(route).toLowerCase()}`;
  if (action === 'redirect' && route !== 'redirect_to_customer') return `${recommended}, not to redirect`;
  if (action === 'accept') {
    if (route === 'preserve_only')
      return 'The instrument compels preservation only: producing data on it goes beyond what is compelled';
    if (route !== 'comply') return `${recommended}, not to produce`;
  }
  if (action === 'reject' && (route === 'comply' || route === 'preserve_only'))
    return `${recommended}: the demand appears valid and compelling`;
  return null;
}

/**
 * Why an action may not be taken now, or null: it would leave the demand with no next step, or the
 * viewer (an actor label; null when not known) is the one person a two-person rule excludes.
 */
export function blockedBecause(action: string, f: StepFacts, viewer: string | null = null): string | null {
  if (action === 'redirect' && f.enterpriseTargets === 0) return NO_ENTERPRISE;
  if (action === 'approve' && !f.packagePrepared)
    return 'Prepare the disclosure package first: there is nothing to approve';
  if (action === 'approve' && viewer !== null && viewer === f.preparedBy) return SAME_PERSON.approveOwnPackage;
  if (action === 'approve' && viewer !== null && f.approvers.includes(viewer)) return SAME_PERSON.approveTwice;
  if (action === 'confirm-requester' && !f.callbackBy)
    return "Record a call-back to the agency directory's number first";
  if (action === 'confirm-requester' && f.demand.emergency && viewer !== null && viewer === f.callbackBy)
    return SAME_PERSON.confirmOwnCallback;
  if (action === 'follow-up' && !f.demand.emergency) return 'Only an emergency disclosure needs follow-up process';
  return null;
}

/**
 * Every action of the demand's state that `mayTake` allows, with its advice and whether the viewer
 * (an actor label, for the two-person rules) may take it now.
 */
export function actionsFor(
  f: StepFacts,
  mayTake: (action: string) => boolean,
  viewer: string | null = null,
): ActionOffer[] {
  return (BY_STATE[f.demand.state] ?? [])
    .filter((a) => mayTake(a))
    .filter((a) => !(a === 'follow-up' && !f.demand.emergency))
    .map((action) => {
      const why = blockedBecause(action, f, viewer);
      const advisedAgainst = why ? null : adviceAgainst(action, f);
      return {
        action,
        label: LABELS[action] ?? action,
        allowed: why === null,
        advisedAgainst,
        requiresReason: advisedAgainst !== null,
        why,
      };
    });
}

/** What the demand waits for, and the action that moves it on (null when it waits on others). */
export function nextStepOf(f: StepFacts): { label: string; action: string | null } {
  const route = f.route;
  switch (f.demand.state) {
    case 'received':
      return { label: 'Triage: check the requester, then legal review', action: null };
    case 'verifying_requester':
      return f.callbackBy
        ? { label: 'Confirm the requester (a second reviewer for an emergency)', action: 'confirm-requester' }
        : { label: "Call the agency back on the directory's number", action: 'requester-callback' };
    case 'legal_review':
      if (route === 'redirect_to_customer' && f.enterpriseTargets > 0)
        return { label: 'Redirect the agency to the enterprise customer', action: 'redirect' };
      if (route === 'comply') return { label: 'Accept as compelled and gather the data', action: 'accept' };
      if (route === 'reject' || route === 'mlat') return { label: 'Reject, with the reason', action: 'reject' };
      if (route === 'preserve_only') return { label: 'Preserve the data; close as preserved only', action: 'close' };
      if (route === 'clarify') return { label: 'Clarify with the requester, then decide', action: null };
      return { label: "Counsel's decision: redirect, accept or reject", action: null };
    case 'redirected':
      return f.agencyInsists
        ? { label: 'The agency insists with legal process: reopen for review', action: 'reopen' }
        : { label: "Waiting for the agency's or the customer's answer to the redirect", action: null };
    case 'rejected':
      return { label: 'Close as rejected', action: 'close' };
    case 'awaiting_disclosure':
      if (!f.packagePrepared) return { label: 'Prepare the disclosure package', action: 'package' };
      return {
        label: f.approvers.length === 0 ? 'Two approvals needed' : 'A second, different approver is needed',
        action: 'approve',
      };
    case 'approved':
      return { label: 'Release the package to the officer, then record production', action: 'produce' };
    case 'produced':
      return { label: 'Close with what was disclosed', action: 'close' };
    default:
      return { label: 'Closed', action: null };
  }
}
