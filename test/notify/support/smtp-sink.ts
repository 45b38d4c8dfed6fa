/**
 * A real SMTP server on loopback that keeps every message it accepts, parsed by mailparser. It
 * can be stopped and started again on the same port (a relay that is down for a while), and can
 * hold its answer to DATA (a delivery under way) until released.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  idempotencyKey: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase())) : [];

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Recipients to refuse, with the SMTP code to refuse them with (450: try later, 550: no). */
  readonly refuse = new Map<string, number>();
  /** How many DATA commands arrived (accepted or not). */
  dataCommands = 0;
  private server: SMTPServer | null = null;
  private readonly closedSessions = new Set<string>();

  /** How many client connections have ended. */
  get closedConnections(): number {
    return this.closedSessions.size;
  }
  private readonly openedSessions = new Set<string>();
  /** How many client connections are open now. */
  get openConnections(): number {
    return [...this.openedSessions].filter((id) => !this.closedSessions.has(id)).length;
  }
  private holding: Promise<void> | null = null;
  /** Messages answered before holding starts (`holdAfter`); null: hold() holds from the next one. */
  private holdFrom: number | null = null;
  private admitted = 0;
  private release: (() => void) | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  /** Start on `port` (0: any free port). */
  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // A relay going down cuts its connections at once (the default waits 30 s for them).
      closeTimeout: 50,
      size: 20 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const code = this.refuse.get(address.address.toLowerCase());
        if (!code) return callback();
        callback(
          Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }),
        );
      },
      onConnect: (session, callback) => {
        this.openedSessions.add(session.id);
        callback();
      },
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        this.dataCommands++;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const nth = this.admitted++;
          if (this.holding && (this.holdFrom === null || nth >= this.holdFrom)) {
            await this.holding;
            // The sender went away before hearing "250": the message was never accepted.
            if (this.closedSessions.has(session.id)) return callback(new Error('the connection is gone'));
          }
          try {
            const parsed = await simpleParser(Buffer.concat(chunks));
            const key = parsed.headers.get('x-writ-idempotency-key');
            this.messages.push({
              messageId: parsed.messageId ?? '',
              idempotencyKey: typeof key === 'string' ? key : '',
              to: addresses(parsed.to),
              from: addresses(parsed.from)[0] ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename ?? '',
                contentType: a.contentType,
                content: a.content,
              })),
            });
            for (const w of this.waiters.splice(0)) w();
            callback();
          } catch (e) {
            callback(e as Error);
          }
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.listen(port, '127.0.0.1', () => resolve());
      server.server.once('error', reject);
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stop listening (the relay is down); connections under way are cut. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** From now on, accept DATA but do not answer it until `releaseHeld()`. */
  hold(): void {
    this.holding = new Promise((r) => (this.release = r));
  }

  /** Answer the next `n` messages at once, then hold every later one until `releaseHeld()`. */
  holdAfter(n: number): void {
    this.hold();
    this.holdFrom = this.admitted + n;
  }

  releaseHeld(): void {
    this.holdFrom = null;
    this.release?.();
    this.holding = null;
    this.release = null;
  }

  /** Wait until at least `n` messages arrived (bounded by `ms`, then fails). */
  async waitFor(n: number, ms = 30_000): Promise<ReceivedMail[]> {
    const until = Date.now() + ms;
    while (this.messages.length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} messages, got ${this.messages.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.messages;
  }

  /** Messages to one address. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }
}
