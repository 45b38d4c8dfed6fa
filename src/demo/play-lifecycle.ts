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

const HOUR = 3_600_000;

class StopHere extends Error {}

export async function playLifecycle(
  ctx: WorkflowContext,
  rng: Random,
  start: Demand,
  today: Date,
  staff: Record<string, string>,
  setClock: (t: Date) => void,
  signer: NoteSigner,
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
        // The records found, as the preparer exports them (a small text file in the demo).
        const records = Buffer.from(
          `Records produced for ${d.reference}\nCategories: ${d.dataCategories.join(', ')}\nAccounts: ${d.targets.map((x) => x.value).join(', ')}\n`,
        );
        ({ demand: d } = await prepareDisclosurePackage(ctx, {
          demand: ref,
          actor: as('reviewer'),
          files: [{ name: 'records.txt', mediaType: 'text/plain', bytes: records }],
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
