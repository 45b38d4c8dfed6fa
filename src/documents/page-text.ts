/**
 * The text of one page of a legal document, as lines with where each stands on the page, whether
 * it came from the PDF's own text or from OCR. Evidence for an extracted field points into
 * `text` (character offsets) and so to the lines, and their boxes, it was found in.
 */

/** A box on the page in PDF points, origin at the top left (as a viewer draws it). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PageLine {
  /** Offsets of the line in the page's `text`. */
  start: number;
  end: number;
  box: Box;
}

export interface PageText {
  /** 1-based. */
  page: number;
  source: 'text' | 'ocr';
  /** 0..1: 1 for a text layer, the OCR engine's mean word confidence for a scan. */
  confidence: number;
  /** The lines joined with "\n". */
  text: string;
  lines: PageLine[];
  width: number;
  height: number;
}

/** One run of text as pdf.js gives it: `transform[4..5]` is its baseline origin (bottom-left origin). */
export interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Lines from pdf.js text runs: runs whose baselines are within half a glyph height are one line,
 * read left to right; a gap wider than a quarter of the glyph height is a space. pdf.js gives runs
 * in content-stream order, which for many generators is not reading order.
 */
export function linesFromRuns(runs: TextRun[], pageHeight: number): { text: string; lines: PageLine[] } {
  const items = runs
    .filter((r) => r.str.length > 0 && r.str.trim().length > 0)
    .map((r) => ({ s: r.str, x: r.transform[4]!, y: r.transform[5]!, w: r.width, h: Math.abs(r.height) || 10 }));
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: (typeof items)[] = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - it.y) < Math.max(row[0]!.h, it.h) / 2) row.push(it);
    else rows.push([it]);
  }
  let text = '';
  const lines: PageLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let line = '';
    let right = -Infinity;
    for (const it of row) {
      if (line && it.x - right > it.h / 4 && !line.endsWith(' ') && !it.s.startsWith(' ')) line += ' ';
      line += it.s;
      right = it.x + it.w;
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (text) text += '\n';
    const start = text.length;
    text += line;
    const x = Math.min(...row.map((r) => r.x));
    const top = Math.max(...row.map((r) => r.y + r.h));
    const bottom = Math.min(...row.map((r) => r.y));
    lines.push({
      start,
      end: text.length,
      box: { x, y: pageHeight - top, w: Math.max(...row.map((r) => r.x + r.w)) - x, h: top - bottom },
    });
  }
  return { text, lines };
}

/** The boxes of the lines an evidence span [start, end) touches. */
export function boxesOf(page: Pick<PageText, 'lines'>, start: number, end: number): Box[] {
  return page.lines.filter((l) => l.start < end && l.end > start).map((l) => l.box);
}
