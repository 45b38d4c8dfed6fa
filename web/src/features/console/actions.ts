/**
 * The actions on a demand, as the console offers them. Which ones show comes from the same tables
 * the server enforces: the transition tables (src/domain/matter-state.ts) say what the demand's
 * current state allows, the access policy (src/http/access-policy.ts) says which roles may call
 * each route. The server still decides; this only hides buttons that could not succeed.
 */
import {
  CHALLENGE_TRACK,
  CLOSING_DISPOSITIONS,
  MATTER_TRACK,
  NOTICE_TRACK,
  PRESERVATION_TRACK,
  type ChallengeAction,
  type MatterAction,
} from '../../../../src/domain/matter-state.ts';
import type { Role } from '../../../../src/domain/principal.ts';
import { target, type Track } from '../../../../src/domain/state-machine.ts';
import { ACCESS_POLICY } from '../../../../src/http/access-policy.ts';
import type { StaffDemand } from '../../lib/api-types.ts';
import { humanize, localToIso } from '../../lib/format.ts';
import { dispositionLabel } from '../../lib/vocabulary.ts';

export type FieldKind = 'text' | 'textarea' | 'select' | 'checkbox' | 'datetime' | 'lines';

export interface ActionField {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** What to say when a required field is empty ("Enter the <label>" when not given). */
  missing?: string;
  /** Longest text accepted (the API's limit); 5,000 characters when not given. */
  max?: number;
  /** Shortest text accepted, when the API sets one. */
  min?: number;
  hint?: string;
  options?: { value: string; label: string }[];
}

export interface ActionSpec {
  /** The route under /api/v1/demands/:ref/. */
  path: string;
  label: string;
  /** What happens, in a sentence, shown above the form. */
  explain: string;
  fields: ActionField[];
  /** The request body from the form's values. */
  body(values: Record<string, string | boolean>): Record<string, unknown>;
  tone?: 'danger';
  done: string;
}

export type FormValues = Record<string, string | boolean>;

const MAX_TEXT = 5000;

const can = <S extends string, A extends string>(track: Track<S, A>, from: S, action: A) =>
  target(track, from, action) !== undefined;
const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');
const optional = (name: string, v: FormValues) => (text(v[name]) ? { [name]: text(v[name]) } : {});

const CHALLENGE_LABELS: Record<ChallengeAction, string> = {
  flag: 'Flag the secrecy order for challenge',
  dismiss: 'Dismiss the flag (no challenge)',
  file: 'Record that the challenge was filed',
  rule_upheld: 'Court ruling: order upheld',
  rule_narrowed: 'Court ruling: order narrowed',
  rule_vacated: 'Court ruling: order vacated',
};

const note: ActionField = { name: 'note', label: 'Note for the record', kind: 'textarea' };
const reason: ActionField = { name: 'reason', label: 'Reason', kind: 'textarea', required: true };

/** The actions the demand's current state allows, each with its form. */
export function actionsFor(d: StaffDemand): ActionSpec[] {
  const out: ActionSpec[] = [];
  const m = (a: MatterAction) => can(MATTER_TRACK, d.state, a);
  const happened = (type: string) => d.timeline?.some((e) => e.type === type);
  // Confirming a requester takes two steps: a call-back on the directory's number is recorded,
  // then the requester is confirmed. Without the timeline (not loaded), both are offered.
  const calledBack = d.timeline ? happened('demand.callback_recorded') : undefined;
  if (m('confirm_requester') && calledBack !== true) {
    out.push({
      path: 'requester-callback',
      label: 'Record call-back',
      explain:
        'Call the agency on the number in the agency directory (never a number given in the request) and record what it confirmed.',
      fields: [
        {
          name: 'note',
          label: 'What the agency confirmed',
          kind: 'textarea',
          required: true,
          missing: 'Say what the agency confirmed',
          hint: 'Who answered and what they confirmed about the request and the requester.',
        },
      ],
      body: (v) => ({ note: text(v.note) }),
      done: 'Call-back recorded; the requester can now be confirmed.',
    });
  }
  if (m('confirm_requester') && calledBack !== false) {
    out.push({
      path: 'confirm-requester',
      label: 'Confirm requester',
      explain:
        'The call-back confirmed the requester: the demand moves to legal review. For an emergency request, a second reviewer (not the one who called back) confirms.',
      fields: [
        {
          name: 'callbackNote',
          label: 'Why you are satisfied',
          kind: 'textarea',
          required: true,
          missing: 'Say why you are satisfied',
          hint: 'e.g. the call-back matched the request.',
        },
      ],
      body: (v) => ({ callbackNote: text(v.callbackNote) }),
      done: 'Requester confirmed; the demand is in legal review.',
    });
  }
  if (m('redirect')) {
    out.push({
      path: 'redirect',
      label: 'Redirect to customer',
      explain: 'Tell the agency to ask the enterprise customer directly. A redirect letter is sent to the requester.',
      fields: [note],
      body: (v) => optional('note', v),
      done: 'Redirected: the letter to the requester is queued.',
    });
  }
  if (m('accept')) {
    out.push({
      path: 'accept',
      label: 'Accept as compelled',
      explain:
        'The demand is valid and compels disclosure: gather the data. Disclosure then needs two approvals by two different people.',
      fields: [note],
      body: (v) => optional('note', v),
      done: 'Accepted: awaiting disclosure approval.',
    });
  }
  if (m('reject')) {
    out.push({
      path: 'reject',
      label: 'Reject',
      explain: 'Refuse the demand as invalid, insufficient or not from a real agency.',
      fields: [reason, { name: 'requesterFailed', label: 'The requester could not be confirmed', kind: 'checkbox' }],
      body: (v) => ({ reason: text(v.reason), ...(v.requesterFailed === true ? { requesterFailed: true } : {}) }),
      tone: 'danger',
      done: 'Rejected.',
    });
  }
  if (m('reopen')) {
    out.push({
      path: 'reopen',
      label: 'Reopen for review',
      explain: 'The agency insists with compelled process after the redirect: back to legal review.',
      fields: [reason],
      body: (v) => ({ reason: text(v.reason) }),
      done: 'Reopened: back in legal review.',
    });
  }
  if (m('approve')) {
    out.push({
      path: 'approve',
      label: 'Approve disclosure',
      explain:
        'Your approval of the disclosure package. Two different approvers are needed; the second approval moves the demand to approved.',
      fields: [],
      body: () => ({}),
      done: 'Approval recorded.',
    });
  }
  if (m('produce')) {
    out.push({
      path: 'produce',
      label: 'Record production',
      explain: 'The approved package was released to the verified requester.',
      fields: [note],
      body: (v) => optional('note', v),
      done: 'Production recorded.',
    });
  }
  if (m('close')) {
    const allowed = CLOSING_DISPOSITIONS[d.state];
    out.push({
      path: 'close',
      label: 'Close',
      explain:
        'Close the demand with the one disposition the transparency report counts. Only the dispositions true to what happened from this state are offered.',
      fields: [
        {
          name: 'disposition',
          label: 'Disposition',
          kind: 'select',
          required: true,
          options: allowed.map((x) => ({ value: x, label: dispositionLabel(x) })),
        },
        note,
      ],
      body: (v) => ({ disposition: text(v.disposition), ...optional('note', v) }),
      done: 'Closed.',
    });
  }
  if (can(NOTICE_TRACK, d.noticeState, 'release')) {
    out.push({
      path: 'notice/release',
      label: 'Release the notice now',
      explain: 'The secrecy order lapsed or was lifted: queue the customer notice now.',
      fields: [reason],
      body: (v) => ({ reason: text(v.reason) }),
      done: 'Notice released: delivery is queued.',
    });
  }
  if (can(NOTICE_TRACK, d.noticeState, 'move_release')) {
    out.push({
      path: 'notice/move-release',
      label: 'Move the release date',
      explain: 'The order was extended or narrowed: hold the notice until a new date.',
      fields: [
        {
          name: 'until',
          label: 'Hold until',
          kind: 'datetime',
          hint: 'Leave empty when the order now states no end date.',
        },
        reason,
      ],
      body: (v) => ({ until: localToIso(text(v.until)) || null, reason: text(v.reason) }),
      done: 'Release date moved.',
    });
  }
  // A challenge is of a secrecy order: without one there is nothing to flag.
  const challenge =
    d.secrecyOrder || d.challengeState !== 'none'
      ? CHALLENGE_TRACK.rows.filter((r) => r.from === d.challengeState).map((r) => r.action)
      : [];
  if (challenge.length) {
    out.push({
      path: 'challenge',
      label: 'Secrecy-order challenge',
      explain:
        'Move the challenge of the secrecy order along: flag, file, record the ruling. A vacated order releases the notice at once.',
      fields: [
        {
          name: 'action',
          label: 'Step',
          kind: 'select',
          required: true,
          options: challenge.map((a) => ({ value: a, label: CHALLENGE_LABELS[a] ?? humanize(a) })),
        },
        { name: 'grounds', label: 'Grounds', kind: 'lines', hint: 'One per line, e.g. "no individualized findings".' },
        note,
      ],
      body: (v) => {
        const grounds = text(v.grounds)
          .split('\n')
          .map((g) => g.trim())
          .filter(Boolean);
        return { action: text(v.action), ...(grounds.length ? { grounds } : {}), ...optional('note', v) };
      },
      done: 'Challenge updated.',
    });
  }
  if (happened('disclosure.follow_up_required') && !happened('disclosure.follow_up_received')) {
    out.push({
      path: 'follow-up',
      label: 'Record follow-up process',
      explain: 'The legal process that must follow the emergency disclosure has arrived.',
      fields: [
        {
          name: 'process',
          label: 'Reference of the process',
          kind: 'text',
          required: true,
          max: 200,
          hint: 'e.g. the reference of the warrant, or WR-2026-000812.',
        },
        note,
      ],
      body: (v) => ({ process: text(v.process), ...optional('note', v) }),
      done: 'Follow-up process recorded.',
    });
  }
  if (can(PRESERVATION_TRACK, d.preservationState, 'extend')) {
    out.push({
      path: 'preservation/extend',
      label: 'Extend preservation',
      explain: 'A renewed request: keep the data until a later date (once only).',
      fields: [{ name: 'until', label: 'Preserve until', kind: 'datetime', required: true }],
      body: (v) => ({ until: localToIso(text(v.until)) }),
      done: 'Preservation extended.',
    });
  }
  if (can(PRESERVATION_TRACK, d.preservationState, 'release')) {
    out.push({
      path: 'preservation/release',
      label: 'Release preserved data',
      explain: 'The preservation is no longer needed.',
      fields: [note],
      body: (v) => optional('note', v),
      done: 'Preservation released.',
    });
  }
  return out;
}

/**
 * The actions of this demand for someone with these roles: all of its state's, those the server
 * withholds (with why), and those offered to them (guarded where the decision advises against).
 */
export function offeredActions(demand: StaffDemand, roles: readonly Role[]) {
  const all = actionsFor(demand);
  // The server's word on each action, where it gives one: not offered (with why), or only with
  // counsel's written reason when the decision advises against it.
  const withheld = all
    .map((a) => ({ a, server: serverActionFor(demand, a) }))
    .filter(({ server }) => server && !server.allowed);
  const mine = all
    .filter((a) => allowedFor(a, roles) && !withheld.some((w) => w.a === a))
    .map((a) => guarded(a, serverActionFor(demand, a)));
  return { all, withheld, mine };
}

/** May someone with these roles call this action's route? */
export function allowedFor(spec: ActionSpec, roles: readonly Role[]): boolean {
  const access = ACCESS_POLICY[`POST /api/v1/demands/:ref/${spec.path}`];
  return access === 'public' || (access?.some((r) => roles.includes(r)) ?? false);
}

/** Problems with a form's values, by field name; empty when it may be sent. */
/** What the server says of an action on this demand (detail `actions`), when it says anything. */
export type ServerAction = NonNullable<StaffDemand['actions']>[number];

export function serverActionFor(d: StaffDemand, spec: ActionSpec): ServerAction | undefined {
  const norm = (s: string) => s.replace(/[-/]/g, '_');
  return d.actions?.find((a) => norm(a.action) === norm(spec.path) || a.label === spec.label);
}

/**
 * An action the decision advises against needs counsel's written reason (10 to 2,000 characters),
 * sent as `overrideReason` and kept in the timeline.
 */
export function guarded(spec: ActionSpec, server: ServerAction | undefined): ActionSpec {
  if (!server?.requiresReason) return spec;
  return {
    ...spec,
    explain: `${spec.explain} The decision advises against it: ${server.advisedAgainst ?? 'see the policy decision'}.`,
    fields: [
      ...spec.fields,
      {
        name: 'overrideReason',
        label: "Counsel's written reason",
        kind: 'textarea',
        required: true,
        min: 10,
        max: 2000,
        hint: 'Why this is right despite the decision: it goes into the timeline.',
      },
    ],
    body: (v) => ({ ...spec.body(v), overrideReason: text(v.overrideReason) }),
  };
}

export function validateAction(spec: ActionSpec, v: FormValues, now = Date.now()): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of spec.fields) {
    const value = v[f.name];
    const s = text(value);
    const max = f.max ?? MAX_TEXT;
    if (f.required && f.kind !== 'checkbox' && !s) errors[f.name] = f.missing ?? `Enter the ${f.label.toLowerCase()}`;
    else if (s.length > max) errors[f.name] = `${f.label} must be at most ${max} characters`;
    else if (f.min && s.length < f.min) errors[f.name] = `${f.label} must be at least ${f.min} characters`;
    else if (f.kind === 'select' && s && !f.options?.some((o) => o.value === s))
      errors[f.name] = `Choose one of the listed options`;
    else if (f.kind === 'datetime' && s && !localToIso(s)) errors[f.name] = `${f.label} is not a valid date and time`;
    else if (f.kind === 'datetime' && s && f.name === 'until' && new Date(s).getTime() <= now)
      errors[f.name] = `${f.label} must be in the future`;
    else if (f.kind === 'lines' && s.split('\n').some((l) => l.trim().length > 500))
      errors[f.name] = 'Each line must be at most 500 characters';
  }
  return errors;
}
