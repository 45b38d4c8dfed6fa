/**
 * A real HTTP receiver on loopback for webhooks, checking each with the Standard Webhooks scheme
 * as published (standardwebhooks.com), written here from the specification and not taken from
 * Writ's code: signed content "<webhook-id>.<webhook-timestamp>.<body>", HMAC-SHA256 keyed with
 * the base64 part of "whsec_…", header "v1,<base64>" (several may be given, space-separated),
 * timestamp within five minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  body: string;
  /** The webhook-signature header as it came, to check against another secret. */
  signature: string;
  verified: boolean;
}

/** The Standard Webhooks check, from the specification. */
export function verifyStandardWebhook(
  secret: string,
  headers: http.IncomingHttpHeaders,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sigs = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sigs !== 'string') return false;
  if (!/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.split('_').pop()!, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
  return sigs.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    if (version !== 'v1' || !sig) return false;
    const got = Buffer.from(sig, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly secrets = new Map<string, string>();
  /** The status to answer on a path (default 204). */
  readonly statusFor = new Map<string, number>();
  private server: http.Server | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const secret = this.secrets.get(path);
        this.received.push({
          path,
          id: String(req.headers['webhook-id'] ?? ''),
          timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          body,
          signature: String(req.headers['webhook-signature'] ?? ''),
          verified: secret ? verifyStandardWebhook(secret, req.headers, body) : false,
        });
        res.statusCode = this.statusFor.get(path) ?? 204;
        res.end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** An endpoint path with its secret; returns its URL. */
  endpoint(path: string, secret: string, host = '127.0.0.1'): string {
    this.secrets.set(path, secret);
    return `http://${host}:${this.port}${path}`;
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
