/** GET /api/v1/stats/workload: the legal team's dashboard figures, read-only. */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { workload } from '../../store/stats-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';

export function statsRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/stats/workload',
    {
      schema: {
        summary: 'Demands received per week, open demands by state, deadlines at risk',
        tags: ['stats'],
        querystring: T.Object(
          { weeks: T.Optional(T.Integer({ minimum: 1, maximum: 104, default: 12 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => workload(ctx.db, ctx.now(), (req.query as { weeks?: number }).weeks ?? 12),
  );
}
