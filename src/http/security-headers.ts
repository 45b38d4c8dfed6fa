/**
 * Security headers on every response (helmet's defaults, with a content security policy that lets
 * the web application load only its own scripts). The middleware is built ONCE: the Fastify
 * plugin for helmet built it again on every request, parsing the policy each time.
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
}
