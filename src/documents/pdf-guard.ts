/**
 * A guard against decompression bombs, run before pdf.js sees a file: every Flate stream of the
 * PDF is inflated with a cap on its output, and a file whose streams would inflate past the caps
 * is refused with its reason. pdf.js would otherwise inflate a stream whole into memory outside
 * the JavaScript heap (where a worker's heap limit does not reach). Streams inside object streams
 * are covered too: they are inflated as part of their object stream.
 */
import { inflateSync } from 'node:zlib';

export interface GuardLimits {
  /** Largest one stream may inflate to. */
  maxStreamBytes: number;
  /** Largest all streams together may inflate to. */
  maxTotalBytes: number;
}

export const DEFAULT_GUARD: GuardLimits = { maxStreamBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** Null when the file is within the limits, else the reason in plain words. */
export function pdfBombProblem(bytes: Uint8Array, limits: GuardLimits = DEFAULT_GUARD): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const re = /\/FlateDecode[\s\S]*?stream\r?\n/g;
  let total = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    // The dictionary this stream belongs to must be the one just before "stream": skip matches
    // where another object started in between.
    if (text.slice(m.index, start).includes('endobj')) continue;
    let out: Buffer;
    try {
      out = inflateSync(buf.subarray(start, end), {
        maxOutputLength: Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total) + 1,
        finishFlush: 2, // Z_SYNC_FLUSH: a stream cut short (common, harmless) is not an error
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return `a compressed stream inflates to more than ${Math.round(Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total) / 1048576)} MB (a decompression bomb?)`;
      continue; // not Flate data after all, or damaged: pdf.js decides
    }
    total += out.length;
    if (out.length > limits.maxStreamBytes)
      return `a compressed stream inflates to more than ${Math.round(limits.maxStreamBytes / 1048576)} MB (a decompression bomb?)`;
    if (total > limits.maxTotalBytes)
      return `the compressed streams inflate to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB together (a decompression bomb?)`;
    re.lastIndex = end;
  }
  return null;
}
