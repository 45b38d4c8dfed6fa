/**
 * A small PDF writer for letters kept on file: plain text in Helvetica on A4 pages, wrapped to the
 * margins, any number of pages, a page number at the foot. No dependency: the format needed here
 * is a catalog, a page tree, one standard font and one content stream per page (ISO 32000-1).
 * The output is deterministic (no creation date), so the same letter gives the same bytes and the
 * same SHA-256 in the document store.
 */

const PAGE_W = 595; // A4 in points
const PAGE_H = 842;
const MARGIN = 56;
const FONT_SIZE = 10.5;
const LEADING = 14;
const LINES_PER_PAGE = Math.floor((PAGE_H - 2 * MARGIN - LEADING) / LEADING);

/** Helvetica advance widths (1/1000 em) for the printable ASCII range, from the standard AFM. */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

/** Characters outside Latin-1 that WinAnsiEncoding has, by their byte there. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** The WinAnsi byte of a character; '?' for one the standard font cannot show. */
function winAnsiByte(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return cp;
  if (cp >= 0xa0 && cp <= 0xff) return cp;
  return WIN_ANSI_EXTRA[ch] ?? 0x3f;
}

function charWidth(byte: number): number {
  return byte >= 0x20 && byte <= 0x7e ? ASCII_WIDTHS[byte - 0x20]! : 556;
}

function textWidth(bytes: number[]): number {
  return (bytes.reduce((w, b) => w + charWidth(b), 0) * FONT_SIZE) / 1000;
}

/** Break one paragraph into lines that fit between the margins (words longer than a line are cut). */
function wrap(paragraph: number[], maxWidth: number): number[][] {
  if (!paragraph.length) return [[]];
  const lines: number[][] = [];
  const words: number[][] = [];
  let cur: number[] = [];
  for (const b of paragraph) {
    if (b === 0x20) {
      words.push(cur);
      cur = [];
    } else cur.push(b);
  }
  words.push(cur);
  let line: number[] = [];
  for (let word of words) {
    while (textWidth(word) > maxWidth) {
      if (line.length) {
        lines.push(line);
        line = [];
      }
      let n = word.length;
      while (n > 1 && textWidth(word.slice(0, n)) > maxWidth) n--;
      lines.push(word.slice(0, n));
      word = word.slice(n);
    }
    const candidate = line.length ? [...line, 0x20, ...word] : word;
    if (textWidth(candidate) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** A PDF string literal: ASCII as is, with ( ) \ escaped and other bytes as octal escapes. */
function pdfString(bytes: number[]): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

const encode = (text: string) => Array.from(text, winAnsiByte);

export interface PdfOptions {
  /** The document title (Info dictionary). */
  title?: string;
}

/**
 * Lay `text` out on as many A4 pages as it needs. Newlines break lines, a form feed (\f) starts a
 * new page, tabs become spaces.
 */
export function textToPdf(text: string, options: PdfOptions = {}): Buffer {
  const maxWidth = PAGE_W - 2 * MARGIN;
  const pages: number[][][] = [[]];
  for (const block of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\f')) {
    if (pages[pages.length - 1]!.length) pages.push([]);
    for (const para of block.split('\n')) {
      for (const line of wrap(encode(para), maxWidth)) {
        if (pages[pages.length - 1]!.length >= LINES_PER_PAGE) pages.push([]);
        pages[pages.length - 1]!.push(line);
      }
    }
  }

  const objects: string[] = [];
  const pageCount = pages.length;
  // 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content stream for each page.
  const pageObj = (i: number) => 5 + i * 2;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pageCount} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = `<< /Producer (Writ)${options.title ? ` /Title ${pdfString(encode(options.title))}` : ''} >>`;
  pages.forEach((lines, i) => {
    const top = PAGE_H - MARGIN - FONT_SIZE;
    const body = lines.map((l, j) => (j === 0 ? `${pdfString(l)} Tj` : `T* ${pdfString(l)} Tj`)).join('\n');
    const footer = encode(`Page ${i + 1} of ${pageCount}`);
    const stream =
      `BT\n/F1 ${FONT_SIZE} Tf\n${LEADING} TL\n${MARGIN} ${top} Td\n${body}\nET\n` +
      `BT\n/F1 8 Tf\n${(PAGE_W - textWidth(footer) * (8 / FONT_SIZE)) / 2} ${MARGIN / 2} Td\n${pdfString(footer)} Tj\nET\n`;
    objects[pageObj(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`;
    objects[pageObj(i) + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`;
  });

  // The header's second line holds bytes above 127 so that tools treat the file as binary.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
