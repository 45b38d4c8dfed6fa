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

/** What Writ reads of a message before taking it apart: from its header block only, unfolded. */
export interface MessageHeaders {
  messageId: string | null;
  /** The From address, lower case. */
  from: string | null;
  fromDomain: string | null;
  subject: string | null;
}

export function messageHeaders(raw: Buffer): MessageHeaders {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('utf8');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block)?.[1]?.trim() ?? null;
  const id = /^(<[^>\s]{1,900}>)/.exec(field('message-id') ?? '');
  const fromLine = field('from') ?? '';
  const from =
    (/<([^<>\s]+@[^<>\s]+)>/.exec(fromLine) ?? /([^\s<>"]+@[^\s<>"]+)/.exec(fromLine))?.[1]?.toLowerCase() ?? null;
  const subject = field('subject');
  return {
    messageId: id ? id[1]!.toLowerCase() : null,
    from,
    fromDomain: from ? from.slice(from.lastIndexOf('@') + 1) : null,
    subject: subject ? subject.slice(0, 500) : null,
  };
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
