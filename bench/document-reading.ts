/**
 * Reading legal documents, beside a bare baseline measured in the same run on the same documents.
 * Writ's reader is `DocumentReader` (a worker thread of its own: pdf.js, and for a page without
 * text the page drawn at 200 dpi and read by tesseract.js) followed by `extractDemandFields`. The
 * baselines do nothing else than the library call:
 *  - bare pdf.js: `getDocument` and `getTextContent` over every page, on the main thread;
 *  - bare tesseract.js: one engine recognising each scan's page images (the JPEGs the scanned PDF
 *    carries) as they are, text only.
 * Writ's reader is also handed those page images as JPEG attachments (no page drawn), which
 * splits the scans' cost between drawing the page and reading it.
 *
 * Printed: field accuracy on the generated corpus per field and per document kind (text PDFs and
 * scans apart); then per page, for each reader, wall time and CPU milliseconds split by thread:
 * Writ's reading thread, the OCR engine's thread, the main thread, and the runtime's helper threads
 * (V8's compiler and garbage collector, libuv's pool), from /proc per thread. Each document is read
 * by every reader in turn, one at a time, the order rotating, so that a shared machine's load falls
 * on all alike; starting a thread or an engine is measured apart, on the first document of a set,
 * which is then read again with the others. Last, a 20-page text PDF drafted.
 *   node --import tsx bench/document-reading.ts [--per-kind 6] [--scans 6]
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createWorker, OEM } from 'tesseract.js';
import { type DemandFields, extractDemandFields } from '../src/documents/demand-fields.ts';
import type { PageText } from '../src/documents/page-text.ts';
import { newPdf, pdfBytes } from '../src/documents/pdf.ts';
import { DocumentReader } from '../src/documents/read-document.ts';
import { compareFields, FIELD_NAMES } from '../test/support/corpus-scoring.ts';
import { type CorpusDocument, makeCorpus } from '../test/support/legal-corpus.ts';
import { threadCpuMs } from './support/process-cpu.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const perKind = arg('per-kind', 6);
const scanCount = arg('scans', 6);
const load0 = loadavg();

const corpus = await makeCorpus({ seed: 7, perKind, scans: scanCount });
const texts = corpus.filter((d) => !d.scanned);
const scans = corpus.filter((d) => d.scanned);

/** The page images a scanned PDF of the corpus carries: one JPEG a page, in page order. */
function pageImages(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const re = /\/Subtype \/Image[^>]*?\/Filter \/DCTDecode\s*\/Length (\d+)\s*>>\s*stream\r?\n/g;
  const out: Buffer[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    out.push(pdf.subarray(start, start + Number(m[1])));
  }
  return out;
}
const images = new Map(scans.map((d) => [d, pageImages(d.pdf)]));

// Which thread does what: the main thread is the pid; the threads there before any reading are the
// runtime's helpers; a thread that appears while a reader starts is that reader's.
type Role = 'reading' | 'ocr' | 'main' | 'helpers';
const ROLES: Role[] = ['reading', 'ocr', 'main', 'helpers'];
const roleOf = new Map<number, Role>([...threadCpuMs().keys()].map((tid) => [tid, 'helpers']));
roleOf.set(process.pid, 'main');
const claimNewThreads = (role: Role) => {
  for (const tid of threadCpuMs().keys()) if (!roleOf.has(tid)) roleOf.set(tid, role);
};

interface Tally {
  docs: number;
  pages: number;
  wallMs: number;
  cpuMs: Record<Role, number>;
}
const tally = (): Tally => ({ docs: 0, pages: 0, wallMs: 0, cpuMs: { reading: 0, ocr: 0, main: 0, helpers: 0 } });

/** Runs one read, adding its pages, wall time and each thread's CPU to `t`. */
async function measure<R extends { pages: number }>(t: Tally, run: () => Promise<R>): Promise<R> {
  const cpu0 = threadCpuMs();
  const t0 = performance.now();
  const r = await run();
  t.wallMs += performance.now() - t0;
  for (const [tid, ms] of threadCpuMs()) t.cpuMs[roleOf.get(tid) ?? 'helpers'] += ms - (cpu0.get(tid) ?? 0);
  t.docs++;
  t.pages += r.pages;
  return r;
}

const reader = new DocumentReader({ timeoutMs: 300_000 });
/** Writ: a PDF read in the reading thread, then its fields drafted on this one. */
async function writPdf(pdf: Buffer): Promise<{ pages: number; fields: DemandFields }> {
  const read = await reader.read(pdf, 'application/pdf');
  return { pages: read.pages.length, fields: extractDemandFields(read.pages) };
}
/** Writ: a scan's page images as JPEG attachments, one read each, fields drafted over them all. */
async function writImages(jpegs: Buffer[]): Promise<{ pages: number; fields: DemandFields }> {
  const pages: PageText[] = [];
  for (const jpeg of jpegs) {
    const [page] = (await reader.read(jpeg, 'image/jpeg')).pages;
    if (page) pages.push({ ...page, page: pages.length + 1 });
  }
  return { pages: jpegs.length, fields: extractDemandFields(pages) };
}
/** Bare pdf.js: every page's text content, nothing else. */
async function barePdf(pdf: Buffer): Promise<{ pages: number }> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages = doc.numPages;
  for (let n = 1; n <= pages; n++) {
    const page = await doc.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  await doc.destroy();
  return { pages };
}
const eng = createRequire(import.meta.url)('@tesseract.js-data/eng') as { langPath: string };
let bareEngine = null as Awaited<ReturnType<typeof createWorker>> | null;
/** Bare tesseract.js: the page images recognised, text only, by one engine kept for the run. */
async function bareOcr(jpegs: Buffer[]): Promise<{ pages: number }> {
  bareEngine ??= await createWorker('eng', OEM.LSTM_ONLY, { langPath: eng.langPath, gzip: true, cacheMethod: 'none' });
  for (const jpeg of jpegs) await bareEngine.recognize(jpeg);
  return { pages: jpegs.length };
}

// Start-up, each on the first document of its set; the new threads are named by who started them.
const startup: [string, Tally][] = [];
const start = async (what: string, role: Role | null, run: () => Promise<{ pages: number }>) => {
  const t = tally();
  await measure(t, run);
  if (role) claimNewThreads(role);
  startup.push([what, t]);
};
await start("Writ's reader: first text PDF (reading thread started)", 'reading', () => writPdf(texts[0]!.pdf));
await start('bare pdf.js: first text PDF', null, () => barePdf(texts[0]!.pdf));
if (scans.length) {
  await start("Writ's reader: first scan (OCR engine started)", 'ocr', () => writPdf(scans[0]!.pdf));
  await start('bare tesseract.js: first scan (engine started)', 'ocr', () => bareOcr(images.get(scans[0]!)!));
}
claimNewThreads('helpers');

const writText = tally();
const bareText = tally();
const writScan = tally();
const writJpeg = tally();
const bareScan = tally();
const drafted: { doc: CorpusDocument; fields: DemandFields; via: 'pdf' | 'images' }[] = [];
for (const [i, d] of texts.entries()) {
  const runs = [
    async () => drafted.push({ doc: d, via: 'pdf', fields: (await measure(writText, () => writPdf(d.pdf))).fields }),
    () => measure(bareText, () => barePdf(d.pdf)),
  ];
  for (const run of i % 2 ? runs.reverse() : runs) await run();
}
for (const [i, d] of scans.entries()) {
  const jpegs = images.get(d)!;
  const runs = [
    async () => drafted.push({ doc: d, via: 'pdf', fields: (await measure(writScan, () => writPdf(d.pdf))).fields }),
    async () =>
      drafted.push({ doc: d, via: 'images', fields: (await measure(writJpeg, () => writImages(jpegs))).fields }),
    () => measure(bareScan, () => bareOcr(jpegs)),
  ];
  for (let k = 0; k < runs.length; k++) await runs[(i + k) % runs.length]!();
}

// A 20-page PDF drafted: read and its fields extracted; five times, each beside bare pdf.js.
const doc = newPdf({ title: '20 pages' });
for (let p = 0; p < 20; p++) {
  if (p) doc.addPage();
  doc.fontSize(10).text(`SEARCH AND SEIZURE WARRANT, page ${p + 1}. `.repeat(40));
}
const big = await pdfBytes(doc);
const writBig = tally();
const bareBig = tally();
for (let i = 0; i < 5; i++) {
  await measure(writBig, () => writPdf(big));
  await measure(bareBig, () => barePdf(big));
}
await reader.close();
await bareEngine?.terminate();

// Accuracy.
const right = new Map<string, { right: number; total: number }>();
const add = (k: string, ok: boolean) => {
  const t = right.get(k) ?? { right: 0, total: 0 };
  t.total++;
  if (ok) t.right++;
  right.set(k, t);
};
for (const { doc: d, fields, via } of drafted) {
  const v = via === 'images' ? 'image' : d.scanned ? 'scan' : 'text';
  for (const [field, ok] of compareFields(fields, d.key)) {
    add(`${v}|field|${field}`, ok);
    add(`${v}|kind|${d.kind}`, ok);
    add(`${v}|all`, ok);
    if (!ok && process.env.SHOW)
      console.log(
        d.name,
        via,
        field,
        JSON.stringify((fields as any)[field]?.value ?? fields.identifiers.map((x) => x.value)),
        JSON.stringify((d.key as any)[field]),
      );
  }
}
const pct = (k: string) => {
  const t = right.get(k);
  return t ? `${((100 * t.right) / t.total).toFixed(1)} % (${t.right}/${t.total})` : '-';
};
const row = (label: string, k: string) =>
  console.log(
    `  ${label.padEnd(28)} text ${pct(`text|${k}`).padEnd(20)} scans ${pct(`scan|${k}`).padEnd(20)} page images ${pct(`image|${k}`)}`,
  );
console.log(
  `corpus: ${texts.length} text PDFs, ${scans.length} scans (seed 7, --per-kind ${perKind} --scans ${scanCount})`,
);
console.log(
  `all fields exactly right: text ${pct('text|all')}, scans ${pct('scan|all')}, scans' page images as JPEG ${pct('image|all')}`,
);
for (const f of FIELD_NAMES) row(f, `field|${f}`);
for (const k of new Set(corpus.map((d) => d.kind))) row(k, `kind|${k}`);

// Time and CPU per page.
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const cpuTotal = (t: Tally) => ROLES.reduce((s, r) => s + t.cpuMs[r], 0);
const tableRow = (label: string, t: Tally) => {
  const per = (x: number) => f1(x / t.pages);
  console.log(
    `| ${label} | ${t.docs} | ${t.pages} | ${f1((1000 * t.pages) / t.wallMs)} | ${per(t.wallMs)} | ${per(cpuTotal(t))} | ${ROLES.map((r) => per(t.cpuMs[r])).join(' | ')} |`,
  );
};
console.log('\nper page: wall ms, and CPU ms of the whole process and of each thread');
console.log(
  '| reader | documents | pages | pages/s | wall ms/page | CPU ms/page | reading thread | OCR thread | main thread | runtime helpers |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
tableRow("text PDFs: Writ's reader (read + fields)", writText);
tableRow('text PDFs: bare pdf.js getTextContent', bareText);
if (scans.length) {
  tableRow("scans: Writ's reader, scanned PDF (page drawn at 200 dpi, OCR, fields)", writScan);
  tableRow("scans: Writ's reader, the page images as JPEG attachments", writJpeg);
  tableRow('scans: bare tesseract.js on the page images', bareScan);
}
tableRow("20-page text PDF: Writ's reader", writBig);
tableRow('20-page text PDF: bare pdf.js', bareBig);
const ratio = (w: Tally, b: Tally) =>
  `${f1(cpuTotal(w) / w.pages / (cpuTotal(b) / b.pages))}× the CPU, ${f1(w.wallMs / w.pages / (b.wallMs / b.pages))}× the wall time`;
console.log(`\nWrit ÷ bare, per page: text PDFs ${ratio(writText, bareText)}`);
if (scans.length)
  console.log(
    `Writ ÷ bare, per page: scanned PDFs ${ratio(writScan, bareScan)}; page images ${ratio(writJpeg, bareScan)}`,
  );
console.log(`20-page text PDF drafted in ${f1(writBig.wallMs / writBig.docs)} ms (mean of ${writBig.docs})`);
console.log('\nstart-up (not in the figures above): wall s, CPU ms of the whole process');
for (const [what, t] of startup)
  console.log(`  ${what}: ${(t.wallMs / 1000).toFixed(2)} s, ${cpuTotal(t).toFixed(0)} ms`);
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `\nload average (1, 5, 15 min): ${la(load0)} at the start, ${la(loadavg())} at the end; threads: ${roleOf.size}`,
);
