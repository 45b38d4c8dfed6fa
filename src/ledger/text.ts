/**
 * Small text checks shared by the canonical JSON writer and the note and checkpoint formats, which
 * all need strings that have exactly one UTF-8 encoding.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding. */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000B-\u001F]/;

/** True when `s` contains an ASCII control character (below U+0020) other than newline. */
export function hasControlCharacterOtherThanNewline(s: string): boolean {
  return CONTROL_EXCEPT_NEWLINE.test(s);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes strict UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of `s` (callers reject lone surrogates first, which would become U+FFFD). */
export function encodeUtf8(s: string): Uint8Array {
  return utf8.encode(s);
}
