/**
 * The ledger's part of the configuration: the origin line its checkpoints carry and where the
 * checkpoint signing key comes from. Validated with the rest of the environment (env.ts); the key
 * file and the demo key are read at start (ledger-key.ts), since reading files is not validation.
 */
import path from 'node:path';
import { signingFromSignerKey } from '../ledger/log-signing.ts';
import { type WitnessingConfig, loadWitnessingConfig } from './witness-config.ts';

export interface LedgerConfig {
  /** First line of every checkpoint, naming the log: a URL without scheme, e.g. "writ.example/ledger". */
  origin: string;
  /** Signer key string (PRIVATE+KEY+…) from WRIT_LEDGER_KEY; secret. */
  signerKey: string | null;
  /** File holding the signer key string (WRIT_LEDGER_KEY_FILE). */
  keyFile: string | null;
  /** How often a sequencer signs a checkpoint when the tree has grown (WRIT_LEDGER_CHECKPOINT_SECONDS). */
  checkpointEveryMs: number;
  /** Witnesses of this log, and this deployment as a witness of others (witness-config.ts). */
  witnessing: WitnessingConfig;
}

/** Default origin: clearly an example, so a demo log is never mistaken for a real one. */
export const DEFAULT_LEDGER_ORIGIN = 'writ.example/ledger';

/** Reads and checks the WRIT_LEDGER_* variables, adding each problem to `problems`. */
export function loadLedgerConfig(env: NodeJS.ProcessEnv, problems: string[]): LedgerConfig {
  const origin = env.WRIT_LEDGER_ORIGIN?.trim() || DEFAULT_LEDGER_ORIGIN;
  // The origin doubles as the key name of signed notes, which allows no spaces and no '+'.
  if (origin.length > 200 || !/^[\x21-\x2a\x2c-\x7e]+$/.test(origin)) {
    problems.push(
      `WRIT_LEDGER_ORIGIN must be printable ASCII without spaces or "+", at most 200 characters, e.g. "${DEFAULT_LEDGER_ORIGIN}" (got "${origin}")`,
    );
  }
  const signerKey = env.WRIT_LEDGER_KEY?.trim() || null;
  const keyFileRaw = env.WRIT_LEDGER_KEY_FILE?.trim() || null;
  // A deployment with a key of its own is a production log: it must name itself. Only the demo key
  // (made when no key is configured) may sign as the example origin.
  if ((signerKey || keyFileRaw) && !env.WRIT_LEDGER_ORIGIN?.trim()) {
    problems.push(
      'WRIT_LEDGER_ORIGIN must be set when the log has its own key (WRIT_LEDGER_KEY or WRIT_LEDGER_KEY_FILE): name the log by the URL it is served at, without the scheme, e.g. "writ.example.com/ledger"',
    );
  }
  if (signerKey && keyFileRaw) problems.push('set WRIT_LEDGER_KEY or WRIT_LEDGER_KEY_FILE, not both');
  if (signerKey) {
    try {
      signingFromSignerKey(origin, signerKey);
    } catch {
      // Never echo the value: it is a secret.
      problems.push(
        'WRIT_LEDGER_KEY is not an Ed25519 signer key of the form PRIVATE+KEY+<name>+<key ID>+<base64 key>',
      );
    }
  }
  const every = (env.WRIT_LEDGER_CHECKPOINT_SECONDS ?? '').trim() || '60';
  const seconds = /^\d+$/.test(every) ? Number(every) : Number.NaN;
  if (!(seconds >= 1 && seconds <= 86_400))
    problems.push(`WRIT_LEDGER_CHECKPOINT_SECONDS must be a whole number from 1 to 86400 (got "${every}")`);
  return {
    origin,
    signerKey,
    keyFile: keyFileRaw ? path.resolve(keyFileRaw) : null,
    checkpointEveryMs: (seconds >= 1 && seconds <= 86_400 ? seconds : 60) * 1000,
    witnessing: loadWitnessingConfig(env, problems),
  };
}
