/**
 * A letter kept on file (the redirect letter) as a PDF: its subject as a heading, then its text in
 * a proportional font with any script (DejaVu, embedded), wrapped to the margins, a page number at
 * the foot. Made from a fixed date, so the same letter gives the same bytes and the same SHA-256
 * in the document store.
 */
import { FONTS, newPdf, numberPages, pdfBytes } from '../documents/pdf.ts';

/** One paragraph of a letter: its text and how many spaces it was indented by; null for a blank line. */
export type LetterParagraph = { indent: number; text: string } | null;

/**
 * The paragraphs of a plain-text letter. Templates break lines by hand; a line that starts with a
 * lower-case letter continues the line above, any other line starts a paragraph (a salutation, a
 * "Re:" line, a list item), so the PDF wraps prose to its own width and keeps the letter's lines.
 */
export function letterParagraphs(text: string): LetterParagraph[] {
  const out: LetterParagraph[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n')) {
    const body = raw.trimStart();
    const last = out.at(-1);
    if (!body) out.push(null);
    else if (last && /^\p{Ll}/u.test(body)) last.text += ` ${body.trimEnd()}`;
    else out.push({ indent: raw.length - body.length, text: body.trimEnd() });
  }
  while (out.at(-1) === null) out.pop();
  return out;
}

export interface LetterPdfOptions {
  /** The subject: the heading and the document's title. */
  title: string;
  text: string;
  /** The letter's date: the file's creation date. */
  date: Date;
}

/** The letter's PDF. */
export async function letterPdf(o: LetterPdfOptions): Promise<Buffer> {
  const doc = newPdf({ title: o.title, createdAt: o.date });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(FONTS.bold).fontSize(12).text(o.title, { width }).moveDown(0.8);
  doc.font(FONTS.regular).fontSize(10.5);
  for (const p of letterParagraphs(o.text)) {
    if (p === null) doc.moveDown(0.6);
    else {
      const indent = p.indent * 5;
      doc.text(p.text, left + indent, doc.y, { width: width - indent, lineGap: 1.5 });
    }
  }
  numberPages(doc);
  return pdfBytes(doc);
}
