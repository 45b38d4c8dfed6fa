/**
 * Which documents intake accepts, checked by their first bytes, not by what the sender claims:
 * a "PDF" must start like a PDF.
 */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export const ACCEPTED_DOCUMENT_TYPES = Object.keys(SIGNATURES);

/** Null when the bytes are an accepted type that matches the declared one, else the reason. */
export function documentTypeProblem(declared: string, bytes: Buffer): string | null {
  const check = SIGNATURES[declared.toLowerCase()];
  if (!check) return `type "${declared}" is not accepted (accepted: ${ACCEPTED_DOCUMENT_TYPES.join(', ')})`;
  if (!check(bytes)) return `the file's content is not ${declared}`;
  return null;
}
