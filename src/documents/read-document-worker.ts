/**
 * Runs in a worker thread (read-document.ts starts it with a memory limit): a hostile PDF that
 * inflates to gigabytes, or a page that never finishes, ends this thread, not Writ.
 * Text comes from the PDF's own text layer with pdf.js; a page without one (a scan) is drawn onto
 * a canvas and read by OCR.
 */
import { parentPort } from 'node:worker_threads';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OcrEngine } from './ocr.ts';
import { pdfBombProblem } from './pdf-guard.ts';
import { linesFromRuns, type PageText, type TextRun } from './page-text.ts';
import type { ReadJob, ReadReply } from './read-document.ts';

/** A page with fewer characters than this in its text layer is taken for a scan. */
const MIN_TEXT_CHARS = 40;
/** OCR resolution: 200 dpi, capped so that no page becomes a canvas of more than this many pixels. */
const OCR_SCALE = 200 / 72;
const MAX_PIXELS = 12_000_000;

const ocr = new OcrEngine();

async function ocrImage(
  bytes: Buffer,
  pageNo: number,
  scale: number,
  width: number,
  height: number,
): Promise<PageText> {
  const r = await ocr.recognize(bytes, scale);
  return { page: pageNo, source: 'ocr', confidence: r.confidence, text: r.text, lines: r.lines, width, height };
}

const IMAGE_OPS = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

/** Whether the page draws an image: a page with little text and no image is short, not scanned. */
async function hasImage(page: { getOperatorList(): Promise<{ fnArray: number[] }> }): Promise<boolean> {
  const ops = await page.getOperatorList();
  return ops.fnArray.some((f) => IMAGE_OPS.has(f));
}

async function readPdf(job: ReadJob): Promise<ReadReply> {
  const problems: string[] = [];
  const bomb = pdfBombProblem(new Uint8Array(job.bytes));
  if (bomb) return { id: job.id, error: { code: 'too_large', message: bomb } };
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    doc = await getDocument({
      data: new Uint8Array(job.bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException')
      return { id: job.id, error: { code: 'encrypted', message: 'the PDF is encrypted with a password' } };
    return {
      id: job.id,
      error: { code: 'malformed', message: `the PDF cannot be read (${(e as Error).message})` },
    };
  }
  const pageCount = doc.numPages;
  const last = Math.min(pageCount, job.maxPages);
  if (pageCount > job.maxPages) problems.push(`only the first ${job.maxPages} of ${pageCount} pages were read`);
  const pages: PageText[] = [];
  for (let n = 1; n <= last; n++) {
    const page = await doc.getPage(n);
    const view = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const { text, lines } = linesFromRuns(content.items as TextRun[], view.height);
    if (text.replace(/\s/g, '').length >= MIN_TEXT_CHARS || !job.ocr || !(await hasImage(page))) {
      pages.push({ page: n, source: 'text', confidence: 1, text, lines, width: view.width, height: view.height });
    } else {
      const scale = Math.min(OCR_SCALE, Math.sqrt(MAX_PIXELS / (view.width * view.height)));
      const vp = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, vp.width, vp.height);
      // pdf.js draws with the same @napi-rs/canvas (one version, locked): its types differ from the DOM's.
      await page.render({ canvasContext: ctx as never, viewport: vp, canvas: canvas as never }).promise;
      const png = canvas.toBuffer('image/png');
      pages.push(await ocrImage(png, n, scale, view.width, view.height));
    }
    page.cleanup();
  }
  await doc.destroy();
  return { id: job.id, result: { pageCount, pages, problems } };
}

async function read(job: ReadJob): Promise<ReadReply> {
  if (job.mediaType === 'application/pdf') return readPdf(job);
  if (!job.ocr) return { id: job.id, result: { pageCount: 1, pages: [], problems: ['an image is read only by OCR'] } };
  // An image attachment: one scanned page. Its size in points assumes 200 dpi.
  const img = await loadImage(Buffer.from(job.bytes));
  if (img.width * img.height > MAX_PIXELS * 4)
    return { id: job.id, error: { code: 'too_large', message: `the image is ${img.width}×${img.height} pixels` } };
  const page = await ocrImage(Buffer.from(job.bytes), 1, OCR_SCALE, img.width / OCR_SCALE, img.height / OCR_SCALE);
  return { id: job.id, result: { pageCount: 1, pages: [page], problems: [] } };
}

parentPort!.on('message', (job: ReadJob | 'close') => {
  if (job === 'close') {
    void ocr.close().then(() => process.exit(0));
    return;
  }
  read(job).then(
    (reply) => parentPort!.postMessage(reply),
    (e: Error) => parentPort!.postMessage({ id: job.id, error: { code: 'unreadable', message: e.message } }),
  );
});
