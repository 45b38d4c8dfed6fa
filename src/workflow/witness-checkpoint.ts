/**
 * Writ as a witness (c2sp.org/tlog-witness): another log submits a checkpoint with a consistency
 * proof from the last size this deployment cosigned for it; when the checkpoint is signed by a key
 * configured for its origin and consistent with what was cosigned before, the new size is recorded
 * and a timestamped cosignature (c2sp.org/tlog-cosignature) returned. The check of the old size
 * and the update are one transaction on the log's row (SELECT … FOR UPDATE), so two submissions
 * can never roll the recorded size back.
 */
import {
  type NoteVerifier,
  decodeBase64,
  parseCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
} from '../ledger/index.ts';
import { type Cosigner, cosignatureLine } from '../ledger/cosignature.ts';
import { parseNote } from '../ledger/signed-note.ts';
import type { Db } from '../store/database.ts';
import { lockWitnessedLog, recordWitnessedCheckpoint } from '../store/witness-repository.ts';

/** A refusal, with the HTTP status the protocol gives it; a 409 carries the size cosigned last. */
export class WitnessRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    message: string,
    readonly size?: number,
  ) {
    super(message);
  }
}

/** This deployment as a witness: its cosigner and the logs it watches, by origin. */
export interface WitnessConfig {
  cosigner: Cosigner;
  logs: ReadonlyMap<string, NoteVerifier>;
}

/** The body of an add-checkpoint request: "old N", proof lines, an empty line, the checkpoint. */
export function parseAddCheckpoint(body: string): { oldSize: number; proof: Uint8Array[]; checkpoint: string } {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new WitnessRefusal(400, 'the request has no empty line before the checkpoint');
  const lines = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(lines[0] ?? '');
  if (!old) throw new WitnessRefusal(400, 'the first line must be "old <size>"');
  const proof = lines.slice(1).map((l) => decodeBase64(l));
  if (proof.length > 63 || proof.some((h) => h === undefined || h.length !== 32))
    throw new WitnessRefusal(400, 'each proof line must be one base64 SHA-256 hash, at most 63 of them');
  return { oldSize: Number(old[1]), proof: proof as Uint8Array[], checkpoint: body.slice(blank + 2) };
}

/** Checks a submission and returns the cosignature line(s); throws WitnessRefusal. */
export async function witnessCheckpoint(db: Db, witness: WitnessConfig, body: string, now: Date): Promise<string> {
  const { oldSize, proof, checkpoint: note } = parseAddCheckpoint(body);
  let text: string;
  try {
    text = parseNote(note).text;
  } catch (e) {
    throw new WitnessRefusal(400, `the checkpoint is not a signed note: ${(e as Error).message}`);
  }
  let origin: string;
  try {
    origin = parseCheckpoint(text).origin;
  } catch (e) {
    throw new WitnessRefusal(400, `not a checkpoint: ${(e as Error).message}`);
  }
  const verifier = witness.logs.get(origin);
  if (!verifier) throw new WitnessRefusal(404, `this witness does not watch ${origin}`);
  let cp: ReturnType<typeof parseCheckpoint>;
  try {
    cp = verifyCheckpoint(note, [verifier], origin).checkpoint;
  } catch (e) {
    throw new WitnessRefusal(403, `the checkpoint is not signed by the log's key: ${(e as Error).message}`);
  }
  if (oldSize > cp.treeSize) throw new WitnessRefusal(400, `old size ${oldSize} is larger than the checkpoint's`);
  return db.transaction().execute(async (tx) => {
    const known = await lockWitnessedLog(tx, origin);
    const knownSize = known?.treeSize ?? 0;
    if (oldSize !== knownSize) throw new WitnessRefusal(409, `the last cosigned size is ${knownSize}`, knownSize);
    if (known && oldSize === cp.treeSize) {
      if (!Buffer.from(known.rootHash).equals(Buffer.from(cp.rootHash)))
        throw new WitnessRefusal(409, 'same size, another root: the log forked', knownSize);
    } else if (known) {
      try {
        verifyConsistency(oldSize, cp.treeSize, proof, known.rootHash, cp.rootHash);
      } catch (e) {
        throw new WitnessRefusal(422, `the consistency proof does not verify: ${(e as Error).message}`);
      }
    } else if (proof.length > 0) throw new WitnessRefusal(422, 'a proof from size 0 must be empty');
    await recordWitnessedCheckpoint(tx, origin, cp.treeSize, cp.rootHash, note);
    return cosignatureLine(text, witness.cosigner, Math.floor(now.getTime() / 1000));
  });
}
