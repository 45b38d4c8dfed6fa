/**
 * Reading legal documents: field accuracy on the generated corpus (per field and per document
 * kind, text PDFs and scans apart), text extraction in pages per second, OCR seconds per scanned
 * page, and the time to draft a 20-page PDF. CPU of this process beside wall time.
 *   node --import tsx bench/document-reading.ts [--per-kind 6] [--scans 6]
 */
import { DocumentReader } from '../src/documents/read-document.ts';
import { extractDemandFields } from '../src/documents/demand-fields.ts';
import { compareFields, FIELD_NAMES } from '../test/support/corpus-scoring.ts';
import { makeCorpus } from '../test/support/legal-corpus.ts';
import { newPdf, pdfBytes } from '../src/documents/pdf.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const perKind = arg('per-kind', 6);
const scans = arg('scans', 6);

const corpus = await makeCorpus({ seed: 7, perKind, scans });
const reader = new DocumentReader({ timeoutMs: 300_000 });
const tally = new Map<string, { right: number; total: number }>();
const add = (k: string, ok: boolean) => {
  const t = tally.get(k) ?? { right: 0, total: 0 };
  t.total++;
  if (ok) t.right++;
  tally.set(k, t);
};
let textPages = 0;
let textMs = 0;
let ocrPages = 0;
let ocrMs = 0;
const cpu0 = process.cpuUsage();
for (const d of corpus) {
  const t0 = performance.now();
  const read = await reader.read(d.pdf, 'application/pdf');
  const ms = performance.now() - t0;
  if (d.scanned) {
    ocrPages += read.pages.length;
    ocrMs += ms;
  } else {
    textPages += read.pages.length;
    textMs += ms;
  }
  const got = extractDemandFields(read.pages);
  for (const [field, ok] of compareFields(got, d.key)) {
    const v = d.scanned ? 'scan' : 'text';
    add(`${v}|field|${field}`, ok);
    add(`${v}|kind|${d.kind}`, ok);
    add(`${v}|all`, ok);
    if (!ok && process.env.SHOW)
      console.log(
        d.name,
        field,
        JSON.stringify((got as any)[field]?.value ?? got.identifiers.map((i) => i.value)),
        JSON.stringify((d.key as any)[field]),
      );
  }
}
const pct = (k: string) => {
  const t = tally.get(k);
  return t ? `${((100 * t.right) / t.total).toFixed(1)} % (${t.right}/${t.total})` : '-';
};
console.log(
  `corpus: ${corpus.filter((d) => !d.scanned).length} text PDFs, ${corpus.filter((d) => d.scanned).length} scans`,
);
console.log(`all fields exactly right: text ${pct('text|all')}, scans ${pct('scan|all')}`);
for (const f of FIELD_NAMES)
  console.log(`  ${f.padEnd(16)} text ${pct(`text|field|${f}`).padEnd(20)} scans ${pct(`scan|field|${f}`)}`);
for (const k of new Set(corpus.map((d) => d.kind)))
  console.log(`  ${k.padEnd(28)} text ${pct(`text|kind|${k}`).padEnd(20)} scans ${pct(`scan|kind|${k}`)}`);
console.log(`text extraction: ${(textPages / (textMs / 1000)).toFixed(1)} pages/s (${textPages} pages)`);
if (ocrPages)
  console.log(
    `OCR: ${(ocrMs / 1000 / ocrPages).toFixed(2)} s per scanned page (${ocrPages} pages, engine start included once)`,
  );

// A 20-page PDF drafted: read and extracted.
const doc = newPdf({ title: '20 pages' });
for (let p = 0; p < 20; p++) {
  if (p) doc.addPage();
  doc.fontSize(10).text(`SEARCH AND SEIZURE WARRANT, page ${p + 1}. `.repeat(40));
}
const big = await pdfBytes(doc);
const t0 = performance.now();
const read = await reader.read(big, 'application/pdf');
extractDemandFields(read.pages);
console.log(`20-page text PDF drafted in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
const cpu = process.cpuUsage(cpu0);
console.log(`main-thread process CPU: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
await reader.close();
