/**
 * The web application (built from web/ into web/dist): its hashed assets under /assets/, and
 * index.html for "/" and every client-side route, so that a reload or a shared link on
 * /console/demands/WR-… opens the right page. Same origin as the API: no CORS, one CSP.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblem } from '../problem.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Every path the client-side router owns; each answers with index.html. */
export const WEB_PAGES = [
  '/',
  '/sign-in',
  '/console',
  '/console/*',
  '/portal',
  '/portal/*',
  '/agency',
  '/agency/*',
] as const;

/**
 * The page may load scripts, styles and data from this origin only; nothing may frame it. React
 * sets style properties through the DOM, which style-src does not restrict.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // index.html names the current asset hashes: never serve a stale one from a cache.
  'cache-control': 'no-cache',
};

async function sendIndex(reply: FastifyReply, dist: string) {
  let html: string;
  try {
    // Read on each request (a few hundred bytes) so that a rebuild is picked up without a restart.
    html = await readFile(path.join(dist, 'index.html'), 'utf8');
  } catch {
    return sendProblem(
      reply,
      503,
      'web_not_built',
      'Web application not built',
      'Build it with `npm run build:web` (npm start and npm test do it when needed)',
    );
  }
  return reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

export async function webRoutes(app: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  for (const url of WEB_PAGES) {
    app.get(url, { schema: { hide: true } }, (_req, reply) => sendIndex(reply, dist));
  }
  // Asset names carry a content hash: a changed file is a new URL, so they may be cached for good.
  await app.register(fastifyStatic, {
    root: path.join(dist, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
    schemaHide: true,
  });
}
