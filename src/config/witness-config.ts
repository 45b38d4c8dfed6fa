/**
 * Witnessing in the configuration (c2sp.org/tlog-witness):
 *
 * - as a log: WRIT_LEDGER_WITNESSES, comma-separated "<submission URL> <verifier key>" pairs (the
 *   witness's Ed25519 note verifier key, as `writ witness key` prints it; its cosignatures use the
 *   same key under the cosignature key ID), and WRIT_LEDGER_WITNESS_QUORUM, how many of them must
 *   cosign before a checkpoint counts as published (default: all of them);
 * - as a witness: WRIT_WITNESS_KEY, the witness's signer key (its name is the key's name), and
 *   WRIT_WITNESS_LOGS, comma-separated verifier keys of the logs it watches (each log's origin is
 *   its key's name, as for every Writ log).
 */
import {
  type CosignatureVerifier,
  type Cosigner,
  cosignatureVerifier,
  cosignerFromNoteKey,
} from '../ledger/cosignature.ts';
import { verifierKeyFromSignerKey } from '../ledger/log-signing.ts';
import { type NoteVerifier, parseSignerKey, parseVerifierKey } from '../ledger/note-keys.ts';

export interface WitnessingConfig {
  witnesses: { url: string; verifierKey: string }[];
  quorum: number;
  /** This deployment as a witness, or null. */
  witness: { signerKey: string; logs: string[] } | null;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads and checks the witnessing variables, adding each problem to `problems`. */
export function loadWitnessingConfig(env: NodeJS.ProcessEnv, problems: string[]): WitnessingConfig {
  const witnesses: WitnessingConfig['witnesses'] = [];
  for (const entry of list(env.WRIT_LEDGER_WITNESSES)) {
    const [url, key, ...rest] = entry.split(/\s+/);
    let ok = rest.length === 0 && url !== undefined && key !== undefined && /^https?:\/\/\S+$/.test(url);
    try {
      if (ok) parseVerifierKey(key!);
    } catch {
      ok = false;
    }
    if (ok) witnesses.push({ url: url!, verifierKey: key! });
    else problems.push(`WRIT_LEDGER_WITNESSES: "${entry}" is not "<http(s) URL> <verifier key>"`);
  }
  const q = env.WRIT_LEDGER_WITNESS_QUORUM?.trim();
  const quorum = q ? Number(q) : witnesses.length;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    problems.push(`WRIT_LEDGER_WITNESS_QUORUM must be a whole number from 0 to ${witnesses.length} (got "${q}")`);
  const signerKey = env.WRIT_WITNESS_KEY?.trim() || null;
  const logs = list(env.WRIT_WITNESS_LOGS);
  if (signerKey) {
    try {
      parseSignerKey(signerKey);
    } catch {
      problems.push(
        'WRIT_WITNESS_KEY is not an Ed25519 signer key of the form PRIVATE+KEY+<name>+<key ID>+<base64 key>',
      );
    }
  }
  for (const k of logs) {
    try {
      parseVerifierKey(k);
    } catch {
      problems.push(`WRIT_WITNESS_LOGS: "${k}" is not a verifier key`);
    }
  }
  if (logs.length > 0 && !signerKey) problems.push('WRIT_WITNESS_LOGS needs WRIT_WITNESS_KEY');
  return { witnesses, quorum, witness: signerKey ? { signerKey, logs } : null };
}

/** This deployment's witness (its cosigner and the logs it watches by origin), or null. */
export function witnessFromConfig(w: WitnessingConfig): {
  cosigner: Cosigner;
  logs: Map<string, NoteVerifier>;
} | null {
  if (!w.witness) return null;
  const signerKey = w.witness.signerKey;
  const { cosigner } = cosignerFromNoteKey(parseSignerKey(signerKey), verifierKeyFromSignerKey(signerKey));
  const logs = new Map<string, NoteVerifier>();
  for (const k of w.witness.logs) {
    const v = parseVerifierKey(k);
    logs.set(v.name, v);
  }
  return { cosigner, logs };
}

/** The witnesses this log asks, and the quorum. */
export function witnessPolicyFromConfig(w: WitnessingConfig): {
  witnesses: { url: string; verifier: CosignatureVerifier }[];
  quorum: number;
} {
  return {
    witnesses: w.witnesses.map((x) => ({ url: x.url, verifier: cosignatureVerifier(x.verifierKey) })),
    quorum: w.quorum,
  };
}
