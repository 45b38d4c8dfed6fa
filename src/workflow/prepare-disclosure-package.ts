/**
 * Assemble what a compelled demand will disclose: the files (sealed in the document store), and a
 * manifest with the SHA-256 of each and of the whole, signed with the ledger key. The preparer is
 * recorded: the two people who then approve must both be someone else.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, invalid } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import { buildManifest, manifestNoteText } from '../domain/package-manifest.ts';
import type { NoteSigner } from '../ledger/note-keys.ts';
import { signNote } from '../ledger/signed-note.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface PrepareDisclosurePackageOptions {
  demand: string;
  actor: Actor;
  files: { name: string; mediaType: string; bytes: Buffer }[];
  signer: NoteSigner;
}

export async function prepareDisclosurePackage(ctx: WorkflowContext, o: PrepareDisclosurePackageOptions) {
  if (!o.files.length) throw invalid([{ pointer: '/files', detail: 'a package holds at least one file' }]);
  const names = new Set<string>();
  o.files.forEach((f, i) => {
    if (!/^[\w.() -]{1,200}$/.test(f.name) || names.has(f.name))
      throw invalid([{ pointer: `/files/${i}`, detail: 'needs a unique plain file name' }]);
    names.add(f.name);
  });
  // Seal the bytes first (content-addressed, harmless if the transaction then fails).
  await Promise.all(o.files.map((f) => ctx.documents.put(f.bytes)));
  const packageId = randomUUID();
  let signed = '';
  const demand = await actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (d.state !== 'awaiting_disclosure')
      throw new DomainError(
        'illegal_transition',
        `A package is prepared while the demand awaits disclosure; it is "${d.state}"`,
      );
    const manifest = buildManifest(packageId, d.reference, now.toISOString(), o.files);
    signed = signNote(manifestNoteText(manifest), [o.signer]);
    await tx
      .insertInto('disclosure_packages')
      .values({
        id: packageId,
        demand_id: d.id,
        prepared_by: actorLabel(o.actor),
        manifest: JSON.stringify(manifest),
        signed_manifest: signed,
      })
      .execute();
    await tx
      .insertInto('disclosure_files')
      .values(
        manifest.files.map((f, i) => ({
          package_id: packageId,
          ordinal: i,
          name: f.name,
          media_type: f.mediaType,
          size_bytes: f.size,
          sha256: f.sha256,
        })),
      )
      .execute();
    // A new package needs fresh approvals: earlier ones approved other contents.
    await tx.deleteFrom('approvals').where('demand_id', '=', d.id).execute();
    return {
      events: [
        {
          type: 'disclosure.package_prepared',
          packageId,
          files: manifest.files.length,
          filesSha256: manifest.filesSha256,
        },
      ],
    };
  });
  return { demand, packageId, signedManifest: signed };
}
