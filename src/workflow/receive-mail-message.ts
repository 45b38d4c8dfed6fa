/**
 * A message arrives at the legal-process address (Writ's SMTP listener or a polled mailbox). Its
 * raw bytes go to the document store, sealed, before anything else; then, in one transaction, the
 * message row (once per Message-ID: the same message twice makes one intake), a draft to be read,
 * the job that reads it, and, for a sender whose domain vouches for it (DMARC pass), the job that
 * acknowledges receipt. Nothing is read or decided here: reading takes seconds (OCR) and happens
 * in the worker.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SYSTEM } from '../domain/events.ts';
import { appendEvent } from '../store/event-repository.ts';
import { judgeSender, type MailAuthentication, type SenderCheck } from '../domain/mail-sender.ts';
import { classifyRequesterDomain } from '../domain/requester-domain.ts';
import { messageHeaders } from '../documents/mail-message.ts';
import {
  agencyDomains,
  findDraftByMessageId,
  insertDraft,
  insertMailMessage,
} from '../store/mail-intake-repository.ts';
import { enqueueJobs } from '../store/outbox-repository.ts';
import type { WorkflowContext } from './context.ts';

export interface ReceiveMailOptions {
  raw: Buffer;
  via: 'smtp' | 'imap';
  envelope: { remoteAddress: string | null; helo: string | null; mailFrom: string | null; rcptTo: string[] };
  authentication: MailAuthentication;
}

export interface ReceivedMail {
  draftId: string;
  /** True when this Message-ID had been received before (no new draft). */
  duplicate: boolean;
  sender: SenderCheck;
}

export async function receiveMailMessage(ctx: WorkflowContext, o: ReceiveMailOptions): Promise<ReceivedMail> {
  const now = ctx.now();
  const rawSha256 = await ctx.documents.put(o.raw);
  const headers = messageHeaders(o.raw);
  const messageId = headers.messageId ?? `<sha256.${createHash('sha256').update(o.raw).digest('hex')}@writ.invalid>`;
  const fromAddress = headers.from;

  const domains = await agencyDomains(ctx.db);
  const fromDomain = o.authentication.fromDomain;
  const verifiedFor = fromDomain
    ? domains.find((d) => fromDomain === d.domain || fromDomain.endsWith(`.${d.domain}`))
    : undefined;
  const all = [...new Set(domains.map((d) => d.domain))];
  const domainClass = fromDomain
    ? classifyRequesterDomain(fromDomain, verifiedFor ? [verifiedFor.domain] : [], all)
    : 'unknown';
  const sender = judgeSender(fromAddress, o.authentication, domainClass, verifiedFor?.agencyId ?? null);

  return ctx.db.transaction().execute(async (tx) => {
    const messageRow = randomUUID();
    const inserted = await insertMailMessage(tx, {
      id: messageRow,
      messageId,
      receivedAt: now,
      via: o.via,
      envelope: o.envelope,
      fromAddress,
      subject: headers.subject,
      rawSha256,
      sizeBytes: o.raw.length,
      authentication: o.authentication,
    });
    if (!inserted) {
      const prior = await findDraftByMessageId(tx, messageId);
      return { draftId: prior!.id, duplicate: true, sender };
    }
    const draftId = randomUUID();
    await insertDraft(tx, { id: draftId, mailMessageId: messageRow, sender, agencyId: sender.agencyId, now });
    await appendEvent(tx, null, SYSTEM, { type: 'mail.received', draftId, via: o.via, sender: sender.verdict }, now);
    await enqueueJobs(tx, [
      { kind: 'mail.read', idempotencyKey: `mail.read:${draftId}`, demandId: null, payload: { draftId }, runAt: now },
      // Only a sender whose domain vouches for the message is told it arrived: a forged From
      // address must not turn Writ into a source of mail to whoever it names.
      ...(sender.authentication.dmarc.result === 'pass' && fromAddress
        ? [
            {
              kind: 'mail.acknowledge',
              idempotencyKey: `mail.ack:${draftId}:received`,
              demandId: null,
              payload: { draftId, stage: 'received' },
              runAt: now,
            },
          ]
        : []),
    ]);
    return { draftId, duplicate: false, sender };
  });
}
