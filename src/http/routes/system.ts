/** Liveness, readiness and "who am I". */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import { callerOf } from '../auth.ts';
import { sendProblem } from '../problem.ts';

export function systemRoutes(app: FastifyInstance, db: Db): void {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['system'], summary: 'The database answers' } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return sendProblem(reply, 503, 'not_ready', 'Not ready', 'The database does not answer');
    }
  });

  app.get('/api/v1/me', { schema: { tags: ['system'], summary: 'The authenticated caller' } }, async (req) =>
    callerOf(req),
  );
}
