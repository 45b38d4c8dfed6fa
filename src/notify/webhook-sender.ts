/**
 * POSTing a signed webhook: only http(s), never following a redirect, never to a private,
 * loopback or link-local address unless the operator allows it, and within a short timeout.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { BlockedAddressError, guardedLookup, isNonPublicAddress } from './address-guard.ts';
import { signWebhook } from './webhook-signature.ts';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** Also the idempotency key of the message: the same on every redelivery. */
  webhookId: string;
  /** Seconds since the epoch. */
  timestamp: number;
  body: string;
}

/** What came back: the HTTP status, or why nothing did. */
export type WebhookResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; blocked: boolean };

export interface WebhookSender {
  post(r: WebhookRequest): Promise<WebhookResult>;
  close(): void;
}

export interface WebhookSenderOptions {
  allowPrivate: boolean;
  timeoutMs: number;
}

export function webhookSender(o: WebhookSenderOptions): WebhookSender {
  const lookup = guardedLookup(o.allowPrivate);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };
  return {
    post(r) {
      return new Promise<WebhookResult>((resolve) => {
        let url: URL;
        try {
          url = new URL(r.url);
        } catch {
          return resolve({ ok: false, status: null, error: 'the endpoint URL is not valid', blocked: true });
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          return resolve({
            ok: false,
            status: null,
            error: `${url.protocol} endpoints are not allowed`,
            blocked: true,
          });
        const host = url.hostname.replace(/^\[|\]$/g, '');
        // A literal address skips the DNS lookup, so it is checked here.
        if (net.isIP(host) && !o.allowPrivate && isNonPublicAddress(host)) {
          return resolve({
            ok: false,
            status: null,
            error: new BlockedAddressError(host, host).message,
            blocked: true,
          });
        }
        const body = Buffer.from(r.body, 'utf8');
        const headers = {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': 'Writ-Webhooks/1',
          ...signWebhook(r.secret, r.webhookId, r.timestamp, r.body),
        };
        const mod = url.protocol === 'https:' ? https : http;
        let settled = false;
        const done = (res: WebhookResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(res);
        };
        const req = mod.request(
          url,
          { method: 'POST', headers, lookup: lookup as never, agent: agents[url.protocol], timeout: o.timeoutMs },
          (res) => {
            const status = res.statusCode ?? 0;
            // Drain (a little of) the answer so the connection can be reused; its content is not used.
            let seen = 0;
            res.on('data', (c: Buffer) => {
              seen += c.length;
              if (seen > 64 * 1024) res.destroy();
            });
            res.on('end', () =>
              done(
                status >= 200 && status < 300
                  ? { ok: true, status }
                  : {
                      ok: false,
                      status,
                      error:
                        status >= 300 && status < 400
                          ? `answered ${status}: redirects are not followed`
                          : `answered ${status}`,
                      blocked: false,
                    },
              ),
            );
            res.on('error', () =>
              done(
                status >= 200 && status < 300
                  ? { ok: true, status }
                  : { ok: false, status, error: `answered ${status}`, blocked: false },
              ),
            );
          },
        );
        const timer = setTimeout(() => {
          req.destroy();
          done({ ok: false, status: null, error: `no answer within ${o.timeoutMs} ms`, blocked: false });
        }, o.timeoutMs);
        req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
        req.on('error', (e) =>
          done({ ok: false, status: null, error: e.message, blocked: e instanceof BlockedAddressError }),
        );
        req.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
