/**
 * DKIM, SPF, DMARC and ARC of a received message, with mailauth. `resolver` answers DNS
 * queries (the system's by default; tests give their own zone).
 */
import { authenticate, type DNSResolver } from 'mailauth';
import type { MailAuthentication } from '../domain/mail-sender.ts';

export interface SmtpEnvelope {
  /** The connecting client's address. */
  remoteAddress: string | null;
  /** Its EHLO/HELO name. */
  helo: string | null;
  /** MAIL FROM. */
  mailFrom: string | null;
  rcptTo: string[];
}

export interface AuthenticateSenderOptions {
  /** A message taken from a mailbox has no SMTP session of ours: the client is read from its Received header. */
  fromMailbox?: boolean;
  resolver?: DNSResolver;
  /** This MTA's name, for the Authentication-Results it records. */
  mta?: string;
}

export async function authenticateSender(
  raw: Buffer,
  envelope: SmtpEnvelope,
  o: AuthenticateSenderOptions = {},
): Promise<MailAuthentication> {
  const r = await authenticate(raw, {
    ...(o.fromMailbox
      ? { trustReceived: true }
      : {
          ip: envelope.remoteAddress ?? undefined,
          helo: envelope.helo ?? undefined,
          sender: envelope.mailFrom ?? undefined,
        }),
    mta: o.mta ?? 'writ.local',
    ...(o.resolver ? { resolver: o.resolver } : {}),
    disableBimi: true,
  } as Parameters<typeof authenticate>[1]);
  const fromDomain = (r.dmarc ? r.dmarc.domain : null) || fromHeaderDomain(raw);
  return {
    dkim: (r.dkim?.results ?? []).map((d) => ({
      domain: d.signingDomain,
      result: d.status.result,
      aligned: Boolean(d.status.aligned),
    })),
    spf: r.spf ? { result: r.spf.status.result, domain: r.spf.domain ?? null } : { result: 'none', domain: null },
    dmarc: r.dmarc
      ? { result: r.dmarc.status.result, policy: r.dmarc.policy ?? null, domain: r.dmarc.domain ?? null }
      : { result: 'none', policy: null, domain: null },
    arc: { result: r.arc ? r.arc.status.result : 'none' },
    fromDomain: fromDomain ? fromDomain.toLowerCase() : null,
  };
}

/** The From header's domain, read from the raw header block (when DMARC found no domain). */
function fromHeaderDomain(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const m = /^from:[^\n]*?@([A-Za-z0-9.-]+)/im.exec(end < 0 ? head : head.slice(0, end));
  return m ? m[1]! : null;
}
