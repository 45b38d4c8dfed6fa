/**
 * The rules a webhook endpoint's URL must meet to be registered, checked at the edge so that the
 * customer hears at once what is wrong (as a problem naming /url) rather than through failed
 * deliveries later. The sender checks the address again at every delivery (address-guard.ts):
 * a name may resolve elsewhere tomorrow.
 *
 * - https:// only. Plain http:// is accepted only to a loopback host and only when the operator
 *   allows private addresses (WRIT_WEBHOOK_ALLOW_PRIVATE: tests and local development).
 * - No user name or password in the URL (it would be logged and shown; the signature authenticates
 *   the message), no #fragment (never sent).
 * - Every address the host resolves to must be public, by the same rules as delivery.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { invalid } from '../domain/errors.ts';
import { isNonPublicAddress } from './address-guard.ts';

export interface EndpointUrlRules {
  /** Private, loopback and link-local addresses allowed, and http:// to loopback. */
  allowPrivate: boolean;
  /** Bound on resolving the host (default 5 s). */
  lookupTimeoutMs?: number;
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true; // RFC 6761: always loopback
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host)?.[1];
  if (mapped) return LOOPBACK.check(mapped, 'ipv4');
  const family = net.isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

const refuse = (detail: string) => invalid([{ pointer: '/url', detail }]);

/** The addresses `host` resolves to, or the reason it does not. */
async function resolveAll(host: string, timeoutMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map((a) => a.address);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw refuse(
      `names the host ${host}, which could not be resolved (${code}); register it once its DNS name is in place`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Check `raw` against the rules; the URL in its normal form, or an invalid_input error naming /url. */
export async function checkEndpointUrl(raw: string, rules: EndpointUrlRules): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('is not a URL; give the full address, e.g. https://hooks.example.com/writ');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = isLoopbackHost(host);
  if (url.protocol === 'http:') {
    if (!(rules.allowPrivate && loopback))
      throw refuse(
        'must start with https:// (plain http:// is allowed only to a loopback address, and only where the operator allows private addresses)',
      );
  } else if (url.protocol !== 'https:') {
    throw refuse('must start with https://');
  }
  if (url.username || url.password)
    throw refuse('must not contain a user name or password: receivers authenticate a message by its signature');
  if (url.hash) throw refuse('must not contain a #fragment: it is never sent');
  if (!host) throw refuse('names no host');
  if (rules.allowPrivate) {
    // Still resolvable: a typo is better caught now than by the first notice.
    if (!net.isIP(host) && !loopback) await resolveAll(host, rules.lookupTimeoutMs ?? 5000);
    return url.href;
  }
  if (loopback || (net.isIP(host) && isNonPublicAddress(host)))
    throw refuse(`names ${host}, a private, loopback or link-local address: webhooks may only go to public addresses`);
  if (!net.isIP(host)) {
    const bad = (await resolveAll(host, rules.lookupTimeoutMs ?? 5000)).find((a) => isNonPublicAddress(a));
    if (bad)
      throw refuse(
        `names the host ${host}, which resolves to ${bad}, a private, loopback or link-local address: webhooks may only go to public addresses`,
      );
  }
  return url.href;
}
