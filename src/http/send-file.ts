/**
 * Sending stored bytes as a download: always an attachment, never rendered by the browser on Writ's
 * own origin, never sniffed, never cached (case data).
 */
import type { FastifyReply } from 'fastify';

/** RFC 6266 / RFC 8187: an ASCII fallback and the exact name, UTF-8 encoded. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function sendAttachment(reply: FastifyReply, f: { filename: string; mediaType: string; bytes: Buffer }) {
  return reply
    .header('content-disposition', attachmentDisposition(f.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .type(f.mediaType)
    .send(f.bytes);
}
