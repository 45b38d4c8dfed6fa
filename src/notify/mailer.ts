/**
 * E-mail over SMTP (nodemailer with a connection pool). Every message carries a Message-ID made
 * from its outbox idempotency key, and the key itself in a header, so that a redelivery after a
 * crash is recognisably the same message to the recipient's system and to an auditor.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** The outbox job's key (e.g. "notice:<demand id>"). */
  idempotencyKey: string;
  /** Which part of the job this message is (one job can mail several people); part of the Message-ID. */
  part: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SentMail {
  messageId: string;
  /** The relay's answer, e.g. "250 OK: queued". */
  response: string;
  code: string;
}

export interface Mailer {
  send(m: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** Header that carries the outbox idempotency key in every message. */
export const IDEMPOTENCY_HEADER = 'X-Writ-Idempotency-Key';

/** The domain of an address such as "Writ <legal@provider.example>". */
export function senderDomain(from: string): string {
  const addr = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  return (
    addr
      .slice(addr.lastIndexOf('@') + 1)
      .trim()
      .toLowerCase() || 'localhost'
  );
}

/**
 * The Message-ID of one part of a job: stable for the same key and part, unique across them.
 * RFC 5322 allows no ":" in its left half, so the key's separators become dots.
 */
export function messageIdFor(idempotencyKey: string, part: string, domain: string): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '.')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.|\.$/g, '');
  return `<${safe(idempotencyKey)}.${safe(part)}@${domain}>`;
}

/** A pooled SMTP mailer for `smtpUrl` (smtp:// or smtps://, credentials in the URL). */
export function smtpMailer(smtpUrl: string, from: string, maxConnections = 5): Mailer {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    pool: true,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    maxConnections,
    maxMessages: 1000,
    // Fail fast on a relay that is down: the outbox retries later, nothing waits on it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = senderDomain(from);
  return {
    async send(m) {
      const messageId = messageIdFor(m.idempotencyKey, m.part, domain);
      const info = await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        messageId,
        headers: { [IDEMPOTENCY_HEADER]: m.idempotencyKey },
        ...(m.attachments?.length ? { attachments: m.attachments } : {}),
      });
      const response = String((info as { response?: string }).response ?? '');
      return { messageId, response, code: /^\d{3}/.exec(response)?.[0] ?? '250' };
    },
    close() {
      transport.close();
    },
  };
}

/** A mailer for when no relay is configured: every send fails (and is retried once one is). */
export function unconfiguredMailer(): Mailer {
  return {
    async send() {
      throw new Error('no mail relay is configured (set WRIT_SMTP_URL)');
    },
    close() {},
  };
}
