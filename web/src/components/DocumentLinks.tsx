/**
 * The legal documents filed with a demand. The API wants credentials that a plain link does not
 * carry, so a click fetches the file and hands it to the browser as a download; a PDF can also be
 * read in the page.
 */
import { lazy, Suspense, useState } from 'react';
import { useDownloadLink } from '../lib/download-link.tsx';
import type { SharedDemand } from '../lib/api-types.ts';
import { formatBytes } from '../lib/format.ts';

// pdf.js is large: it loads the first time a document is read, not with every page.
const PdfViewer = lazy(() => import('./PdfViewer.tsx').then((m) => ({ default: m.PdfViewer })));

export function DocumentLinks({
  reference,
  documents,
}: {
  reference: string;
  documents: NonNullable<SharedDemand['documents']>;
}) {
  const { alert, download } = useDownloadLink();
  const [reading, setReading] = useState<string | null>(null);
  if (!documents.length) return <p className="muted">No document was filed.</p>;
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
            </span>{' '}
            {d.mediaType === 'application/pdf' && (
              <button
                type="button"
                className="button-quiet"
                aria-expanded={reading === d.id}
                onClick={() => setReading(reading === d.id ? null : d.id)}
              >
                {reading === d.id ? 'Close' : 'Read'}
                <span className="visually-hidden"> {d.filename}</span>
              </button>
            )}
            {reading === d.id && (
              <Suspense fallback={<p className="muted">Opening the reader…</p>}>
                <PdfViewer
                  url={`/api/v1/demands/${encodeURIComponent(reference)}/documents/${d.id}`}
                  name={d.filename}
                />
              </Suspense>
            )}
          </li>
        ))}
      </ul>
      {alert}
    </>
  );
}
