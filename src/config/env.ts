/**
 * Configuration, read from the environment once at start and validated as a whole: every problem is
 * reported in one message, so an operator fixes them all in one go. Nothing else reads process.env.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LedgerConfig, loadLedgerConfig } from './ledger-config.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts';
import { type PasskeyConfig, type SsoConfig, loadPasskeyConfig, loadSsoConfig } from './sso-config.ts';
import { loadMailIntakeConfig, type MailIntakeConfig } from './mail-intake-config.ts';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; null means Writ runs its embedded server in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo data set when the database holds no demand yet. */
  demo: boolean;
  /** Seed of the demo data generator (same seed, same data). */
  demoSeed: number;
  /** Largest document accepted at intake, in bytes. */
  maxDocumentBytes: number;
  /** Demands one caller may submit per minute (rate limit of intake). */
  intakePerMinute: number;
  /** Delivery of notices, letters, reminders and alerts (the outbox worker). */
  notify: NotifyConfig;
  /** The tamper-evident ledger: checkpoint origin and signing key (WRIT_LEDGER_*). */
  ledger: LedgerConfig;
  /** Single sign-on for staff (WRIT_OIDC_*); null: off. */
  sso: SsoConfig | null;
  /** Where passkeys are bound (WRIT_PUBLIC_URL). */
  passkeys: PasskeyConfig;
  /** The TLS proxies whose X-Forwarded-* headers are believed (WRIT_TRUST_PROXY); false: none. */
  trustProxy: TrustProxy;
  /** Demands by e-mail: SMTP listener and IMAP mailbox (WRIT_MAIL_*). */
  mailIntake: MailIntakeConfig;
}

/** How Writ reaches customers, agencies and its own staff, and how hard it tries. */
export interface NotifyConfig {
  /** smtp:// or smtps:// URL of the mail relay (user:password@ in it when it needs them); null: no e-mail can go out yet. */
  smtpUrl: string | null;
  /** The From of every message, e.g. "Writ <legal@provider.example>". */
  mailFrom: string;
  /** Where failures and reminders for staff go; null: only the timeline and the log. */
  staffAlertEmail: string | null;
  /** Folder of the message templates the operator may edit. */
  templateDir: string;
  /** Let webhooks reach private, loopback and link-local addresses (only for a deliberate internal setup). */
  webhookAllowPrivate: boolean;
  webhookTimeoutMs: number;
  /** Consecutive failed deliveries after which an endpoint is switched off. */
  webhookDisableAfter: number;
  /** Hours before a response deadline at which staff are reminded, largest first. */
  reminderLeadHours: number[];
  /** Days before a preservation ends at which staff are reminded; 0: no reminder. */
  preservationReminderDays: number;
  /** Attempts after which a job is given up and staff are alerted. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claimed job stays with its worker before another may take it (the worker renews it while it works). */
  leaseMs: number;
  pollMs: number;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** Where customers read their demands: notices link to `<portalUrl>/portal/demands/<reference>`. */
  portalUrl: string;
  /** Days a customer has to object or answer after a notice (earlier when the agency's deadline is nearer). */
  objectionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parse and validate the environment. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const port = int('PORT', 8080, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  let databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    try {
      const u = new URL(databaseUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${u.protocol}")`);
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
      databaseUrl = null;
    }
  }
  const dataDir = path.resolve(env.WRIT_DATA_DIR?.trim() || './data');
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const demoRaw = env.WRIT_DEMO?.trim().toLowerCase();
  if (demoRaw !== undefined && demoRaw !== '' && !['0', '1', 'true', 'false'].includes(demoRaw)) {
    problems.push(`WRIT_DEMO must be true or false (got "${env.WRIT_DEMO}")`);
  }
  const demo = demoRaw === '1' || demoRaw === 'true';
  const demoSeed = int('WRIT_DEMO_SEED', 20261129, 0, 2 ** 31 - 1);
  const maxDocumentBytes = int('WRIT_MAX_DOCUMENT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
  const intakePerMinute = int('WRIT_INTAKE_PER_MINUTE', 600, 1, 10_000_000);
  const notify = loadNotifyConfig(env, int, problems);
  const ledger = loadLedgerConfig(env, problems);
  const sso = loadSsoConfig(env, problems);
  const passkeys = loadPasskeyConfig(env, problems);
  const trustProxy = parseTrustProxy(env.WRIT_TRUST_PROXY, problems);
  const mailIntake = loadMailIntakeConfig(env, int, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    logLevel,
    demo,
    demoSeed,
    maxDocumentBytes,
    intakePerMinute,
    notify,
    ledger,
    sso,
    passkeys,
    trustProxy,
    mailIntake,
    ...overrides,
  };
}

/** The templates shipped with Writ, used unless WRIT_TEMPLATE_DIR points elsewhere. */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates', import.meta.url));

function loadNotifyConfig(
  env: NodeJS.ProcessEnv,
  int: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): NotifyConfig {
  let smtpUrl: string | null = env.WRIT_SMTP_URL?.trim() || null;
  if (smtpUrl) {
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
        problems.push(`WRIT_SMTP_URL must start with smtp:// or smtps:// (got "${u.protocol}")`);
      else if (!u.hostname) problems.push('WRIT_SMTP_URL names no host');
    } catch {
      problems.push('WRIT_SMTP_URL is not a valid URL (expected smtp://user:password@host:port)');
      smtpUrl = null;
    }
  }
  const address = /^[^\s@<>]+@[^\s@<>]+$/;
  const mailFrom = env.WRIT_MAIL_FROM?.trim() || 'Writ <writ@localhost>';
  const fromAddress = /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  if (!address.test(fromAddress))
    problems.push(
      `WRIT_MAIL_FROM must be an e-mail address, optionally with a name ("Legal <legal@provider.example>") (got "${mailFrom}")`,
    );
  const staffAlertEmail = env.WRIT_STAFF_ALERT_EMAIL?.trim() || null;
  if (staffAlertEmail && !address.test(staffAlertEmail))
    problems.push(`WRIT_STAFF_ALERT_EMAIL must be an e-mail address (got "${staffAlertEmail}")`);
  const templateDir = path.resolve(env.WRIT_TEMPLATE_DIR?.trim() || DEFAULT_TEMPLATE_DIR);
  const allowRaw = env.WRIT_WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase();
  if (allowRaw !== undefined && allowRaw !== '' && !['0', '1', 'true', 'false'].includes(allowRaw)) {
    problems.push(`WRIT_WEBHOOK_ALLOW_PRIVATE must be true or false (got "${env.WRIT_WEBHOOK_ALLOW_PRIVATE}")`);
  }
  const leadRaw = env.WRIT_REMINDER_LEAD_HOURS?.trim();
  let reminderLeadHours = [72, 24];
  if (leadRaw !== undefined && leadRaw !== '') {
    const parts = leadRaw.split(',').map((p) => Number(p.trim()));
    if (parts.some((n) => !Number.isInteger(n) || n < 1 || n > 24 * 365))
      problems.push(
        `WRIT_REMINDER_LEAD_HOURS must be whole hours from 1 to 8760, separated by commas, e.g. "72,24" (got "${leadRaw}")`,
      );
    else reminderLeadHours = [...new Set(parts)].sort((a, b) => b - a);
  }
  const portalUrl = (env.WRIT_PORTAL_URL?.trim() || 'http://localhost:8080').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(portalUrl))
    problems.push(`WRIT_PORTAL_URL must be an http(s) URL, e.g. https://writ.provider.example (got "${portalUrl}")`);
  const backoffBaseMs = int('WRIT_OUTBOX_BACKOFF_BASE_MS', 2000, 10, 3_600_000);
  const backoffMaxMs = int('WRIT_OUTBOX_BACKOFF_MAX_MS', 3_600_000, 10, 86_400_000);
  if (backoffMaxMs < backoffBaseMs)
    problems.push('WRIT_OUTBOX_BACKOFF_MAX_MS must not be less than WRIT_OUTBOX_BACKOFF_BASE_MS');
  return {
    smtpUrl,
    mailFrom,
    staffAlertEmail,
    templateDir,
    webhookAllowPrivate: allowRaw === '1' || allowRaw === 'true',
    webhookTimeoutMs: int('WRIT_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    webhookDisableAfter: int('WRIT_WEBHOOK_DISABLE_AFTER', 10, 1, 1000),
    reminderLeadHours,
    preservationReminderDays: int('WRIT_PRESERVATION_REMINDER_DAYS', 7, 0, 365),
    maxAttempts: int('WRIT_OUTBOX_MAX_ATTEMPTS', 12, 1, 100),
    backoffBaseMs,
    backoffMaxMs,
    leaseMs: int('WRIT_OUTBOX_LEASE_SECONDS', 60, 1, 3600) * 1000,
    pollMs: int('WRIT_OUTBOX_POLL_MS', 250, 10, 60_000),
    concurrency: int('WRIT_OUTBOX_CONCURRENCY', 16, 1, 256),
    portalUrl,
    objectionDays: int('WRIT_OBJECTION_DAYS', 14, 1, 365),
  };
}
