/**
 * Reading a multipart/form-data body whole: its files (each within the size limit) and its text
 * fields. A body that is not well-formed multipart (no boundary, cut short, a broken part header)
 * is the caller's mistake and answers 422, never a 500.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError, invalid } from '../domain/errors.ts';

export interface ReceivedParts {
  files: { filename: string; mediaType: string; bytes: Buffer }[];
  fields: { name: string; value: string }[];
}

export async function readParts(
  req: FastifyRequest,
  limits: { fileSize: number; files: number; fields?: number },
): Promise<ReceivedParts> {
  const out: ReceivedParts = { files: [], fields: [] };
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new DomainError('payload_too_large', `${part.filename} is larger than ${limits.fileSize} bytes`);
        out.files.push({ filename: part.filename, mediaType: part.mimetype, bytes });
      } else out.fields.push({ name: part.fieldname, value: String(part.value) });
    }
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (e instanceof DomainError || (status && status >= 400 && status < 500)) throw e;
    throw invalid([{ pointer: '/', detail: `is not well-formed multipart/form-data (${(e as Error).message})` }]);
  }
  return out;
}
