/**
 * The log side of witnessing (c2sp.org/tlog-witness): the latest checkpoint goes to every
 * configured witness not yet cosigning it, with a consistency proof from the size that witness
 * cosigned last; each cosignature that comes back is verified with the witness's key (and its
 * timestamp kept) before it is stored. A witness that answers 409 names the size it has; the
 * request is made once more from there. A checkpoint counts as published once `quorum` witnesses
 * have cosigned it (publishedCheckpoint).
 */
import { encodeBase64 } from '../ledger/index.ts';
import { consistencyProof } from '../ledger/proof.ts';
import { type CosignatureVerifier, verifyCosignatures } from '../ledger/cosignature.ts';
import type { Db } from '../store/database.ts';
import { type StoredCheckpoint, findCheckpoint, latestCheckpoint } from '../store/ledger-checkpoint-repository.ts';
import { ledgerNodeReader } from '../store/ledger-repository.ts';
import {
  cosignaturesOf,
  largestCosignedSize,
  lastCosignedSize,
  storeCosignature,
} from '../store/witness-repository.ts';

/** A witness this log asks: its submission prefix and its cosignature key. */
export interface WitnessEndpoint {
  url: string;
  verifier: CosignatureVerifier;
}

/** Which witnesses, and how many must cosign before a checkpoint counts as published. */
export interface WitnessPolicy {
  witnesses: readonly WitnessEndpoint[];
  quorum: number;
}

async function submit(db: Db, w: WitnessEndpoint, cp: StoredCheckpoint, oldSize: number): Promise<Response> {
  const proof =
    oldSize > 0 && oldSize < cp.treeSize ? await consistencyProof(ledgerNodeReader(db), oldSize, cp.treeSize) : [];
  const body = `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${cp.note}`;
  return fetch(`${w.url.replace(/\/$/, '')}/add-checkpoint`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

/** Asks each witness that has not cosigned the latest checkpoint; returns what each did. */
export async function requestCosignatures(
  db: Db,
  policy: WitnessPolicy,
): Promise<{ witness: string; result: string }[]> {
  const cp = await latestCheckpoint(db);
  if (!cp || policy.witnesses.length === 0) return [];
  const have = new Set((await cosignaturesOf(db, cp.treeSize)).map((c) => c.witness));
  const out: { witness: string; result: string }[] = [];
  for (const w of policy.witnesses) {
    if (have.has(w.verifier.name)) continue;
    try {
      let res = await submit(db, w, cp, await lastCosignedSize(db, w.verifier.name));
      if (res.status === 409 && res.headers.get('content-type')?.startsWith('text/x.tlog.size')) {
        const size = Number((await res.text()).trim());
        if (!Number.isSafeInteger(size) || size > cp.treeSize || (size > 0 && !(await findCheckpoint(db, size))))
          throw new Error(`the witness holds size ${size}, which this log never signed`);
        res = await submit(db, w, cp, size);
      }
      if (res.status !== 200) throw new Error(`answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const [cosig] = verifyCosignatures(`${cp.note}${await res.text()}`, [w.verifier]);
      if (!cosig) throw new Error('answered without a cosignature by its key');
      await storeCosignature(db, cp.treeSize, w.verifier.name, cosig.line, new Date(cosig.timestamp * 1000));
      out.push({ witness: w.verifier.name, result: `cosigned ${cp.treeSize}` });
    } catch (e) {
      out.push({ witness: w.verifier.name, result: `failed: ${(e as Error).message}` });
    }
  }
  return out;
}

/**
 * The checkpoint that counts as published, with its witnesses' cosignature lines: the latest one
 * when no quorum is required, else the latest cosigned by at least `quorum` witnesses.
 */
export async function publishedCheckpoint(db: Db, quorum: number): Promise<StoredCheckpoint | undefined> {
  const size = quorum > 0 ? await largestCosignedSize(db, quorum) : (await latestCheckpoint(db))?.treeSize;
  if (size === undefined) return undefined;
  const cp = await findCheckpoint(db, size);
  if (!cp) return undefined;
  const lines = (await cosignaturesOf(db, size)).map((c) => c.line).join('');
  return { ...cp, note: `${cp.note}${lines}` };
}
