/**
 * What the request log may say about a request. A single-use download link's token is a bearer
 * secret for the package it opens: it never reaches the log, not even as part of a URL.
 */
import type { FastifyRequest } from 'fastify';

/** A URL as the log shows it: a download token replaced by "[token]". */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/v1\/downloads\/)[^/?#]*/, '$1[token]');
}

/** Pino serializers for Fastify's logger: the request as Fastify logs it, its URL redacted. */
export const requestLogSerializers = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactUrl(req.url),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    };
  },
};
