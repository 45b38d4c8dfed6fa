/**
 * Disclosure from the demand's page: choose the files that go in (each with its SHA-256, computed
 * here before anything is sent), prepare the package, and read back the manifest the server signed
 * with the ledger's key. Two approvers other than the preparer then approve (Actions), and an
 * officer of the requesting agency collects it by a single-use link once it is produced.
 */
import { useState, type ChangeEvent } from 'react';
import { api } from '../../lib/api.ts';
import type { StaffDemand } from '../../lib/api-types.ts';
import { formatBytes } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';

interface ManifestFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}
interface Manifest {
  packageId: string;
  preparedAt: string;
  files: ManifestFile[];
  filesSha256: string;
}
interface Chosen {
  file: File;
  sha256: string;
  include: boolean;
}

const PREPARERS = new Set(['reviewer', 'approver', 'administrator']);

async function sha256(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The manifest inside a signed note: the format line, then the manifest as one line of JSON. */
export function manifestOf(signedNote: string): Manifest | null {
  try {
    return JSON.parse(signedNote.split('\n')[1] ?? '') as Manifest;
  } catch {
    return null;
  }
}

export function PackagePanel({ demand, onChanged }: { demand: StaffDemand; onChanged: (message: string) => void }) {
  const { me } = useSession();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [prepared, setPrepared] = useState<{ manifest: Manifest | null; note: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayPrepare = me?.kind === 'staff' && me.roles.some((r) => PREPARERS.has(r));
  if (demand.state !== 'awaiting_disclosure' && !prepared) return null;

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    const hashed = await Promise.all(files.map(async (file) => ({ file, sha256: await sha256(file), include: true })));
    setChosen((c) => [...c.filter((x) => !files.some((f) => f.name === x.file.name)), ...hashed]);
    e.target.value = '';
  };
  const included = chosen.filter((c) => c.include);

  const prepare = async () => {
    if (!included.length) return setError('Choose at least one file to go in the package');
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      for (const c of included) form.append('file', c.file, c.file.name);
      const r = await api<{ packageId: string; signedManifest: string }>(
        `/api/v1/demands/${encodeURIComponent(demand.reference)}/package`,
        { method: 'POST', form },
      );
      setPrepared({ manifest: manifestOf(r.signedManifest), note: r.signedManifest });
      setChosen([]);
      onChanged('Package prepared: two approvers other than you now approve it.');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="package-title">
      <h2 id="package-title">Disclosure package</h2>
      {prepared?.manifest && (
        <>
          <p>
            Prepared package <code>{prepared.manifest.packageId}</code>: the manifest, signed with the ledger's key.
          </p>
          <table className="table">
            <caption>Manifest of the package</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Type</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {prepared.manifest.files.map((f) => (
                <tr key={f.name}>
                  <th scope="row">{f.name}</th>
                  <td>{f.mediaType}</td>
                  <td>{formatBytes(f.size)}</td>
                  <td>
                    <code className="hash">{f.sha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            SHA-256 of the file list: <code className="hash">{prepared.manifest.filesSha256}</code>
          </p>
          <details>
            <summary>The signed note</summary>
            <pre className="signed-note">{prepared.note}</pre>
          </details>
        </>
      )}
      {demand.state === 'awaiting_disclosure' && mayPrepare && (
        <fieldset className="fieldset">
          <legend>Prepare the package</legend>
          <p className="muted small">
            {prepared
              ? 'A new package replaces this one and needs fresh approvals.'
              : 'Choose the files to disclose: only what the decision found the instrument sufficient for.'}
          </p>
          <div className="field">
            <label htmlFor="package-files">Files to disclose</label>
            <input id="package-files" type="file" multiple onChange={(e) => void pick(e)} />
          </div>
          {chosen.length > 0 && (
            <fieldset className="fieldset">
              <legend>What goes in</legend>
              <ul className="plain-list">
                {chosen.map((c, i) => (
                  <li key={c.file.name} className="field field-check">
                    <input
                      id={`package-include-${i}`}
                      type="checkbox"
                      checked={c.include}
                      onChange={(e) =>
                        setChosen((all) => all.map((x) => (x === c ? { ...x, include: e.target.checked } : x)))
                      }
                    />
                    <label htmlFor={`package-include-${i}`}>
                      {c.file.name} ({formatBytes(c.file.size)}, SHA-256 <code className="hash">{c.sha256}</code>)
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <button type="button" className="button-primary" disabled={busy} onClick={() => void prepare()}>
            Prepare the package ({included.length} {included.length === 1 ? 'file' : 'files'})
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </fieldset>
      )}
    </section>
  );
}
