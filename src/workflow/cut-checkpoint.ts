/**
 * Cutting a checkpoint: sign the root of the tree as it is now. Before signing, the new tree must
 * be proven an append-only extension of the last checkpoint: its root is taken from the checkpoint's
 * own signed note (not from the row beside it), and a consistency proof built from the stored nodes
 * must lead from that root to the new one. If anything in the stored tree changed since, the proof
 * fails and Writ refuses to sign, rather than vouch for a rewritten history.
 */
import {
  LedgerError,
  bytesEqual,
  consistencyProof,
  signCheckpoint,
  treeRoot,
  verifyCheckpoint,
  verifyConsistency,
} from '../ledger/index.ts';
import { addSignatureLine, cosignatureLine, cosignerFromNoteKey } from '../ledger/cosignature.ts';
import type { LedgerSigning } from '../ledger/log-signing.ts';
import type { Db } from '../store/database.ts';
import { type StoredCheckpoint, insertCheckpoint, latestCheckpoint } from '../store/ledger-checkpoint-repository.ts';
import { ledgerNodeReader, ledgerTreeSize, lockLedger } from '../store/ledger-repository.ts';

/** Raised instead of signing a checkpoint that would contradict the last one. */
export class CheckpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointRefused';
  }
}

/** A checkpoint after a cut; `created` is false when the tree had not grown since the last one. */
export interface CutResult {
  checkpoint: StoredCheckpoint;
  created: boolean;
}

/** The last checkpoint's root, from its note, once its signature and origin check out. */
function signedRoot(last: StoredCheckpoint, signing: LedgerSigning): Uint8Array {
  try {
    const { checkpoint } = verifyCheckpoint(last.note, [signing.verifier], signing.origin);
    if (checkpoint.treeSize !== last.treeSize || !bytesEqual(checkpoint.rootHash, last.rootHash)) {
      throw new CheckpointRefused(
        `the stored checkpoint for tree size ${last.treeSize} does not match its own signed note`,
      );
    }
    return checkpoint.rootHash;
  } catch (e) {
    if (e instanceof LedgerError) {
      throw new CheckpointRefused(
        `the last checkpoint (tree size ${last.treeSize}) does not verify with this log's key and origin: ${e.message}`,
      );
    }
    throw e;
  }
}

/**
 * Signs and stores a checkpoint of the current tree, or returns the last one when the tree has not
 * grown. Returns null while the log is empty. Throws CheckpointRefused when the stored tree is not
 * consistent with the last checkpoint.
 */
export async function cutCheckpoint(db: Db, signing: LedgerSigning): Promise<CutResult | null> {
  return db.transaction().execute(async (tx) => {
    await lockLedger(tx, 'checkpoint');
    const size = await ledgerTreeSize(tx);
    if (size === 0) return null;
    const reader = ledgerNodeReader(tx);
    const last = await latestCheckpoint(tx);
    const root = await treeRoot(reader, size);
    if (last) {
      if (last.treeSize > size) {
        throw new CheckpointRefused(
          `the log has ${size} leaves, fewer than the ${last.treeSize} of the last checkpoint`,
        );
      }
      const lastRoot = signedRoot(last, signing);
      try {
        const proof = await consistencyProof(reader, last.treeSize, size);
        verifyConsistency(last.treeSize, size, proof, lastRoot, root);
      } catch (e) {
        if (e instanceof LedgerError) {
          throw new CheckpointRefused(
            `the tree of ${size} leaves is not consistent with the checkpoint for ${last.treeSize}: ${e.message}`,
          );
        }
        throw e;
      }
      if (last.treeSize === size) return { checkpoint: last, created: false };
    }
    const signed = signCheckpoint({ origin: signing.origin, treeSize: size, rootHash: root, extensions: [] }, [
      signing.signer,
    ]);
    // The signed time: the log's own tlog-cosignature/v1 (its key, cosignature key ID) with the
    // time of signing. Verifiers that know only the note key ignore the line.
    const body = signed.slice(0, signed.lastIndexOf('\n\n') + 1);
    const { cosigner } = cosignerFromNoteKey(signing.signer, signing.verifierKey);
    const note = addSignatureLine(signed, cosignatureLine(body, cosigner, Math.floor(Date.now() / 1000)));
    return { checkpoint: await insertCheckpoint(tx, { treeSize: size, rootHash: root, note }), created: true };
  });
}
