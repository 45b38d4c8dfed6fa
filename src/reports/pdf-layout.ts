/**
 * Laying a report out on pdfkit pages: headings kept with what follows, wrapped paragraphs,
 * tables whose header (with its column groups) is drawn again on every page the table runs onto,
 * and charts drawn as vector shapes from chart-shapes.ts.
 */
import { FONTS, type Pdf } from '../documents/pdf.ts';
import type { ChartShapes } from './chart-shapes.ts';
import type { Column } from './report-words.ts';

const TEXT = 9;
const CELL = 6.5;
const PAD = 2;
const RULE = '#cccccc';
const HEAD_FILL = '#eef0f3';

/** Pages, margins and the running position. */
export class PdfLayout {
  readonly doc: Pdf;
  constructor(doc: Pdf) {
    this.doc = doc;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A new page unless `height` points still fit on this one. */
  room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, sub: string): void {
    this.doc.font(FONTS.bold).fontSize(18).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font(FONTS.regular).fontSize(TEXT).fillColor('#444444').text(sub, { width: this.width });
    this.doc.fillColor('black').moveDown(0.5);
  }

  /** A section heading, on the page of what follows it (`keep` points of it at least). */
  heading(text: string, keep = 80): void {
    this.doc.moveDown(0.6);
    this.room(keep + 20);
    this.doc.font(FONTS.bold).fontSize(12).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.25);
  }

  paragraph(text: string, o: { bold?: boolean; mono?: boolean; size?: number } = {}): void {
    this.doc
      .font(o.mono ? FONTS.mono : o.bold ? FONTS.bold : FONTS.regular)
      .fontSize(o.size ?? TEXT)
      .text(text, this.left, this.doc.y, { width: this.width, lineGap: 1 });
    this.doc.moveDown(0.3);
  }

  /** A bulleted list. */
  list(items: readonly string[]): void {
    this.doc.font(FONTS.regular).fontSize(TEXT);
    this.doc.list([...items], this.left, this.doc.y, {
      width: this.width,
      bulletRadius: 1.5,
      textIndent: 10,
      lineGap: 1,
    });
    this.doc.moveDown(0.3);
  }

  #widths(columns: readonly Column[]): number[] {
    const fixed = columns.reduce((w, c) => w + (c.fixed ? c.width : 0), 0);
    const shares = columns.reduce((w, c) => w + (c.fixed ? 0 : c.width), 0);
    return columns.map((c) => (c.fixed ? c.width : ((this.width - fixed) * c.width) / shares));
  }

  #cellHeight(text: string, width: number, font: string): number {
    this.doc.font(font).fontSize(CELL);
    return this.doc.heightOfString(text, { width: width - 2 * PAD }) + 2 * PAD;
  }

  #cell(text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center', font: string): void {
    this.doc
      .font(font)
      .fontSize(CELL)
      .text(text, x + PAD, y + PAD, { width: width - 2 * PAD, align, lineBreak: true });
  }

  #header(columns: readonly Column[], widths: readonly number[], caption: string | null): void {
    const doc = this.doc;
    if (caption) {
      doc.font(FONTS.italic).fontSize(CELL).text(caption, this.left, doc.y, { width: this.width });
      doc.moveDown(0.2);
    }
    // Groups: runs of columns sharing a group label.
    const groups: { label: string; x: number; w: number }[] = [];
    let x = this.left;
    columns.forEach((c, i) => {
      const last = groups.at(-1);
      if (c.group && last && last.label === c.group && columns[i - 1]?.group === c.group) last.w += widths[i]!;
      else if (c.group) groups.push({ label: c.group, x, w: widths[i]! });
      x += widths[i]!;
    });
    const y0 = doc.y;
    const groupH = groups.length ? Math.max(...groups.map((g) => this.#cellHeight(g.label, g.w, FONTS.bold))) : 0;
    const headH = Math.max(...columns.map((c, i) => this.#cellHeight(c.header, widths[i]!, FONTS.regular)));
    doc.rect(this.left, y0, this.width, groupH + headH).fill(HEAD_FILL);
    doc.fillColor('black');
    for (const g of groups) {
      this.#cell(g.label, g.x, y0, g.w, 'center', FONTS.bold);
      doc
        .moveTo(g.x + PAD, y0 + groupH)
        .lineTo(g.x + g.w - PAD, y0 + groupH)
        .strokeColor(RULE)
        .lineWidth(0.5)
        .stroke();
    }
    x = this.left;
    columns.forEach((c, i) => {
      const grouped = !!c.group;
      const y = grouped ? y0 + groupH : y0;
      const h = grouped ? headH : groupH + headH;
      // An ungrouped header sits at the bottom of the header band, like the grouped ones.
      const textH = this.#cellHeight(c.header, widths[i]!, FONTS.regular);
      this.#cell(c.header, x, y + h - textH, widths[i]!, c.align ?? 'right', FONTS.regular);
      x += widths[i]!;
    });
    doc.y = y0 + groupH + headH;
  }

  /**
   * A table. The header is drawn again at the top of every page the rows run onto, under the
   * caption "<caption> (continued)".
   */
  table(caption: string, columns: readonly Column[], rows: readonly (readonly string[])[]): void {
    const doc = this.doc;
    const widths = this.#widths(columns);
    const headH = Math.max(...columns.map((c, i) => this.#cellHeight(c.header, widths[i]!, FONTS.bold))) * 2 + CELL * 4;
    const rowH = (row: readonly string[]) =>
      Math.max(...row.map((v, i) => this.#cellHeight(v, widths[i]!, FONTS.regular)));
    this.room(headH + (rows[0] ? rowH(rows[0]) : 0));
    this.#header(columns, widths, null);
    for (const row of rows) {
      const h = rowH(row);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        this.#header(columns, widths, `${caption} (continued)`);
      }
      const y = doc.y;
      let x = this.left;
      row.forEach((v, i) => {
        this.#cell(v, x, y, widths[i]!, columns[i]!.align ?? 'right', FONTS.regular);
        x += widths[i]!;
      });
      doc
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .strokeColor(RULE)
        .lineWidth(0.5)
        .stroke();
      doc.y = y + h;
    }
    doc.x = this.left;
    doc.moveDown(0.5);
  }

  /** A chart drawn as vector shapes, `width` points wide, its title above it. */
  chart(c: ChartShapes, width: number, x = this.left): void {
    const doc = this.doc;
    const scale = width / c.width;
    this.room(c.height * scale + 20);
    doc
      .font(FONTS.bold)
      .fontSize(CELL + 0.5)
      .text(c.title, x, doc.y, { width });
    const top = doc.y + 4;
    for (const l of c.lines)
      doc
        .moveTo(x + l.x1 * scale, top + l.y1 * scale)
        .lineTo(x + l.x2 * scale, top + l.y2 * scale)
        .strokeColor(l.color)
        .lineWidth(0.5)
        .stroke();
    for (const r of c.rects)
      if (r.w > 0 && r.h > 0) doc.rect(x + r.x * scale, top + r.y * scale, r.w * scale, r.h * scale).fill(r.color);
    doc.fillColor('black').font(FONTS.regular);
    for (const t of c.texts) {
      const size = t.size * scale;
      doc.fontSize(size);
      const w = doc.widthOfString(t.text);
      const tx = t.anchor === 'start' ? t.x * scale : t.anchor === 'middle' ? t.x * scale - w / 2 : t.x * scale - w;
      // Chart text is placed by its baseline; pdfkit places text by the top of its line.
      doc.text(t.text, x + tx, top + t.y * scale - size * 0.93, { lineBreak: false });
    }
    doc.x = this.left;
    doc.y = top + c.height * scale + 6;
  }
}
