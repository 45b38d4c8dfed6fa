/** POST /api/v1/evaluate: the policy engine's view of a demand, as a dry run that stores nothing. */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { explainDecision } from '../../policy/index.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { evaluateDemand } from '../../workflow/evaluate-demand.ts';
import { DemandIntakeSchema, type DemandIntake } from '../../workflow/schemas/demand-intake.ts';
import { callerOf } from '../auth.ts';

export function evaluateRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.post(
    '/api/v1/evaluate',
    {
      schema: {
        summary: 'Evaluate a demand against the jurisdiction packs without storing it',
        tags: ['policy'],
        body: DemandIntakeSchema,
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const input = req.body as DemandIntake;
      if (caller.kind === 'officer' && input.agencyId !== caller.agencyId)
        throw new DomainError('forbidden', 'An officer evaluates demands for its own agency only');
      const result = await evaluateDemand(ctx, input);
      return { ...result, explanation: explainDecision(result.decision) };
    },
  );
}
