/**
 * Read a legal document (PDF, or a scanned page as PNG or JPEG) into page texts, in a worker thread
 * of its own with a memory limit and a time limit per document. A document that exhausts either
 * (a decompression bomb, a page that never finishes drawing) fails with its reason and the reader
 * starts a fresh thread for the next one.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../platform/ts-worker.ts';
import type { PageText } from './page-text.ts';

export interface ReadJob {
  id: number;
  bytes: ArrayBuffer;
  mediaType: string;
  maxPages: number;
  ocr: boolean;
}

export interface ReadResult {
  pageCount: number;
  pages: PageText[];
  /** What was not read, in plain words (e.g. pages past the limit). */
  problems: string[];
}

export type ReadFailureCode = 'encrypted' | 'malformed' | 'too_large' | 'timeout' | 'unreadable' | 'unsupported';

export type ReadReply =
  | { id: number; result: ReadResult }
  | { id: number; error: { code: ReadFailureCode; message: string } };

export class DocumentUnreadable extends Error {
  constructor(
    readonly code: ReadFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ReaderOptions {
  /** Pages read from one PDF; later pages are listed as not read. */
  maxPages?: number;
  /** Time one document may take, OCR included. */
  timeoutMs?: number;
  /** Heap of the reading thread, in MB. */
  memoryMb?: number;
  /** Read scanned pages by OCR (the English model is large: tests of text PDFs may switch it off). */
  ocr?: boolean;
}

const READABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** One reading thread, one document at a time (OCR uses a core fully). */
export class DocumentReader {
  readonly #o: Required<ReaderOptions>;
  #worker: Worker | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextId = 1;

  constructor(o: ReaderOptions = {}) {
    this.#o = { maxPages: 60, timeoutMs: 120_000, memoryMb: 768, ocr: true, ...o };
  }

  static accepts(mediaType: string): boolean {
    return READABLE.has(mediaType.toLowerCase());
  }

  read(bytes: Buffer, mediaType: string): Promise<ReadResult> {
    const run = this.#queue.then(() => this.#readOne(bytes, mediaType.toLowerCase()));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #thread(): Worker {
    if (!this.#worker) {
      this.#worker = startTsWorker(new URL('./read-document-worker.ts', import.meta.url), undefined, {
        maxOldGenerationSizeMb: this.#o.memoryMb,
        maxYoungGenerationSizeMb: 64,
      });
      this.#worker.unref();
    }
    return this.#worker;
  }

  #kill(): void {
    const w = this.#worker;
    this.#worker = null;
    if (w) void w.terminate();
  }

  #readOne(bytes: Buffer, mediaType: string): Promise<ReadResult> {
    if (!READABLE.has(mediaType))
      return Promise.reject(new DocumentUnreadable('unsupported', `a ${mediaType} file is not read`));
    const worker = this.#thread();
    const id = this.#nextId++;
    // A copy the thread owns: the caller keeps its buffer.
    const copy = new Uint8Array(bytes).buffer;
    const job: ReadJob = { id, bytes: copy, mediaType, maxPages: this.#o.maxPages, ocr: this.#o.ocr };
    return new Promise<ReadResult>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: ReadReply) => {
        if (m.id !== id) return;
        done();
        if ('error' in m) reject(new DocumentUnreadable(m.error.code, m.error.message));
        else resolve(m.result);
      };
      const fail = (code: ReadFailureCode, message: string) => {
        done();
        this.#kill();
        reject(new DocumentUnreadable(code, message));
      };
      const onError = (e: Error & { code?: string }) =>
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fail('too_large', 'the document needs more memory to read than is allowed (a decompression bomb?)')
          : fail('unreadable', `the document could not be read (${e.message})`);
      const onExit = () => fail('unreadable', 'the reading thread stopped');
      const timer = setTimeout(
        () => fail('timeout', `reading took longer than ${Math.round(this.#o.timeoutMs / 1000)} s`),
        this.#o.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job, [copy]);
    });
  }

  async close(): Promise<void> {
    await this.#queue;
    const w = this.#worker;
    this.#worker = null;
    if (!w) return;
    const exited = new Promise((r) => w.once('exit', r));
    // The thread does not keep the process alive while it waits for work; while it closes it must,
    // or a process with nothing else to do ends here with close() never settled.
    w.ref();
    w.postMessage('close');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    await w.terminate();
  }
}
