/**
 * The manifest of a disclosure package: what was handed to the agency, file by file, with the
 * SHA-256 of each and of the whole list. It travels as a signed note (the ledger's Ed25519 key),
 * so the recipient can check with the published key that nothing was added, removed or altered.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.ts';

export const MANIFEST_FORMAT = 'writ-disclosure/1';

export interface ManifestFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface PackageManifest {
  format: typeof MANIFEST_FORMAT;
  packageId: string;
  demand: string;
  preparedAt: string;
  files: ManifestFile[];
  /** SHA-256 of the canonical JSON (RFC 8785) of `files`. */
  filesSha256: string;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export function buildManifest(
  packageId: string,
  demand: string,
  preparedAt: string,
  files: { name: string; mediaType: string; bytes: Buffer }[],
): PackageManifest {
  const list = files.map((f) => ({
    name: f.name,
    mediaType: f.mediaType,
    size: f.bytes.length,
    sha256: sha256(f.bytes),
  }));
  return {
    format: MANIFEST_FORMAT,
    packageId,
    demand,
    preparedAt,
    files: list,
    filesSha256: sha256(canonicalJson(list)),
  };
}

/** The note body that is signed: the format line, then the canonical manifest on one line. */
export function manifestNoteText(m: PackageManifest): string {
  return `${MANIFEST_FORMAT}\n${canonicalJson(m)}\n`;
}

/** Problems found checking files against a manifest (empty: the package is intact). */
export function checkPackageFiles(m: PackageManifest, files: { name: string; bytes: Buffer }[]): string[] {
  const problems: string[] = [];
  if (sha256(canonicalJson(m.files)) !== m.filesSha256) problems.push('the file list does not match filesSha256');
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  for (const f of m.files) {
    const bytes = byName.get(f.name);
    if (!bytes) problems.push(`${f.name}: missing`);
    else if (bytes.length !== f.size || sha256(bytes) !== f.sha256)
      problems.push(`${f.name}: does not match its SHA-256`);
  }
  for (const f of files) if (!m.files.some((x) => x.name === f.name)) problems.push(`${f.name}: not in the manifest`);
  return problems;
}
