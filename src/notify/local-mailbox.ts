/**
 * The demo's local mailbox: in demo mode with no relay configured (WRIT_SMTP_URL unset), Writ runs
 * an SMTP listener in its own process on a loopback port and points its own mailer at it. Every
 * notice, letter and alert then really goes out over SMTP, and lands in the local_mail table, where
 * staff read it (GET /api/v1/outbound-mail): nothing waits silently for a relay nobody configured.
 * It listens on 127.0.0.1 only and accepts mail from no other address.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../store/database.ts';
import { keepLocalMail } from '../store/local-mail-repository.ts';
import type { NotifyConfig } from '../config/env.ts';
import { IDEMPOTENCY_HEADER } from './mailer.ts';
import { startNotifier, type Notifier, type NotifierOptions } from './start-notifier.ts';

export interface LocalMailbox {
  /** smtp:// URL of the listener, for the mailer. */
  smtpUrl: string;
  close(): Promise<void>;
}

/** The kind of message, from the outbox key it carries ("notice:<id>" → "notice"). */
export function mailKind(idempotencyKey: string | null): string {
  if (!idempotencyKey) return 'other';
  const i = idempotencyKey.indexOf(':');
  return i < 0 ? idempotencyKey : idempotencyKey.slice(0, i);
}

const MAX_BYTES = 25 * 1024 * 1024;

export async function startLocalMailbox(db: Db, now: () => Date = () => new Date()): Promise<LocalMailbox> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_BYTES,
    banner: 'Writ local mailbox (demo)',
    logger: false,
    onConnect(session, callback) {
      const ip = session.remoteAddress.replace(/^::ffff:/, '');
      callback(
        ip === '127.0.0.1' || ip === '::1' ? undefined : new Error('The local mailbox takes loopback mail only'),
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const key = mail.headers.get(IDEMPOTENCY_HEADER.toLowerCase());
          await keepLocalMail(
            db,
            {
              at: now().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              messageId: mail.messageId ?? null,
              kind: mailKind(typeof key === 'string' ? key : null),
              idempotencyKey: typeof key === 'string' ? key : null,
              text: mail.text ?? null,
              html: typeof mail.html === 'string' ? mail.html : null,
              sizeBytes: (stream as unknown as { byteLength?: number }).byteLength ?? 0,
            },
            mail.attachments.map((a) => ({
              filename: a.filename ?? 'attachment',
              contentType: a.contentType,
              content: a.content,
            })),
          );
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where the demo's alerts to staff go when no WRIT_STAFF_ALERT_EMAIL is set. */
export const DEMO_STAFF_ADDRESS = 'legal-team@provider.example';

/**
 * Start delivering from the outbox. In demo mode with no relay configured, the local mailbox is
 * started first and the mailer pointed at it, so that every notice and letter goes out.
 */
export async function startDelivery(
  o: Omit<NotifierOptions, 'config'> & { config: NotifyConfig; demo: boolean },
): Promise<{ notifier: Notifier; mailbox: LocalMailbox | null }> {
  const mailbox = o.demo && !o.config.smtpUrl && !o.mailer ? await startLocalMailbox(o.ctx.db, o.ctx.now) : null;
  // Alerts and reminders to staff land in the same mailbox, addressed to the demo's legal team,
  // unless an address was configured: in the demo nothing is left on the timeline alone.
  const config = mailbox
    ? { ...o.config, smtpUrl: mailbox.smtpUrl, staffAlertEmail: o.config.staffAlertEmail ?? DEMO_STAFF_ADDRESS }
    : o.config;
  const notifier = startNotifier({ ...o, config });
  return { notifier, mailbox };
}
