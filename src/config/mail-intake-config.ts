/**
 * Mail intake: Writ's own SMTP listener for the legal-process address (a domain's MX, or a relay
 * that forwards to it) and/or an existing mailbox polled over IMAP. Both off unless configured.
 */
export interface MailIntakeConfig {
  /** Port of the SMTP listener; null: no listener. */
  smtpPort: number | null;
  smtpHost: string;
  /** The largest message accepted (the SMTP SIZE limit); larger ones are refused with 552. */
  maxMessageBytes: number;
  /** imap:// or imaps:// URL of a mailbox to poll (user:password@ in it), its folder in the path; null: none. */
  imapUrl: string | null;
}

export function loadMailIntakeConfig(
  env: NodeJS.ProcessEnv,
  int: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): MailIntakeConfig {
  const portRaw = env.WRIT_MAIL_SMTP_PORT?.trim();
  const smtpPort = portRaw ? int('WRIT_MAIL_SMTP_PORT', 2525, 0, 65535) : null;
  let imapUrl = env.WRIT_MAIL_IMAP_URL?.trim() || null;
  if (imapUrl) {
    try {
      const u = new URL(imapUrl);
      if (u.protocol !== 'imap:' && u.protocol !== 'imaps:')
        problems.push(`WRIT_MAIL_IMAP_URL must start with imap:// or imaps:// (got "${u.protocol}")`);
      else if (!u.hostname || !u.username)
        problems.push('WRIT_MAIL_IMAP_URL must name a host and a user (imaps://user:password@host/INBOX)');
    } catch {
      problems.push('WRIT_MAIL_IMAP_URL is not a valid URL (expected imaps://user:password@host:993/INBOX)');
      imapUrl = null;
    }
  }
  return {
    smtpPort,
    smtpHost: env.WRIT_MAIL_SMTP_HOST?.trim() || '127.0.0.1',
    maxMessageBytes: int('WRIT_MAIL_MAX_BYTES', 100 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    imapUrl,
  };
}
