/**
 * Optical character recognition of scanned pages with tesseract.js (Tesseract compiled to
 * WebAssembly) and the English model from the @tesseract.js-data/eng package: nothing is fetched
 * at run time. One engine is kept and reused; starting one costs seconds.
 */
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { PageLine } from './page-text.ts';

const require = createRequire(import.meta.url);

export interface OcrPage {
  text: string;
  lines: PageLine[];
  /** Mean confidence of the page's lines, 0..1. */
  confidence: number;
}

export class OcrEngine {
  #worker: Promise<Worker> | null = null;

  #start(): Promise<Worker> {
    if (!this.#worker) {
      const eng = require('@tesseract.js-data/eng') as { langPath: string };
      this.#worker = createWorker('eng', OEM.LSTM_ONLY, {
        langPath: eng.langPath,
        gzip: true,
        cacheMethod: 'none',
      });
    }
    return this.#worker;
  }

  /**
   * Read an image (PNG or JPEG bytes). `scale` is pixels per PDF point, so that line boxes come
   * back in points like a text layer's.
   */
  async recognize(image: Buffer, scale = 1): Promise<OcrPage> {
    const worker = await this.#start();
    const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
    let text = '';
    const lines: PageLine[] = [];
    let confidence = 0;
    for (const block of data.blocks ?? [])
      for (const para of block.paragraphs)
        for (const line of para.lines) {
          const t = line.text.replace(/\s+/g, ' ').trim();
          if (!t) continue;
          if (text) text += '\n';
          const start = text.length;
          text += t;
          confidence += line.confidence;
          const b = line.bbox;
          lines.push({
            start,
            end: text.length,
            box: { x: b.x0 / scale, y: b.y0 / scale, w: (b.x1 - b.x0) / scale, h: (b.y1 - b.y0) / scale },
          });
        }
    return { text, lines, confidence: lines.length ? confidence / lines.length / 100 : 0 };
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    if (w) await (await w).terminate();
  }
}
