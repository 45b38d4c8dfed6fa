/**
 * Webhooks must not become a way into the provider's own network (server-side request forgery):
 * an endpoint's host is resolved, and every address it resolves to, IPv4 and IPv6, must be public.
 * The check happens inside the connection's own DNS lookup, so the address checked is the address
 * connected to (a name that resolves differently a moment later gains nothing).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import net from 'node:net';

// Two lists: Node matches IPv4 addresses against IPv6 rules too (as ::ffff:a.b.c.d), and ::/8 below
// would then take in every IPv4 address.
const BLOCKED = new net.BlockList();
const BLOCKED_V6 = new net.BlockList();
// IPv4: "this network", private (RFC 1918), shared CGNAT space, loopback, link-local, IETF
// protocol assignments, documentation, benchmarking, multicast, reserved and broadcast.
for (const [a, p] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(a, p, 'ipv4');
// IPv6, by the IANA special-purpose address registry: everything in ::/8 that does not carry an
// IPv4 address (those are judged by the address they carry, below), discard, the IETF protocol
// assignments 2001::/23 (Teredo tunnels, benchmarking, ORCHID: no webhook receiver lives there),
// documentation, the local-use NAT64 prefix, SRv6 segment ids, unique local, link-local,
// site-local and multicast.
for (const [a, p] of [
  ['::', 8],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['64:ff9b:1::', 48],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED_V6.addSubnet(a, p, 'ipv6');

/**
 * The eight 16-bit words of an IPv6 address in any of its textual forms (compressed or not, upper
 * or lower case, with a dotted-quad tail, in brackets, with a zone), or null when it is not one.
 */
export function ipv6Words(address: string): number[] | null {
  const a = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (!net.isIPv6(a)) return null;
  let hex = a;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(hex);
  if (v4) {
    const [b0, b1, b2, b3] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    hex = hex.slice(0, -v4[1]!.length) + `${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = hex.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const words = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return words.length === 8 ? words.map((w) => Number.parseInt(w, 16)) : null;
}

const zero = (words: number[], from: number, to: number) => words.slice(from, to).every((w) => w === 0);
const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address delivers to, when it is one of the forms that carry one:
 * IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d (RFC 2765), NAT64 64:ff9b::a.b.c.d (RFC 6052)
 * and 6to4 2002:AABB:CCDD::/48 (RFC 3056). Null for any other address: the deprecated
 * IPv4-compatible form ::a.b.c.d is not judged by its IPv4 address but refused with the rest of ::/8.
 */
export function embeddedIpv4(words: number[]): string | null {
  if (zero(words, 0, 5) && words[5] === 0xffff) return dotted(words[6]!, words[7]!);
  if (zero(words, 0, 4) && words[4] === 0xffff && words[5] === 0) return dotted(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(words, 2, 6)) return dotted(words[6]!, words[7]!);
  if (words[0] === 0x2002) return dotted(words[1]!, words[2]!);
  return null;
}

/**
 * True when `address` (an IP literal, any textual form) is private, loopback, link-local or
 * otherwise not a public unicast address. An IPv6 address that carries an IPv4 address is judged by
 * that IPv4 address; anything else that is not an IP address is refused.
 */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(bare)) return BLOCKED.check(bare, 'ipv4');
  const words = ipv6Words(bare);
  if (!words) return true;
  const v4 = embeddedIpv4(words);
  if (v4 !== null) return BLOCKED.check(v4, 'ipv4');
  return BLOCKED_V6.check(words.map((w) => w.toString(16)).join(':'), 'ipv6');
}

/** Thrown (through the lookup callback) when a host resolves to a non-public address. */
export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} resolves to ${address}, a private, loopback or link-local address; webhooks may not go there (WRIT_WEBHOOK_ALLOW_PRIVATE allows it)`,
    );
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves every address of the host and refuses the connection when
 * any of them is not public (unless `allowPrivate`).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!addresses.length)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (!allowPrivate) {
        const bad = addresses.find((a) => isNonPublicAddress(a.address));
        if (bad) return callback(new BlockedAddressError(hostname, bad.address) as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
