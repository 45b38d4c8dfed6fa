/**
 * Who sent a demand by e-mail, as far as the mail itself can tell. Forged emergency requests of
 * 2022–2024 came from free-mail accounts, look-alike domains and hacked or spoofed agency
 * mailboxes; the first defence is whether the From domain's owner vouches for the message
 * (DMARC: an aligned DKIM signature or SPF pass), the second whether that domain is one the agency
 * directory has verified. Pure: the checks themselves run at the mail edge (src/intake-mail).
 */
import type { DomainClass } from './requester-domain.ts';

/** The results of the sender checks, as recorded with the message. */
export interface MailAuthentication {
  /** Each DKIM signature: its signing domain, its result, whether it aligns with From. */
  dkim: { domain: string; result: string; aligned: boolean }[];
  spf: { result: string; domain: string | null };
  dmarc: { result: string; policy: string | null; domain: string | null };
  arc: { result: string };
  /** The domain of the From header. */
  fromDomain: string | null;
}

export type SenderVerdict = 'verified_agency' | 'unknown_domain' | 'free_mail' | 'look_alike' | 'not_authenticated';

export interface SenderCheck {
  address: string | null;
  domain: string | null;
  authentication: MailAuthentication;
  domainClass: DomainClass;
  verdict: SenderVerdict;
  /** The agency whose verified domain authenticated the message. */
  agencyId: string | null;
  /** Plain words for the reviewer, one reason a line. */
  reasons: string[];
}

export const SENDER_VERDICT_LABELS: Record<SenderVerdict, string> = {
  verified_agency: 'Authenticated sender from a verified agency domain',
  unknown_domain: 'Authenticated sender, but not from a domain the agency directory has verified',
  free_mail: 'Sent from a free-mail address',
  look_alike: 'Sent from a domain that looks like an agency’s but is not',
  not_authenticated: 'The sender could not be authenticated (DMARC did not pass)',
};

/** Judge a sender: only a DMARC pass from a verified agency domain is trusted, and only to skip nothing but the doubt. */
export function judgeSender(
  address: string | null,
  auth: MailAuthentication,
  domainClass: DomainClass,
  agencyId: string | null,
): SenderCheck {
  const domain = auth.fromDomain;
  const reasons: string[] = [];
  let verdict: SenderVerdict;
  if (auth.dmarc.result !== 'pass') {
    verdict = 'not_authenticated';
    reasons.push(
      `DMARC ${auth.dmarc.result} for ${domain ?? 'a message without a From domain'}: the domain's owner does not vouch for this message`,
    );
    if (!auth.dkim.some((d) => d.result === 'pass')) reasons.push('no valid DKIM signature');
    if (auth.spf.result !== 'pass') reasons.push(`SPF ${auth.spf.result}`);
  } else if (domainClass === 'free_mail') {
    verdict = 'free_mail';
    reasons.push(`${domain} is a free-mail provider: anyone can open an account there`);
  } else if (domainClass === 'look_alike') {
    verdict = 'look_alike';
    reasons.push(`${domain} is one or two letters off an agency's verified domain`);
  } else if (domainClass === 'verified' && agencyId) {
    verdict = 'verified_agency';
  } else {
    verdict = 'unknown_domain';
    reasons.push(`${domain} is not a verified domain of any agency in the directory`);
  }
  return {
    address,
    domain,
    authentication: auth,
    domainClass,
    verdict,
    agencyId: verdict === 'verified_agency' ? agencyId : null,
    reasons,
  };
}
