/**
 * Where the checkpoint signing key comes from, in order: WRIT_LEDGER_KEY, the file named by
 * WRIT_LEDGER_KEY_FILE, or the demo key in the data folder (`ledger-key`, mode 0600), which the
 * server generates on its first start. The key never goes into the database: whoever can write
 * the database must not also be able to sign for it.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateLedgerSigning, signingFromSignerKey, type LedgerSigning } from '../ledger/log-signing.ts';
import { ConfigError } from './env.ts';
import type { LedgerConfig } from './ledger-config.ts';

/** File name of the demo key inside the data folder. */
export const DEMO_KEY_FILE = 'ledger-key';

/** Path of the demo key for a data folder. */
export function demoKeyPath(dataDir: string): string {
  return path.join(dataDir, DEMO_KEY_FILE);
}

async function readKeyFile(file: string, variable: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (e) {
    throw new ConfigError([
      `${variable}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    ]);
  }
}

function fromKey(origin: string, signerKey: string, source: string): LedgerSigning {
  try {
    return signingFromSignerKey(origin, signerKey);
  } catch {
    throw new ConfigError([
      `${source} does not hold an Ed25519 signer key of the form PRIVATE+KEY+<name>+<key ID>+<base64 key>`,
    ]);
  }
}

/**
 * Writes a new demo key unless one appeared meanwhile (another process starting at once). The key
 * is written to a temporary file first and then linked into place, so no reader ever sees a
 * half-written key and the first process to link wins.
 */
async function createDemoKey(file: string, origin: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { signerKey } = generateLedgerSigning(origin);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp);
  }
}

/** The parts of the configuration the key comes from. */
export interface LedgerKeySource {
  dataDir: string;
  ledger: LedgerConfig;
}

export interface LoadLedgerKeyOptions {
  /** Generate the demo key when no key is configured and none exists yet (the server does). */
  createDemoKey: boolean;
  log?: (message: string) => void;
}

/**
 * The ledger's signing key and origin, or null when no key is configured, there is no demo key
 * and `createDemoKey` is false. Throws ConfigError when a configured key cannot be used.
 */
export async function loadLedgerSigning(
  config: LedgerKeySource,
  options: LoadLedgerKeyOptions & { createDemoKey: true },
): Promise<LedgerSigning>;
export async function loadLedgerSigning(
  config: LedgerKeySource,
  options: LoadLedgerKeyOptions,
): Promise<LedgerSigning | null>;
export async function loadLedgerSigning(
  config: LedgerKeySource,
  options: LoadLedgerKeyOptions,
): Promise<LedgerSigning | null> {
  const { origin, signerKey, keyFile } = config.ledger;
  if (signerKey) return fromKey(origin, signerKey, 'WRIT_LEDGER_KEY');
  if (keyFile)
    return fromKey(origin, await readKeyFile(keyFile, 'WRIT_LEDGER_KEY_FILE'), `WRIT_LEDGER_KEY_FILE (${keyFile})`);
  const demo = demoKeyPath(config.dataDir);
  let text: string;
  try {
    text = (await readFile(demo, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (!options.createDemoKey) return null;
    if (await createDemoKey(demo, origin)) {
      options.log?.(
        `generated a demo ledger signing key in ${demo}; set WRIT_LEDGER_KEY or WRIT_LEDGER_KEY_FILE for a real deployment`,
      );
    }
    text = (await readFile(demo, 'utf8')).trim();
  }
  return fromKey(origin, text, `the demo ledger key ${demo}`);
}
