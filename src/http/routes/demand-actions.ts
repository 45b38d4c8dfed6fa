/**
 * The state-changing actions on a demand, one route per use case. Each validates its body, lets the
 * access policy decide who may call it, runs the use case (which writes state, event and jobs in
 * one transaction) and answers with the demand as it now stands.
 */
import type { FastifyInstance } from 'fastify';
import { type TObject, Type as T } from '@sinclair/typebox';
import type { Demand } from '../../domain/demand.ts';
import type { Actor } from '../../domain/events.ts';
import { CHALLENGE_ACTIONS } from '../../domain/matter-state.ts';
import { DISPOSITIONS } from '../../domain/vocabulary.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { acceptDemand } from '../../workflow/accept-demand.ts';
import { approveDisclosure } from '../../workflow/approve-disclosure.ts';
import { changeChallenge } from '../../workflow/change-challenge.ts';
import { extendPreservation, releasePreservation } from '../../workflow/change-preservation.ts';
import { closeDemand } from '../../workflow/close-demand.ts';
import { confirmRequester } from '../../workflow/confirm-requester.ts';
import { moveNoticeRelease } from '../../workflow/move-notice-release.ts';
import { produceDisclosure } from '../../workflow/produce-disclosure.ts';
import { redirectDemand } from '../../workflow/redirect-demand.ts';
import { rejectDemand } from '../../workflow/reject-demand.ts';
import { releaseHeldNotice } from '../../workflow/release-held-notice.ts';
import { reopenDemand } from '../../workflow/reopen-demand.ts';
import { recordFollowUpProcess } from '../../workflow/record-follow-up-process.ts';
import { recordRequesterCallback } from '../../workflow/record-requester-callback.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { presentDemand } from '../presenters/demand.ts';

const Text = (max = 5000) => T.String({ minLength: 1, maxLength: max });
const Note = T.Object({ note: T.Optional(Text()) }, { additionalProperties: false });
/** Counsel's written reason for an action the decision advises against (see the demand's `actions`). */
const OverrideReason = T.Optional(T.String({ minLength: 10, maxLength: 2000 }));
const NoteOrOverride = T.Object(
  { note: T.Optional(Text()), overrideReason: OverrideReason },
  { additionalProperties: false },
);
const Reason = T.Object({ reason: Text() }, { additionalProperties: false });
const DateTime = T.String({ format: 'date-time' });

type Run = (ctx: WorkflowContext, demand: string, actor: Actor, body: any) => Promise<Demand>;

const ACTIONS: { path: string; summary: string; body: TObject; run: Run }[] = [
  {
    path: 'confirm-requester',
    summary: 'Record that the requester was confirmed by a call-back to the agency directory number',
    body: T.Object({ callbackNote: Text() }, { additionalProperties: false }),
    run: (ctx, demand, actor, b) => confirmRequester(ctx, { demand, actor, callbackNote: b.callbackNote }),
  },
  {
    path: 'reject',
    summary: 'Reject the demand',
    body: T.Object(
      { reason: Text(), requesterFailed: T.Optional(T.Boolean()), overrideReason: OverrideReason },
      { additionalProperties: false },
    ),
    run: (ctx, demand, actor, b) =>
      rejectDemand(ctx, {
        demand,
        actor,
        reason: b.reason,
        requesterFailed: b.requesterFailed ?? false,
        overrideReason: b.overrideReason,
      }),
  },
  {
    path: 'redirect',
    summary: 'Redirect the agency to the enterprise customer',
    body: NoteOrOverride,
    run: (ctx, demand, actor, b) =>
      redirectDemand(ctx, { demand, actor, note: b.note, overrideReason: b.overrideReason }),
  },
  {
    path: 'accept',
    summary: 'Accept as compelled: gather data for disclosure',
    body: NoteOrOverride,
    run: (ctx, demand, actor, b) =>
      acceptDemand(ctx, { demand, actor, note: b.note, overrideReason: b.overrideReason }),
  },
  {
    path: 'reopen',
    summary: 'Back to legal review (agency insists with compelled process)',
    body: Reason,
    run: (ctx, demand, actor, b) => reopenDemand(ctx, { demand, actor, reason: b.reason }),
  },
  {
    path: 'approve',
    summary: 'Approve the disclosure (two different approvers needed)',
    body: T.Object({}, { additionalProperties: false }),
    run: (ctx, demand, actor) => approveDisclosure(ctx, { demand, actor }),
  },
  {
    path: 'produce',
    summary: 'Record that the approved package was released',
    body: Note,
    run: (ctx, demand, actor, b) => produceDisclosure(ctx, { demand, actor, note: b.note }),
  },
  {
    path: 'close',
    summary: 'Close with a reporting disposition',
    body: T.Object(
      { disposition: T.Union(DISPOSITIONS.map((d) => T.Literal(d))), note: T.Optional(Text()) },
      { additionalProperties: false },
    ),
    run: (ctx, demand, actor, b) => closeDemand(ctx, { demand, actor, disposition: b.disposition, note: b.note }),
  },
  {
    path: 'notice/release',
    summary: 'Release the held customer notice now',
    body: Reason,
    run: (ctx, demand, actor, b) => releaseHeldNotice(ctx, { demand, actor, reason: b.reason }),
  },
  {
    path: 'notice/move-release',
    summary: 'Move the release date of a held notice (order extended or narrowed)',
    body: T.Object({ until: T.Union([DateTime, T.Null()]), reason: Text() }, { additionalProperties: false }),
    run: (ctx, demand, actor, b) => moveNoticeRelease(ctx, { demand, actor, until: b.until, reason: b.reason }),
  },
  {
    path: 'challenge',
    summary: 'Move the secrecy-order challenge along (flag, dismiss, file, ruling)',
    body: T.Object(
      {
        action: T.Union(CHALLENGE_ACTIONS.map((a) => T.Literal(a))),
        grounds: T.Optional(T.Array(Text(500), { maxItems: 20 })),
        note: T.Optional(Text()),
      },
      { additionalProperties: false },
    ),
    run: (ctx, demand, actor, b) =>
      changeChallenge(ctx, { demand, actor, action: b.action, grounds: b.grounds, note: b.note }),
  },
  {
    path: 'preservation/extend',
    summary: 'Extend the preservation on a renewed request',
    body: T.Object({ until: DateTime }, { additionalProperties: false }),
    run: (ctx, demand, actor, b) => extendPreservation(ctx, { demand, actor, until: b.until }),
  },
  {
    path: 'follow-up',
    summary: 'Record the legal process that followed an emergency disclosure',
    body: T.Object({ process: Text(200), note: T.Optional(Text()) }, { additionalProperties: false }),
    run: (ctx, demand, actor, b) => recordFollowUpProcess(ctx, { demand, actor, process: b.process, note: b.note }),
  },
  {
    path: 'requester-callback',
    summary: 'Record a call-back to the agency directory number (first half of confirming a requester)',
    body: T.Object({ note: Text() }, { additionalProperties: false }),
    run: (ctx, demand, actor, b) => recordRequesterCallback(ctx, { demand, actor, note: b.note }),
  },
  {
    path: 'preservation/release',
    summary: 'Release the preserved data',
    body: Note,
    run: (ctx, demand, actor, b) => releasePreservation(ctx, { demand, actor, note: b.note }),
  },
];

export function demandActionRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  for (const a of ACTIONS) {
    app.post(
      `/api/v1/demands/:ref/${a.path}`,
      {
        schema: {
          summary: a.summary,
          tags: ['demand actions'],
          params: T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) }),
          body: a.body,
        },
        // Actions whose fields are all optional may be posted without a body.
        preValidation: async (req) => {
          if (req.body === undefined || req.body === null) req.body = {};
        },
      },
      async (req) => {
        const caller = callerOf(req);
        const demand = await a.run(ctx, (req.params as { ref: string }).ref, actorOf(caller), req.body ?? {});
        return presentDemand(demand, caller);
      },
    );
  }
}
