/**
 * Configuration, read from the environment once at start and validated as a whole: every problem is
 * reported in one message, so an operator fixes them all in one go. Nothing else reads process.env.
 */
import path from 'node:path';

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
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const demoRaw = env.WRIT_DEMO?.trim().toLowerCase();
  if (demoRaw !== undefined && demoRaw !== '' && !['0', '1', 'true', 'false'].includes(demoRaw)) {
    problems.push(`WRIT_DEMO must be true or false (got "${env.WRIT_DEMO}")`);
  }
  const demo = demoRaw === '1' || demoRaw === 'true';
  const demoSeed = int('WRIT_DEMO_SEED', 20261129, 0, 2 ** 31 - 1);
  const maxDocumentBytes = int('WRIT_MAX_DOCUMENT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024);

  if (problems.length) throw new ConfigError(problems);
  return { port, host, databaseUrl, dataDir, logLevel, demo, demoSeed, maxDocumentBytes, ...overrides };
}
