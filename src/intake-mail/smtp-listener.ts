/**
 * Writ's SMTP listener for the legal-process address (smtp-server): a domain's MX points here, or
 * a relay forwards to it. Each message is authenticated (DKIM, SPF, DMARC, ARC) against the
 * connecting client and its envelope, then received: sealed raw in the document store, one row
 * per Message-ID, a draft to be read. The SMTP answer comes after the commit, so a message the
 * sender was told is accepted (250) is never lost; if storing fails, the answer is 451 and the
 * sending server tries again later. Messages over the size limit are refused with 552 before their
 * body is kept.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { DNSResolver } from 'mailauth';
import type { WorkflowContext } from '../workflow/context.ts';
import { receiveMailMessage } from '../workflow/receive-mail-message.ts';
import { authenticateSender } from './authenticate-sender.ts';

export interface MailListenerOptions {
  ctx: WorkflowContext;
  port: number;
  host: string;
  maxMessageBytes: number;
  /** DNS for the sender checks (the system's by default). */
  resolver?: DNSResolver;
  /** Name this server gives in its greeting and Authentication-Results. */
  hostname?: string;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

export interface MailListener {
  port: number;
  close(): Promise<void>;
}

class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

function collect(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    // Past the SIZE limit smtp-server keeps reading to the end but flags the stream: nothing is kept.
    stream.on('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

export async function startMailListener(o: MailListenerOptions): Promise<MailListener> {
  const log = o.log ?? { info() {}, warn() {} };
  const server = new SMTPServer({
    name: o.hostname ?? 'writ.local',
    banner: 'Writ legal process intake',
    size: o.maxMessageBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // An MX takes mail from anyone; what a message is worth is decided by its authentication.
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      void (async () => {
        const raw = await collect(stream);
        if (!raw) throw new SmtpError(`Message larger than ${o.maxMessageBytes} bytes`, 552);
        const envelope = {
          remoteAddress: session.remoteAddress ?? null,
          helo: session.hostNameAppearsAs ?? null,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        const authentication = await authenticateSender(raw, envelope, { resolver: o.resolver, mta: o.hostname });
        const r = await receiveMailMessage(o.ctx, { raw, via: 'smtp', envelope, authentication });
        log.info(
          { draft: r.draftId, duplicate: r.duplicate, sender: r.sender.verdict },
          r.duplicate ? 'mail intake: the same message again' : 'mail intake: message received',
        );
      })().then(
        () => callback(null),
        (e: Error) => {
          if (e instanceof SmtpError)
            return callback(Object.assign(new Error(e.message), { responseCode: e.responseCode }));
          log.warn({ err: e }, 'mail intake: message not stored; the sender will retry');
          callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  server.on('error', (e) => log.warn({ err: e }, 'mail intake: SMTP error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : o.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
