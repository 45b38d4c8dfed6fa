/**
 * DKIM, SPF, DMARC and ARC of a received message, with mailauth. `resolver` answers DNS
 * queries (the system's by default; tests give their own zone).
 */
import { authenticate, type DNSResolver } from 'mailauth';
import { messageHeaders } from '../documents/mail-message.ts';
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
  const fromDomain = (r.dmarc ? r.dmarc.domain : null) || messageHeaders(raw).fromDomain;
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
