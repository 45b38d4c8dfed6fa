/**
 * A minimal PDF writer for printable reports: landscape A4 pages of monospaced lines (Courier,
 * so tables keep their columns), with bold lines for headings and a page number at the foot. No
 * dependency: a catalog, a page tree, two standard fonts and one content stream per page
 * (ISO 32000-1). Deterministic: the same lines give the same bytes.
 */

const PAGE_W = 842;
const PAGE_H = 595;
const MARGIN = 36;
const SIZE = 7.5;
const LEADING = 10;
const LINES_PER_PAGE = Math.floor((PAGE_H - 2 * MARGIN) / LEADING);

/** A line of the document; bold lines are headings. */
export interface PdfLine {
  text: string;
  bold?: boolean;
}

/** Characters outside Latin-1 that reports use, by their WinAnsiEncoding byte (the note's signature dash). */
const WIN_ANSI: Record<string, number> = {
  '—': 0x97,
  '–': 0x96,
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '…': 0x85,
};

/** Latin-1 text as a PDF literal string; other characters become "?". */
function pdfString(text: string): string {
  let s = '(';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const b = WIN_ANSI[ch] ?? (c > 0xff ? 0x3f : c);
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${ch}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

/** The PDF bytes of `lines`, a form feed-free list; "\f" as a line's text starts a new page. */
export function linesToPdf(lines: readonly PdfLine[], title: string): Buffer {
  const pages: PdfLine[][] = [[]];
  for (const l of lines) {
    const page = pages[pages.length - 1]!;
    if (l.text === '\f') {
      if (page.length) pages.push([]);
      continue;
    }
    if (page.length >= LINES_PER_PAGE) pages.push([]);
    pages[pages.length - 1]!.push(l);
  }
  const objects: string[] = [];
  const pageObj = (i: number) => 6 + i * 2;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Producer (Writ) /Title ${pdfString(title)} >>`;
  pages.forEach((page, i) => {
    const body = page
      .map(
        (l, j) =>
          `BT /${l.bold ? 'F2' : 'F1'} ${SIZE} Tf ${MARGIN} ${PAGE_H - MARGIN - SIZE - j * LEADING} Td ${pdfString(l.text)} Tj ET`,
      )
      .join('\n');
    const footer = `BT /F1 7 Tf ${PAGE_W / 2 - 20} ${MARGIN / 2} Td ${pdfString(`Page ${i + 1} of ${pages.length}`)} Tj ET`;
    const stream = `${body}\n${footer}\n`;
    objects[pageObj(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`;
    objects[pageObj(i) + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`;
  });
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
