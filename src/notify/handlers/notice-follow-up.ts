/**
 * `notice.follow_up`: a later step of a demand told to its customers, by e-mail to the same
 * contacts as the notice and as its own webhook event type to each endpoint that takes that type.
 * It runs only once the notice itself has gone out (a follow-up of a held notice waits with it;
 * see src/workflow/support/follow-ups.ts); each recipient is served once, as for the notice; the
 * timeline records that the customer was told. A step taken while the notice was held is listed
 * in the delayed notice itself, so it goes only to the webhooks afterwards (`whileHeld: true`),
 * not again to the people who just read it.
 */
import { FOLLOW_UP_TYPES, endpointWants, type FollowUpType } from '../../domain/follow-ups.ts';
import type { Tx } from '../../store/database.ts';
import { appendFollowUpsSent } from '../../store/follow-up-jobs.ts';
import { messageFacts, noticeFactsLoader } from '../facts-loader.ts';
import { partSender, type Part } from '../deliver-parts.ts';
import type { NotifyDeps } from '../deps.ts';
import { DeliveryError, PermanentError } from '../errors.ts';
import { followUpModel, followUpWebhookBody } from '../notice-content.ts';
import { recordWith, type JobHandler } from '../outbox-worker.ts';
import { noticeContacts } from '../recipients.ts';

interface Told {
  demandId: string;
  followUp: FollowUpType;
  eventId: string;
  recipients: number;
  channels: string[];
}

const recordTold = (tx: Tx, items: Told[], now: Date) => appendFollowUpsSent(tx, items, now);

export function noticeFollowUpHandler(deps: NotifyDeps): JobHandler {
  const { ctx, templates } = deps;
  const parts = partSender(deps);
  // The jobs of one claimed batch read their facts in one statement.
  const loadFacts = noticeFactsLoader(ctx.db);
  return async (job) => {
    const type = job.payload.type as FollowUpType;
    const eventId = String(job.payload.eventId ?? '');
    if (!job.demandId || !FOLLOW_UP_TYPES.includes(type))
      throw new PermanentError('a follow-up names no demand or type');
    const facts = await loadFacts({ demandId: job.demandId, jobId: job.id });
    if (!facts) throw new PermanentError('the demand of this follow-up no longer exists');
    const { demand, customers, endpoints, delivered: done, history } = facts;
    if (demand.noticeState === 'not_required') return { responseCode: null };
    if (demand.noticeState !== 'sent')
      throw new DeliveryError('the notice this follow-up comes after has not gone out yet');
    const event = history.find((h) => h.id === eventId);
    if (!event) throw new PermanentError(`the step ${eventId} of this follow-up is not on the demand's timeline`);

    // A step taken while the notice was held was told in the notice's own account of that time:
    // its people are not mailed it again, and machines still get the event, marked as such.
    const released = [...history].reverse().find((h) => h.type === 'notice.released');
    const toldInNotice = released !== undefined && BigInt(event.id) <= BigInt(released.id);
    const all: Part[] = [];
    for (const c of customers) {
      const f = messageFacts(deps, facts, c, 'customer-update');
      const model = followUpModel(f, type, event);
      if (c.notificationPrefs.email !== false && !toldInNotice)
        for (const k of noticeContacts(c))
          all.push(
            parts.email(job, k, () =>
              templates.render('customer-update', { ...model, contactName: k.name }, c.language),
            ),
          );
      if (c.notificationPrefs.webhook !== false)
        for (const ep of endpoints.filter((e) => e.customerId === c.id && endpointWants(e.eventTypes, type)))
          all.push(parts.webhook(job, ep, () => followUpWebhookBody(f, type, event, toldInNotice, ctx.now())));
    }
    const out = await parts.run(all, done);
    return {
      responseCode: out.lastCode,
      record: recordWith(recordTold, {
        demandId: demand.id,
        followUp: type,
        eventId,
        recipients: out.served,
        channels: out.channels,
      }),
    };
  };
}
