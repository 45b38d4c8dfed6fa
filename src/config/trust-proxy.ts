/**
 * WRIT_TRUST_PROXY: which TLS proxies in front of Writ to believe. Behind a proxy every request
 * comes from the proxy's address over plain HTTP; the proxy says who the client is and that it
 * spoke HTTPS in X-Forwarded-For and X-Forwarded-Proto. Writ believes those headers only from the
 * proxies named here: believed from anyone, a client could claim any address and walk past the
 * rate limits.
 *
 *   unset, "" or "false"    none (default): the headers are ignored
 *   "127.0.0.1,10.0.0.0/8"  these addresses and CIDR ranges
 */
import net from 'node:net';

/** As Fastify's trustProxy option takes it. */
export type TrustProxy = false | string[];

export function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const v = raw?.trim() ?? '';
  if (v === '' || v.toLowerCase() === 'false') return false;
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => {
    const [address, bits, ...rest] = e.split('/');
    const family = net.isIP(address ?? '');
    if (!family || rest.length) return true;
    if (bits === undefined) return false;
    const n = Number(bits);
    return !/^\d+$/.test(bits) || n > (family === 4 ? 32 : 128);
  });
  if (bad.length) {
    problems.push(
      `WRIT_TRUST_PROXY must be "false" or the proxies' addresses or CIDR ranges, comma-separated, e.g. 127.0.0.1,10.0.0.0/8 (not an address or range: ${bad.map((b) => `"${b}"`).join(', ')}); "true" (believe anyone) is not allowed`,
    );
    return false;
  }
  return entries;
}
