/**
 * POST /api/v1/evaluate: the policy engine's view of a demand, as a dry run that stores no demand.
 * Each call is recorded as a read (`demand.evaluated`). An officer's evaluation is blind to the
 * directory: it turns on what the demand says, never on whose the identifiers are.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { explainDecision } from '../../policy/index.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { evaluateDemand } from '../../workflow/evaluate-demand.ts';
import { DemandIntakeSchema, type DemandIntake } from '../../workflow/schemas/demand-intake.ts';
import { callerOf } from '../auth.ts';
import { recordRead, viewerLabel } from '../read-scope.ts';

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
      // A dry run still reads the directory about the targets: on the record, like any read.
      await recordRead(
        ctx.db,
        caller,
        null,
        { type: 'demand.evaluated', viewer: viewerLabel(caller), targetCount: input.targets.length },
        ctx.now(),
      );
      const result = await evaluateDemand(ctx, input, { blind: caller.kind === 'officer' });
      return { ...result, explanation: explainDecision(result.decision) };
    },
  );
}
