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
}

export async function keepLocalMail(db: Db, m: Omit<LocalMail, 'id'>): Promise<string> {
  const id = randomUUID();
  await db
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
      attachments: JSON.stringify(m.attachments),
      size_bytes: m.sizeBytes,
    })
    .execute();
  return id;
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
