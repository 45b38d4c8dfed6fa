/**
 * The legal documents filed with a demand. The API wants credentials that a plain link does not
 * carry, so a click fetches the file and hands it to the browser as a download.
 */
import { useState, type MouseEvent } from 'react';
import { apiFile } from '../lib/api.ts';
import type { SharedDemand } from '../lib/api-types.ts';
import { formatBytes } from '../lib/format.ts';

export function DocumentLinks({
  reference,
  documents,
}: {
  reference: string;
  documents: NonNullable<SharedDemand['documents']>;
}) {
  const [error, setError] = useState<string | null>(null);
  if (!documents.length) return <p className="muted">No document was filed.</p>;
  const download = async (e: MouseEvent<HTMLAnchorElement>, name: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    setError(null);
    try {
      const { blob, filename } = await apiFile(e.currentTarget.pathname, name);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(`Could not download ${name}: ${(err as Error).message}`);
    }
  };
  return (
    <>
      <ul className="documents">
        {documents.map((d) => (
          <li key={d.id}>
            <a
              href={`/api/v1/demands/${encodeURIComponent(reference)}/documents/${d.id}`}
              onClick={(e) => void download(e, d.filename)}
            >
              {d.filename}
            </a>{' '}
            <span className="muted">
              ({d.mediaType}, {formatBytes(d.sizeBytes)}, SHA-256 <code title={d.sha256}>{d.sha256.slice(0, 12)}…</code>
              )
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
