/**
 * Polling an existing mailbox over IMAP (imapflow): every unseen message in the folder is received
 * as the SMTP listener receives one, then flagged \Seen, only after it is stored. The connection
 * idles (IMAP IDLE) between messages and reconnects after a failure. A message flagged but lost
 * cannot happen; one stored but not yet flagged when the process stops is fetched again and
 * recognised by its Message-ID.
 */
import { ImapFlow } from 'imapflow';
import type { DNSResolver } from 'mailauth';
import type { WorkflowContext } from '../workflow/context.ts';
import { receiveMailMessage } from '../workflow/receive-mail-message.ts';
import { authenticateSender } from './authenticate-sender.ts';

export interface MailboxPollerOptions {
  ctx: WorkflowContext;
  /** imap:// or imaps://user:password@host:port/Folder */
  url: string;
  resolver?: DNSResolver;
  /** Accept a self-signed certificate (a test server); never in production. */
  insecureTls?: boolean;
  /** Checks even when the server sends no news (some servers' IDLE is unreliable). */
  pollMs?: number;
  reconnectMs?: number;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

export interface MailboxPoller {
  /** Resolves once every message unseen at the time of the call has been received. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function startMailboxPoller(o: MailboxPollerOptions): MailboxPoller {
  const log = o.log ?? { info() {}, warn() {} };
  const u = new URL(o.url);
  const folder = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  let client: ImapFlow | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  let drained: (() => void)[] = [];
  let busy = false;

  const connect = async () => {
    const c = new ImapFlow({
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'imaps:' ? 993 : 143),
      secure: u.protocol === 'imaps:',
      auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      logger: false,
      ...(o.insecureTls ? { tls: { rejectUnauthorized: false } } : {}),
    });
    c.on('error', (e: Error) => log.warn({ err: e }, 'mail intake: IMAP connection error'));
    c.on('exists', () => wake?.());
    await c.connect();
    await c.mailboxOpen(folder);
    return c;
  };

  const receiveUnseen = async (c: ImapFlow) => {
    const uids = (await c.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
      const raw = msg === false ? undefined : msg.source;
      if (!raw) continue;
      const envelope = { remoteAddress: null, helo: null, mailFrom: null, rcptTo: [] };
      const authentication = await authenticateSender(raw, envelope, { fromMailbox: true, resolver: o.resolver });
      const r = await receiveMailMessage(o.ctx, { raw, via: 'imap', envelope, authentication });
      await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      log.info({ draft: r.draftId, duplicate: r.duplicate }, 'mail intake: message taken from the mailbox');
    }
  };

  const loop = async () => {
    while (!stopped) {
      try {
        client ??= await connect();
        busy = true;
        await receiveUnseen(client);
        busy = false;
        for (const d of drained.splice(0)) d();
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, o.pollMs ?? 60_000).unref();
        });
        wake = null;
      } catch (e) {
        busy = false;
        if (stopped) break;
        log.warn({ err: e }, 'mail intake: mailbox unavailable; trying again');
        await client?.logout().catch(() => undefined);
        client = null;
        await new Promise((r) => setTimeout(r, o.reconnectMs ?? 10_000).unref());
      }
    }
  };
  const running = loop();

  return {
    drain: () =>
      new Promise<void>((resolve) => {
        drained.push(resolve);
        if (!busy) wake?.();
      }),
    async close() {
      stopped = true;
      wake?.();
      await running;
      await client?.logout().catch(() => undefined);
      drained = [];
    },
  };
}
