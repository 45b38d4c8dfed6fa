/**
 * Open a download link: once, before it expires, by the officer it was issued to. The link is
 * consumed in the same transaction that records the download, so two clicks never both succeed.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { PackageManifest } from '../domain/package-manifest.ts';
import type { Principal } from '../domain/principal.ts';
import { appendEvent } from '../store/event-repository.ts';
import type { WorkflowContext } from './context.ts';

export interface DownloadedPackage {
  manifest: PackageManifest;
  signedManifest: string;
  files: { name: string; mediaType: string; bytes: Buffer }[];
}

/** The link's row where `officer` may still use it at `now` (not used, not expired, theirs). */
function openLink(q: WorkflowContext['db'], hash: string, officer: Extract<Principal, { kind: 'officer' }>, now: Date) {
  return q
    .selectFrom('download_links')
    .select('package_id')
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('issued_to', '=', officer.id)
    .where('agency_id', '=', officer.agencyId);
}

/**
 * Whether the link would open, without using it up: for HEAD requests (a mail scanner or a browser
 * checking a link must not spend a single-use link).
 */
export async function downloadLinkIsOpen(
  ctx: WorkflowContext,
  token: string,
  officer: Extract<Principal, { kind: 'officer' }>,
): Promise<boolean> {
  const hash = createHash('sha256').update(token).digest('hex');
  return (await openLink(ctx.db, hash, officer, ctx.now()).executeTakeFirst()) !== undefined;
}

export async function downloadPackage(
  ctx: WorkflowContext,
  token: string,
  officer: Extract<Principal, { kind: 'officer' }>,
): Promise<DownloadedPackage> {
  const now = ctx.now();
  const hash = createHash('sha256').update(token).digest('hex');
  const pkg = await ctx.db.transaction().execute(async (tx) => {
    const link = await tx
      .updateTable('download_links')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('issued_to', '=', officer.id)
      .where('agency_id', '=', officer.agencyId)
      .returning(['package_id'])
      .executeTakeFirst();
    if (!link) throw new DomainError('not_found', 'This link is unknown, used, expired or not yours');
    const p = await tx
      .selectFrom('disclosure_packages')
      .select(['id', 'demand_id', 'manifest', 'signed_manifest'])
      .where('id', '=', link.package_id)
      .executeTakeFirstOrThrow();
    const manifest = p.manifest as PackageManifest;
    // Read the files before the link is spent: if a file cannot be opened, the link stays usable.
    const files = await Promise.all(
      manifest.files.map(async (f) => ({
        name: f.name,
        mediaType: f.mediaType,
        bytes: await ctx.documents.get(f.sha256),
      })),
    );
    await appendEvent(
      tx,
      p.demand_id,
      { kind: 'agency', id: officer.id },
      { type: 'disclosure.downloaded', packageId: p.id },
      now,
    );
    return { manifest, signedManifest: p.signed_manifest, files };
  });
  return pkg;
}
