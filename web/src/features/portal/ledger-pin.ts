/**
 * What this browser remembers of the provider's ledger between visits, so that each check is also
 * a check against the last: the ledger's key as first seen (trust on first use), and the largest
 * signed checkpoint verified so far. A later check must come with the same key, and its checkpoint
 * must be consistent with the remembered one (RFC 9162 consistency proof, verified here): a log
 * that was rewritten, or a server answering with another key, fails even when each answer is
 * internally sound. The key is also printed in every transparency report and at
 * /.well-known/writ-ledger.json, to compare it with once.
 *
 * Pure: the page keeps the pin (VerifyProof.tsx, in localStorage) and fetches the proofs.
 */
import { hashFromBase64, type LedgerKey, verifyConsistency } from './ledger-verify.ts';

export interface LedgerPin {
  origin: string;
  verifierKey: string;
  /** The largest verified checkpoint: its tree size and root (base64). */
  treeSize: number;
  rootHash: string;
  /** When this browser first saw the key (ISO). */
  keySince: string;
  /** When the checkpoint remembered was verified (ISO). */
  seenAt: string;
}

/** A consistency proof between two tree sizes, as the ledger's public route gives it. */
export interface ConsistencyAnswer {
  from: number;
  to: number;
  proof: string[];
}

export type PinCheck = { ok: true; pin: LedgerPin; continuity: string } | { ok: false; reason: string };

const day = (iso: string) => iso.slice(0, 10);

/**
 * Check a verified checkpoint (`seen`) and the key that verified it against what this browser
 * remembers, fetching a consistency proof when the tree sizes differ. Returns what to remember next.
 */
export async function checkAgainstPin(
  pin: LedgerPin | null,
  key: LedgerKey,
  seen: { treeSize: number; rootHash: string },
  consistency: (from: number, to: number) => Promise<ConsistencyAnswer>,
  now: Date,
): Promise<PinCheck> {
  const at = now.toISOString();
  if (!pin)
    return {
      ok: true,
      pin: { origin: key.origin, verifierKey: key.verifierKey, ...seen, keySince: at, seenAt: at },
      continuity: 'This browser now remembers the ledger key and this checkpoint, and checks later ones against them',
    };
  if (pin.origin !== key.origin || pin.verifierKey !== key.verifierKey)
    return {
      ok: false,
      reason: `the ledger key is not the one this browser has used since ${day(pin.keySince)}: compare it with the key printed in the transparency reports`,
    };
  const pinnedRoot = hashFromBase64(pin.rootHash);
  const seenRoot = hashFromBase64(seen.rootHash);
  if (!pinnedRoot || !seenRoot) return { ok: false, reason: 'a checkpoint root is not a hash' };
  if (seen.treeSize === pin.treeSize) {
    if (seen.rootHash !== pin.rootHash)
      return {
        ok: false,
        reason: `the log of ${seen.treeSize} entries is not the one this browser verified on ${day(pin.seenAt)}: the log was rewritten`,
      };
    return { ok: true, pin, continuity: `The same checkpoint this browser verified on ${day(pin.seenAt)}` };
  }
  const [from, to] = seen.treeSize > pin.treeSize ? [pin, seen] : [seen, pin];
  let answer: ConsistencyAnswer;
  try {
    answer = await consistency(from.treeSize, to.treeSize);
  } catch (e) {
    return { ok: false, reason: `no consistency proof with the checkpoint seen before: ${(e as Error).message}` };
  }
  const proof = answer.proof.map(hashFromBase64);
  const consistent =
    answer.from === from.treeSize &&
    answer.to === to.treeSize &&
    proof.every((p) => p !== null) &&
    (await verifyConsistency(
      from.treeSize,
      to.treeSize,
      from === pin ? pinnedRoot : seenRoot,
      to === pin ? pinnedRoot : seenRoot,
      proof as Uint8Array[],
    ));
  if (!consistent)
    return {
      ok: false,
      reason: `the log is not consistent with the one of ${pin.treeSize} entries this browser verified on ${day(pin.seenAt)}: entries were changed or removed`,
    };
  if (seen.treeSize > pin.treeSize)
    return {
      ok: true,
      pin: { ...pin, ...seen, seenAt: at },
      continuity: `Consistent with the log of ${pin.treeSize} entries this browser verified on ${day(pin.seenAt)}: nothing in it was changed or removed`,
    };
  return {
    ok: true,
    pin,
    continuity: `An earlier checkpoint, consistent with the log of ${pin.treeSize} entries this browser verified on ${day(pin.seenAt)}`,
  };
}
