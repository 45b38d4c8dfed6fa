/**
 * Takes one demo demand through what a legal team would have done with it, step by step through
 * the real use cases, stopping at "today": old demands end closed, recent ones stay open at
 * whatever stage they have reached.
 */
import type { Demand } from '../domain/demand.ts';
import { SYSTEM, type Actor } from '../domain/events.ts';
import type { WorkflowContext } from '../workflow/context.ts';
import { acceptDemand } from '../workflow/accept-demand.ts';
import { approveDisclosure } from '../workflow/approve-disclosure.ts';
import { changeChallenge } from '../workflow/change-challenge.ts';
import { releasePreservation } from '../workflow/change-preservation.ts';
import { closeDemand } from '../workflow/close-demand.ts';
import { confirmRequester } from '../workflow/confirm-requester.ts';
import { recordRequesterCallback } from '../workflow/record-requester-callback.ts';
import { produceDisclosure } from '../workflow/produce-disclosure.ts';
import { prepareDisclosurePackage } from '../workflow/prepare-disclosure-package.ts';
import type { NoteSigner } from '../ledger/note-keys.ts';
import { recordNoticeSent } from '../workflow/record-notice-sent.ts';
import { redirectDemand } from '../workflow/redirect-demand.ts';
import { rejectDemand } from '../workflow/reject-demand.ts';
import { releaseHeldNotice } from '../workflow/release-held-notice.ts';
import { reopenDemand } from '../workflow/reopen-demand.ts';
import type { Random } from './random.ts';
import { adviceAgainst } from '../domain/next-steps.ts';
import { addDemandDocument } from '../workflow/add-demand-document.ts';
import type { DemandIntake } from '../workflow/schemas/demand-intake.ts';
import { renderDemandDocument } from './demand-document.ts';
import type { DemoAgency } from './directory-data.ts';
import { DESK_STAGES, type DeskStage } from './generate-demands.ts';

const HOUR = 3_600_000;

class StopHere extends Error {}

/** What every demo demand is played with: today, the demo staff by key, the loader's clock, the manifest signer. */
export interface PlayOptions {
  today: Date;
  staff: Record<string, string>;
  setClock: (t: Date) => void;
  signer: NoteSigner;
}

export async function playLifecycle(
  ctx: WorkflowContext,
  rng: Random,
  start: Demand,
  { today, staff, setClock, signer }: PlayOptions,
): Promise<void> {
  let t = new Date(start.receivedAt).getTime();
  let d = start;
  const as = (key: string): Actor => ({ kind: 'staff', id: staff[key]! });
  /** Advance the clock by `hours` (some jitter); stop once past today. */
  const at = (hours: number) => {
    t += hours * HOUR * (0.5 + rng.next());
    if (t > today.getTime()) throw new StopHere();
    setClock(new Date(t));
  };
  const routeNow = async () => {
    const row = await ctx.db.selectFrom('demands').select('decision').where('id', '=', d.id).executeTakeFirstOrThrow();
    return (row.decision as { route?: { route?: string } } | null)?.route?.route ?? 'comply';
  };
  let route = await routeNow();
  const ref = d.id;
  const emergency = !!d.emergency;

  try {
    // The customer hears first where the law allows (the outbox would deliver within minutes).
    if (d.noticeState === 'pending') {
      at(0.2);
      d = await recordNoticeSent(ctx, { demand: ref, actor: SYSTEM, recipients: 2, channels: ['email'] });
    }
    if (d.state === 'verifying_requester') {
      at(emergency ? 1 : 24);
      const suspicious = !/\.example$/.test((await requesterEmail(ctx, d)) ?? '');
      if (suspicious || rng.chance(0.05)) {
        d = await rejectDemand(ctx, {
          demand: ref,
          actor: as('reviewer'),
          reason: 'The requester could not be confirmed by a call-back to the agency’s directory number',
          requesterFailed: true,
        });
        at(2);
        d = await closeDemand(ctx, { demand: ref, actor: as('reviewer'), disposition: 'rejected' });
        return;
      }
      d = await recordRequesterCallback(ctx, {
        demand: ref,
        actor: as('reviewer'),
        note: 'Called the directory number; the duty officer confirmed the request',
      });
      at(emergency ? 0.3 : 2);
      d = await confirmRequester(ctx, {
        demand: ref,
        actor: as('reviewer2'),
        callbackNote: 'Second review: the call-back matches the request',
      });
      // A verified requester was weighed again: the recommendation may have changed.
      route = await routeNow();
    }
    if (d.challengeState === 'flagged' && rng.chance(0.5)) {
      at(72);
      d = await changeChallenge(ctx, {
        demand: ref,
        actor: as('reviewer'),
        action: 'file',
        grounds: ['overlong or indefinite secrecy order'],
      });
    }
    at(emergency ? 2 : 48);
    if (route === 'reject' || route === 'mlat') {
      d = await rejectDemand(ctx, {
        demand: ref,
        actor: as('reviewer'),
        reason:
          route === 'mlat'
            ? 'Content must be sought through mutual legal assistance'
            : 'The instrument does not reach the data requested',
      });
      at(24);
      d = await closeDemand(ctx, { demand: ref, actor: as('reviewer'), disposition: 'rejected' });
    } else if (route === 'clarify') {
      at(240);
      d = await closeDemand(ctx, {
        demand: ref,
        actor: as('reviewer'),
        disposition: 'withdrawn',
        note: 'The agency did not answer our request for clarification',
      });
    } else if (route === 'preserve_only') {
      at(24);
      d = await closeDemand(ctx, { demand: ref, actor: as('reviewer'), disposition: 'preserved_only' });
      if (
        d.preservationState !== 'none' &&
        d.preservedUntil &&
        new Date(d.preservedUntil).getTime() < today.getTime()
      ) {
        t = Math.max(t, new Date(d.preservedUntil).getTime());
        at(1);
        d = await releasePreservation(ctx, { demand: ref, actor: SYSTEM, note: 'preservation period ended' });
      }
    } else if (route === 'redirect_to_customer' && !rng.chance(0.15)) {
      d = await redirectDemand(ctx, { demand: ref, actor: as('reviewer') });
      at(24 * 14);
      d = await closeDemand(ctx, {
        demand: ref,
        actor: as('reviewer'),
        disposition: rng.chance(0.85) ? 'redirected_to_customer' : 'withdrawn',
      });
    } else {
      if (route === 'redirect_to_customer') {
        d = await redirectDemand(ctx, { demand: ref, actor: as('reviewer') });
        at(24 * 10);
        d = await reopenDemand(ctx, {
          demand: ref,
          actor: as('reviewer2'),
          reason: 'The agency served a search warrant after the customer declined to answer',
        });
      }
      at(24);
      d = await acceptDemand(ctx, {
        demand: ref,
        actor: as('reviewer'),
        ...(route === 'comply'
          ? {}
          : { overrideReason: 'The agency served compelled process after the customer declined to answer it' }),
      });
      at(48);
      if (rng.chance(0.1)) {
        d = await closeDemand(ctx, { demand: ref, actor: as('reviewer'), disposition: 'no_data_found' });
      } else {
        ({ demand: d } = await prepareDisclosurePackage(ctx, {
          demand: ref,
          actor: as('reviewer'),
          files: [{ name: 'records.txt', mediaType: 'text/plain', bytes: recordsOf(d) }],
          signer,
        }));
        at(4);
        d = await approveDisclosure(ctx, { demand: ref, actor: as('approver') });
        at(4);
        d = await approveDisclosure(ctx, { demand: ref, actor: as('approver2') });
        at(2);
        d = await produceDisclosure(ctx, { demand: ref, actor: as('approver') });
        at(24);
        d = await closeDemand(ctx, {
          demand: ref,
          actor: as('reviewer'),
          disposition: d.dataCategories.includes('content') ? 'content_disclosed' : 'non_content_disclosed',
        });
      }
    }
    await settleNotice(ctx, rng, d, today, setClock, (n) => (t = Math.max(t, n)), at);
  } catch (e) {
    if (!(e instanceof StopHere)) throw e;
    setClock(today);
  }
}

/** Challenges reach a ruling, held notices are released when their order lapses, and go out. */
async function settleNotice(
  ctx: WorkflowContext,
  rng: Random,
  d: Demand,
  today: Date,
  setClock: (t: Date) => void,
  bump: (t: number) => void,
  at: (h: number) => void,
) {
  if (d.challengeState === 'filed') {
    at(24 * 45);
    const ruling = rng.weighted([
      ['rule_vacated', 3],
      ['rule_narrowed', 3],
      ['rule_upheld', 4],
    ] as const);
    d = await changeChallenge(ctx, { demand: d.id, actor: { kind: 'system', id: 'court-ruling' }, action: ruling });
  }
  if (d.noticeState === 'held' && d.noticeHeldUntil && new Date(d.noticeHeldUntil).getTime() <= today.getTime()) {
    bump(new Date(d.noticeHeldUntil).getTime());
    setClock(new Date(d.noticeHeldUntil));
    d = await releaseHeldNotice(ctx, {
      demand: d.id,
      actor: SYSTEM,
      reason: 'the secrecy order lapsed',
      ifStillHeld: true,
    });
  }
  if (d.noticeState === 'pending') {
    at(0.2);
    await recordNoticeSent(ctx, { demand: d.id, actor: SYSTEM, recipients: 2, channels: ['email', 'webhook'] });
  }
}

async function requesterEmail(ctx: WorkflowContext, d: Demand): Promise<string | undefined> {
  if (!d.requesterId) return undefined;
  return (await ctx.db.selectFrom('requesters').select('email').where('id', '=', d.requesterId).executeTakeFirst())
    ?.email;
}

/**
 * Takes a demand of today's desk to its stage through the real use cases, the clock moving on a
 * few minutes or hours at each step and never past today: the requester called back and confirmed,
 * then counsel's decision, the package, its approvals and production. Where the decision advises
 * against the step the stage needs, counsel's reason goes with it, as the console would ask.
 */
export async function playDeskStage(
  ctx: WorkflowContext,
  start: Demand,
  desk: { stage: DeskStage; fileChallenge: boolean },
  { today, staff, setClock, signer }: PlayOptions,
): Promise<void> {
  let t = new Date(start.receivedAt).getTime();
  let d = start;
  const ref = d.id;
  const as = (key: string): Actor => ({ kind: 'staff', id: staff[key]! });
  const reached = (s: DeskStage) => DESK_STAGES.indexOf(desk.stage) >= DESK_STAGES.indexOf(s);
  const hours = d.emergency ? 0.25 : 2;
  const at = (h: number) => {
    t = Math.min(t + h * HOUR, today.getTime() - 60_000);
    setClock(new Date(t));
  };
  const reason = async (action: string) => {
    const row = await ctx.db.selectFrom('demands').select('decision').where('id', '=', ref).executeTakeFirstOrThrow();
    const route = (row.decision as { route?: { route?: string } } | null)?.route?.route ?? null;
    const against = adviceAgainst(action, { route });
    return against ? { overrideReason: `Counsel's reading differs from the recommendation: ${against}` } : {};
  };

  if (d.noticeState === 'pending') {
    at(0.1);
    d = await recordNoticeSent(ctx, { demand: ref, actor: SYSTEM, recipients: 2, channels: ['email'] });
  }
  if (d.state === 'verifying_requester' && reached('called_back')) {
    at(hours / 2);
    d = await recordRequesterCallback(ctx, {
      demand: ref,
      actor: as('reviewer'),
      note: 'Called the directory number; the duty officer confirmed the request',
    });
    if (reached('legal_review')) {
      at(hours / 4);
      d = await confirmRequester(ctx, {
        demand: ref,
        actor: as('reviewer2'),
        callbackNote: 'Second review: the call-back matches the request',
      });
    }
  }
  if (desk.fileChallenge && d.challengeState === 'flagged') {
    at(hours);
    d = await changeChallenge(ctx, {
      demand: ref,
      actor: as('reviewer'),
      action: 'file',
      grounds: ['overlong or indefinite secrecy order'],
    });
  }
  if (!reached('redirected') || d.state !== 'legal_review') return;
  at(hours * 2);
  if (desk.stage === 'redirected') {
    await redirectDemand(ctx, { demand: ref, actor: as('reviewer'), ...(await reason('redirect')) });
    return;
  }
  if (desk.stage === 'rejected') {
    await rejectDemand(ctx, {
      demand: ref,
      actor: as('reviewer'),
      reason: 'The instrument does not reach the data requested',
      ...(await reason('reject')),
    });
    return;
  }
  d = await acceptDemand(ctx, { demand: ref, actor: as('reviewer'), ...(await reason('accept')) });
  if (!reached('package_prepared')) return;
  at(hours * 3);
  await prepareDisclosurePackage(ctx, {
    demand: ref,
    actor: as('reviewer'),
    files: [{ name: 'records.txt', mediaType: 'text/plain', bytes: recordsOf(d) }],
    signer,
  });
  if (!reached('one_approval')) return;
  at(hours);
  await approveDisclosure(ctx, { demand: ref, actor: as('approver') });
  if (!reached('approved')) return;
  at(hours);
  await approveDisclosure(ctx, { demand: ref, actor: as('approver2') });
  if (!reached('produced')) return;
  at(hours);
  await produceDisclosure(ctx, { demand: ref, actor: as('approver') });
}

/** The records found, as the preparer exports them (a small text file in the demo). */
function recordsOf(d: Demand): Buffer {
  return Buffer.from(
    `Records produced for ${d.reference}\nCategories: ${d.dataCategories.join(', ')}\nAccounts: ${d.targets.map((x) => x.value).join(', ')}\n`,
  );
}

/** The demand's legal process as the agency sent it, added as its document (stored and hashed like any upload). */
export async function attachDemandDocument(
  ctx: WorkflowContext,
  demand: Demand,
  input: DemandIntake,
  agency: Pick<DemoAgency, 'name'>,
  actor: Actor,
): Promise<void> {
  const bytes = await renderDemandDocument(input, agency);
  await addDemandDocument(ctx, {
    demand: demand.id,
    actor,
    document: {
      filename: `${input.instrument.replace(/_/g, '-')}-${input.caseNumber}.pdf`,
      mediaType: 'application/pdf',
      bytes,
    },
  });
}
