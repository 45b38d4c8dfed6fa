/**
 * `redirect.letter`: tell the requester that the data belongs to an enterprise customer, which can
 * answer the agency itself, and give the customer's designated legal contact where the customer
 * allowed it. The letter goes by e-mail with its PDF attached; the same PDF is kept in the
 * document store and linked on the timeline.
 */
import { SYSTEM } from '../../domain/events.ts';
import type { Customer } from '../../domain/directory.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { findAgency, findCustomer } from '../../store/directory-repository.ts';
import { deliveredRecipients } from '../../store/delivery-receipts.ts';
import { recordRedirectLetter } from '../../workflow/record-redirect-letter.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatDay, formatTime, instrumentLabel } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { letterPdf } from '../letter-pdf.ts';
import { shareableLegalContacts } from '../recipients.ts';

export function redirectLetterHandler(deps: NotifyDeps): JobHandler {
  const { ctx } = deps;
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a redirect letter names no demand');
    const d = await findDemand(ctx.db, job.demandId);
    if (!d) throw new PermanentError('the demand of this letter no longer exists');
    if ((await deliveredRecipients(ctx.db, job.id)).has('email:requester')) return;
    // Taken back before the letter left (reopened or closed): there is nothing to redirect.
    if (d.state !== 'redirected') return;
    if (!d.requesterId) throw new PermanentError('the demand has no requester to write to');
    const requester = await ctx.db
      .selectFrom('requesters')
      .select(['id', 'name', 'email'])
      .where('id', '=', d.requesterId)
      .executeTakeFirst();
    if (!requester) throw new PermanentError('the requester of this demand no longer exists');
    const agency = await findAgency(ctx.db, d.agencyId);
    const customerIds = [...new Set(d.targets.map((t) => t.customerId))];
    const customers = (await Promise.all(customerIds.map((id) => findCustomer(ctx.db, id)))).filter(
      (c): c is Customer => !!c && c.kind === 'enterprise',
    );
    if (!customers.length) throw new PermanentError('a redirect names no enterprise customer');
    const model = {
      date: formatDay(ctx.now()),
      reference: d.reference,
      requesterName: requester.name,
      agencyName: agency?.name ?? '',
      instrument: instrumentLabel(d.instrument),
      caseNumber: d.caseNumber,
      receivedAt: formatTime(d.receivedAt),
      customers: customers.map((c) => {
        const legal = shareableLegalContacts(c);
        return {
          name: c.name,
          legalContacts: legal.map((k) => ({ name: k.name, email: k.email })),
          noContactShared: legal.length === 0,
        };
      }),
      replyTo: deps.config.mailFrom,
    };
    const shared = model.customers.some((c) => c.legalContacts.length > 0);
    const msg = deps.templates.render('redirect-letter', model);
    // Dated the day of the letter: a retry the same day makes the same bytes.
    const pdf = await letterPdf({ title: msg.subject, text: msg.text, date: new Date(`${model.date}T00:00:00Z`) });
    const sha256 = await ctx.documents.put(pdf);
    const filename = `redirect-letter-${d.reference}.pdf`;
    const sent = await deps.mailer.send({
      to: requester.email,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      idempotencyKey: job.idempotencyKey,
      part: 'requester',
      attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
    });
    await recordRedirectLetter(ctx, {
      demand: d.id,
      actor: SYSTEM,
      jobId: job.id,
      recipient: 'email:requester',
      messageId: sent.messageId,
      response: sent.response,
      requesterId: requester.id,
      legalContactShared: shared,
      pdf: { filename, sha256, sizeBytes: pdf.length },
    });
    return { responseCode: sent.code };
  };
}
