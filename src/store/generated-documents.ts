/**
 * Documents Writ writes itself for a demand (a redirect letter's PDF copy, a draft challenge):
 * their bytes go to the document store first, then this row, in the use case's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from './database.ts';

export interface GeneratedDocument {
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Staff only (the provider's own working paper), not shown to the agency. */
  internal?: boolean;
}

/** Add a document row to a demand; returns its id. */
export async function insertGeneratedDocument(
  tx: Tx,
  demandId: string,
  d: GeneratedDocument,
  at: Date,
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('documents')
    .values({
      id,
      demand_id: demandId,
      filename: d.filename,
      media_type: d.mediaType,
      size_bytes: d.sizeBytes,
      sha256: d.sha256,
      internal: d.internal ?? false,
      made_by_provider: true,
      created_at: at,
    })
    .execute();
  return id;
}
