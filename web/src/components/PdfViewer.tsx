/**
 * A PDF read in the page: pdf.js (in its own worker, no eval) draws one page at a time onto a
 * canvas, with previous / next. The file comes through the API with the caller's credentials, as a
 * download would.
 */
import { useEffect, useRef, useState } from 'react';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { apiFile } from '../lib/api.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

export function PdfViewer({ url, name }: { url: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    (async () => {
      const { blob } = await apiFile(url, name);
      const task = getDocument({ data: new Uint8Array(await blob.arrayBuffer()), isEvalSupported: false });
      loaded = await task.promise;
      if (cancelled) return void loaded.destroy();
      setDoc(loaded);
    })().catch((e: unknown) => !cancelled && setError(`Could not open ${name}: ${(e as Error).message}`));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [url, name]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    const target = canvas.current;
    let render: { cancel(): void } | null = null;
    (async () => {
      const p = await doc.getPage(page);
      const width = target.parentElement?.clientWidth || 800;
      const base = p.getViewport({ scale: 1 });
      const viewport = p.getViewport({ scale: Math.min(2, width / base.width) });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const task = p.render({ canvas: target, viewport });
      render = task;
      await task.promise;
      if (!cancelled) setDrawn(page);
    })().catch((e: unknown) => {
      if (!cancelled && (e as Error).name !== 'RenderingCancelledException') setError((e as Error).message);
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, page]);

  if (error)
    return (
      <p className="field-error" role="alert">
        {error}
      </p>
    );
  const pages = doc?.numPages ?? 0;
  return (
    <figure className="pdf-viewer">
      <nav className="pager" aria-label={`Pages of ${name}`}>
        <button type="button" onClick={() => setPage((n) => n - 1)} disabled={page <= 1}>
          Previous page
        </button>
        <span className="pager-where" aria-live="polite">
          {pages ? `Page ${page} of ${pages}` : 'Opening…'}
        </span>
        <button type="button" onClick={() => setPage((n) => n + 1)} disabled={!pages || page >= pages}>
          Next page
        </button>
      </nav>
      <div className="pdf-page">
        <canvas ref={canvas} role="img" aria-label={`${name}, page ${page}`} data-page-drawn={drawn || undefined} />
      </div>
      <figcaption className="muted small">{name}</figcaption>
    </figure>
  );
}
