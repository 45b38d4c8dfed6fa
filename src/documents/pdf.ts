/**
 * The one way Writ makes a PDF: pdfkit with DejaVu fonts embedded (subset), so that any Latin,
 * Greek or Cyrillic name prints as written. Letters, forms and reports all start here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** Font names registered on every document: use these, never pdfkit's standard 14 fonts. */
export const FONTS = {
  regular: 'Sans',
  bold: 'Sans-Bold',
  italic: 'Sans-Oblique',
  mono: 'Mono',
} as const;

export interface PdfOptions {
  title: string;
  author?: string;
  subject?: string;
  /** Fixed in the file's metadata; defaults to now. */
  createdAt?: Date;
  size?: 'A4' | 'LETTER';
  layout?: 'portrait' | 'landscape';
  margin?: number;
  /** False: the caller adds every page (e.g. each of its own size). */
  autoFirstPage?: boolean;
}

export type Pdf = PDFKit.PDFDocument;

/** A new document with Writ's fonts registered and the regular font selected. */
export function newPdf(o: PdfOptions): Pdf {
  const doc = new PDFDocument({
    size: o.size ?? 'A4',
    layout: o.layout ?? 'portrait',
    margin: o.margin ?? 56,
    bufferPages: true,
    autoFirstPage: o.autoFirstPage ?? true,
    info: {
      Title: o.title,
      Author: o.author ?? 'Writ',
      Subject: o.subject ?? '',
      Producer: 'Writ',
      Creator: 'Writ',
      CreationDate: o.createdAt ?? new Date(),
    },
    lang: 'en',
    displayTitle: true,
  });
  doc.registerFont(FONTS.regular, path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(FONTS.bold, path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  doc.registerFont(FONTS.italic, path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'));
  doc.registerFont(FONTS.mono, path.join(FONT_DIR, 'DejaVuSansMono.ttf'));
  doc.font(FONTS.regular);
  return doc;
}

/** End the document and collect its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Prints "Page n of N" centred in the foot of every page (call once all pages are written). */
export function numberPages(doc: Pdf, size = 8): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // Below the bottom margin: lift it while writing, or pdfkit would start a new page.
    margins.bottom = 0;
    doc
      .font(FONTS.regular)
      .fontSize(size)
      .fillColor('#555555')
      .text(`Page ${i - start + 1} of ${count}`, 0, doc.page.height - bottom / 2 - size / 2, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
    margins.bottom = bottom;
  }
  doc.fillColor('black');
}
