/**
 * `notice.deliver`: the customer notice, by e-mail to every designated contact of every targeted
 * customer and by signed webhook to each of the customer's endpoints. Each part is recorded as it
 * reaches its recipient, so a retry or a run after a crash sends only the parts still missing;
 * when every part has gone out the notice is recorded as sent. A notice no longer pending (sent,
 * held again, waived) is left alone.
 */
import { SYSTEM } from '../../domain/events.ts';
import { recordNoticesSent } from '../../workflow/record-notice-sent.ts';
import { messageFacts, noticeFactsLoader } from '../facts-loader.ts';
import { partSender, type Part } from '../deliver-parts.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { endpointWants, NOTICE_EVENT_TYPE } from '../../domain/follow-ups.ts';
import { type MessageFacts, noticeModel, noticeWebhookBody } from '../notice-content.ts';
import { legalProcessCopy } from '../../domain/legal-process-copy.ts';
import { recordWith, type JobHandler } from '../outbox-worker.ts';
import { noticeContacts } from '../recipients.ts';

async function copiesToAttach(deps: NotifyDeps, f: MessageFacts) {
  const copy = legalProcessCopy(f.demand, f.customer.id);
  if (!copy.fitsEmail) return [];
  return Promise.all(
    copy.documents.map(async (x) => ({
      filename: x.filename,
      content: await deps.ctx.documents.get(x.sha256),
      contentType: x.mediaType,
    })),
  );
}

export function noticeDeliverHandler(deps: NotifyDeps): JobHandler {
  const { ctx, templates } = deps;
  const parts = partSender(deps);
  // The jobs of one claimed batch read their facts in one statement.
  const loadFacts = noticeFactsLoader(ctx.db);
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a notice job names no demand');
    const facts = await loadFacts({ demandId: job.demandId, jobId: job.id });
    if (!facts) throw new PermanentError('the demand of this notice no longer exists');
    const { demand, customers, endpoints, delivered: done } = facts;
    if (demand.noticeState !== 'pending') return { responseCode: null };
    // The objection period runs from when the notice goes out.
    const noticeAt = ctx.now();

    const all: Part[] = [];
    for (const c of customers) {
      const mine: Part[] = [];
      const f = messageFacts(deps, facts, c, 'notice');
      const model = noticeModel(f, noticeAt, deps.config.objectionDays);
      const contacts = c.notificationPrefs.email !== false ? noticeContacts(c) : [];
      // The served documents go with the e-mail, as served, where they concern this customer alone.
      const attachments = contacts.some((k) => !done.has(`email:${k.id}`)) ? await copiesToAttach(deps, f) : [];
      for (const k of contacts)
        mine.push(
          parts.email(job, k, () => ({
            ...templates.render('notice', { ...model, contactName: k.name }, c.language),
            attachments,
          })),
        );
      if (c.notificationPrefs.webhook !== false)
        for (const ep of endpoints.filter(
          (e) => e.customerId === c.id && endpointWants(e.eventTypes, NOTICE_EVENT_TYPE),
        ))
          mine.push(parts.webhook(job, ep, () => noticeWebhookBody(f, model, ctx.now())));
      if (!mine.length)
        throw new PermanentError(`customer ${c.id} has no designated contact and no webhook endpoint to notify`);
      all.push(...mine);
    }

    const out = await parts.run(all, done);
    if (!out.served) throw new PermanentError('no channel is left to notify the customer');
    // The notice is recorded as sent in the transaction that marks this job done (with the other
    // jobs finishing now), and only while the job is still this worker's: one commit for both.
    return {
      responseCode: out.lastCode,
      record: recordWith(recordNoticesSent, {
        demand: demand.id,
        actor: SYSTEM,
        recipients: out.served,
        channels: out.channels,
      }),
    };
  };
}
