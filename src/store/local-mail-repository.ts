/** The demo's local mailbox: messages Writ sent to itself for want of a relay (migration 0041). */
import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';

export interface LocalMail {
  id: string;
  at: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
  kind: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
  sizeBytes: number;
  /** The demand the message concerns, when the outbox job that sent it names one. */
  demandId: string | null;
}

/** An attachment as received, with its bytes. */
export interface LocalMailPart {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Keep a message and its attachments' bytes, in one transaction. The demand it concerns is the one
 * its outbox job names (found by the key the message carries).
 */
export async function keepLocalMail(
  db: Db,
  m: Omit<LocalMail, 'id' | 'attachments' | 'demandId'> & { idempotencyKey: string | null },
  parts: LocalMailPart[] = [],
): Promise<string> {
  const id = randomUUID();
  const attachments = parts.map((p) => ({ filename: p.filename, contentType: p.contentType, size: p.content.length }));
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('local_mail')
      .values({
        id,
        received_at: m.at,
        envelope_from: m.from,
        envelope_to: m.to,
        subject: m.subject,
        message_id: m.messageId,
        kind: m.kind,
        text: m.text,
        html: m.html,
        attachments: JSON.stringify(attachments),
        size_bytes: m.sizeBytes,
        idempotency_key: m.idempotencyKey,
        demand_id: m.idempotencyKey
          ? tx.selectFrom('outbox').select('demand_id').where('idempotency_key', '=', m.idempotencyKey)
          : null,
      })
      .execute();
    if (parts.length)
      await tx
        .insertInto('local_mail_attachments')
        .values(
          parts.map((p, ordinal) => ({
            mail_id: id,
            ordinal,
            filename: p.filename,
            content_type: p.contentType,
            content: p.content,
          })),
        )
        .execute();
  });
  return id;
}

/** One attachment of a message, by its index in the message's list, with the demand the message concerns. */
export async function findLocalMailAttachment(
  db: Db,
  mailId: string,
  ordinal: number,
): Promise<(LocalMailPart & { demandId: string | null }) | undefined> {
  const r = await db
    .selectFrom('local_mail_attachments as a')
    .innerJoin('local_mail as m', 'm.id', 'a.mail_id')
    .select(['a.filename', 'a.content_type', 'a.content', 'm.demand_id'])
    .where('a.mail_id', '=', mailId)
    .where('a.ordinal', '=', ordinal)
    .executeTakeFirst();
  return r && { filename: r.filename, contentType: r.content_type, content: r.content, demandId: r.demand_id };
}

const toMail = (r: {
  id: string;
  received_at: Date;
  envelope_from: string;
  envelope_to: string[];
  subject: string;
  message_id: string | null;
  kind: string;
  text: string | null;
  html: string | null;
  attachments: LocalMail['attachments'];
  size_bytes: number;
  demand_id: string | null;
}): LocalMail => ({
  id: r.id,
  at: new Date(r.received_at).toISOString(),
  from: r.envelope_from,
  to: r.envelope_to,
  subject: r.subject,
  messageId: r.message_id,
  kind: r.kind,
  text: r.text,
  html: r.html,
  attachments: r.attachments,
  sizeBytes: r.size_bytes,
  demandId: r.demand_id,
});

/** The newest messages first. */
export async function listLocalMail(db: Db, limit: number): Promise<LocalMail[]> {
  const rows = await db
    .selectFrom('local_mail')
    .selectAll()
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toMail);
}

export async function findLocalMail(db: Db, id: string): Promise<LocalMail | undefined> {
  const r = await db.selectFrom('local_mail').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toMail(r);
}
