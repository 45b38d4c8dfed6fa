/**
 * The closed vocabularies of a policy decision: routes, notice modes, flags, deadline kinds and
 * evaluation stages. Packs may only use these codes; the pack validator refuses anything else.
 */

/** What the legal team is advised to do with the demand as a whole. */
export const ROUTES = ['reject', 'clarify', 'redirect_to_customer', 'mlat', 'preserve_only', 'comply'] as const;
export type Route = (typeof ROUTES)[number];

/**
 * When several rules propose a route, the most protective one wins: an invalid demand is refused
 * before anything else, an unsettled requester or scope is settled before the customer is
 * engaged, the customer is asked before the requester is sent to the treaty channel, and the
 * provider only preserves or produces when nothing stands in the way. Earlier = stronger.
 */
export const ROUTE_PRECEDENCE: readonly Route[] = ROUTES;

/** Whether and when the customer (or user) hears about the demand. */
export const NOTICE_MODES = ['never', 'delayed', 'after_emergency', 'now'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/**
 * The strictest notice restriction wins: a statutory bar beats a secrecy order, which beats the
 * emergency hold, which beats the default of telling the customer now. Earlier = stronger.
 */
export const NOTICE_PRECEDENCE: readonly NoticeMode[] = NOTICE_MODES;

/** Things a lawyer must look at. Each flag carries the rule that raised it. */
export const FLAG_CODES = [
  'secrecy_order_challenge',
  'overbroad',
  'requester_verification_required',
  'comity_review',
  'enforcing_state_review',
  'national_security_band',
  'execution_period_expired',
  'no_data_found',
  'unsigned_instrument',
  'mlat_required',
  'us_person_target',
  'issuer_not_competent',
  'offence_threshold_not_met',
  'information_missing',
  'regime_not_applicable',
  'instrument_not_available',
  'preservation_extension_exhausted',
  'gdpr_transfer_review',
  'private_request', // a private party asks (18 U.S.C. 2702): kept apart from government demands
  'controller_not_addressed', // an EU order that should have gone to the controller (Reg. 2023/1543 Art. 5(6))
  'annex_iii_response', // the provider answers an EU order with the Annex III form (Reg. 2023/1543 Arts. 10, 11)
  'common_law_comity', // data or customer abroad outside the statutory motion of 18 U.S.C. 2703(h)(2)
  'state_law_review', // a state warrant whose execution period the packs do not encode
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/** Kinds of dated obligation a rule can set. Only `response` fills `Decision.responseDeadline`. */
export const DEADLINE_KINDS = [
  'response', // the law fixes when the data must be produced
  'transmit_not_before', // the provider must wait (e.g. an enforcing state's review window)
  'enforcing_review_ends', // a review window that runs alongside transmission
  'motion_to_quash', // the last day to file a motion to quash or modify
  'stated', // a date the requester stated without a legal basis for it
  'follow_up_process', // an emergency disclosure must be followed by legal process by then
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Rules run stage by stage across all packs. `assess` rules read only the demand; `settle` rules
 * may also read what `assess` concluded (flags, category verdicts); `route` rules run last and
 * may see whether a route has been proposed yet. This keeps results independent of pack order.
 */
export const STAGES = ['assess', 'settle', 'route'] as const;
export type Stage = (typeof STAGES)[number];

/** The judicial role of an EU issuing or validating authority (Regulation (EU) 2023/1543, Art. 4). */
export const JUDICIAL_ROLES = ['judge', 'court', 'investigating_judge', 'prosecutor', 'other'] as const;
export type JudicialRole = (typeof JUDICIAL_ROLES)[number];

/** How the requester's e-mail domain was classified against the agency directory. */
export const EMAIL_DOMAIN_CLASSES = ['verified', 'unknown', 'free_mail', 'look_alike'] as const;
export type EmailDomainClass = (typeof EMAIL_DOMAIN_CLASSES)[number];

/** What an EU enforcing authority has said about a notified order (Regulation (EU) 2023/1543, Art. 12). */
export const ENFORCING_STATE_ANSWERS = ['none', 'no_objection', 'ground_for_refusal'] as const;
export type EnforcingStateAnswer = (typeof ENFORCING_STATE_ANSWERS)[number];

export { REQUESTER_KINDS, type RequesterKind } from '../domain/vocabulary.ts';

/**
 * Why the provider cannot execute an EU order as it stands (Reg. (EU) 2023/1543, Arts. 10(6)-(8),
 * 11(5)-(7)); each is a reason under point (a) of the Annex III form and answered on it.
 */
export const EU_INABILITY_GROUNDS = [
  'none',
  'incomplete',
  'manifest_error',
  'insufficient_information',
  'data_not_held',
  'de_facto_impossibility',
] as const;
export type EuInabilityGround = (typeof EU_INABILITY_GROUNDS)[number];

/** Named country sets a pack may refer to without copying them. */
export const BUILTIN_SETS = ['eu_member_states'] as const;
export type BuiltinSet = (typeof BUILTIN_SETS)[number];
