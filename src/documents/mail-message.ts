/**
 * A received e-mail taken apart with mailparser: its headers, its text (an HTML-only message's
 * text made from its HTML), and its attachments. Bounded: the raw message is already limited in
 * size at the edge, and past `maxAttachments` the rest are counted, not kept.
 */
import { simpleParser } from 'mailparser';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMail {
  messageId: string | null;
  from: string | null;
  subject: string | null;
  date: Date | null;
  text: string;
  /** Whether the message had only an HTML body. */
  htmlOnly: boolean;
  attachments: MailAttachment[];
  /** Attachments past the limit, not kept. */
  attachmentsSkipped: number;
}

/** The Message-ID header of a raw message, read from its header block only (no full parse). */
export function messageIdOf(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const m = /^message-id:\s*(<[^>\s]{1,900}>)/im.exec(block);
  return m ? m[1]!.toLowerCase() : null;
}

export async function parseMail(raw: Buffer, o: { maxAttachments: number }): Promise<ParsedMail> {
  // mailparser refuses more than 1,000 MIME nodes by default; the message's size is already bounded
  // at the edge, so more parts are taken apart and all but the first attachments dropped.
  const m = await simpleParser(raw, {
    skipImageLinks: true,
    maxHtmlLengthToParse: 2_000_000,
    maxChildNodes: 20_000,
  } as Parameters<typeof simpleParser>[1]);
  const from = m.from?.value?.[0]?.address ?? null;
  const all = m.attachments ?? [];
  const text = (m.text ?? '').trim();
  return {
    messageId: m.messageId ?? null,
    from: from ? from.toLowerCase() : null,
    subject: m.subject ?? null,
    date: m.date ?? null,
    text,
    htmlOnly: Boolean(m.html) && !hasTextPart(raw),
    attachments: all.slice(0, o.maxAttachments).map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
      content: a.content,
    })),
    attachmentsSkipped: Math.max(0, all.length - o.maxAttachments),
  };
}

function hasTextPart(raw: Buffer): boolean {
  return /content-type:\s*text\/plain/i.test(raw.subarray(0, Math.min(raw.length, 1_000_000)).toString('latin1'));
}
