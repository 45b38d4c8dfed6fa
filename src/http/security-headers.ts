/**
 * Security headers on every response (helmet's defaults, with a content security policy that lets
 * the web application load only its own scripts). The middleware is built ONCE: the Fastify
 * plugin for helmet built it again on every request, parsing the policy each time.
 *
 * Every answer of the API is sent with `Cache-Control: no-store` unless its route says otherwise:
 * case data must not stay in a browser's cache or a shared proxy after the session ends.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function addSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
  });
  app.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
