/**
 * Secrecy-order challenges: the queue of orders flagged for a challenge or challenged, and a
 * generated draft application for one of them, kept as an editable text document of the demand.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { challengeGrounds } from '../../domain/challenge-grounds.ts';
import type { Demand } from '../../domain/demand.ts';
import type { Customer } from '../../domain/directory.ts';
import { DomainError } from '../../domain/errors.ts';
import { draftChallengeText } from '../../notify/challenge-draft.ts';
import type { MessageTemplates } from '../../notify/templates.ts';
import { listChallengeQueue } from '../../store/challenge-queue.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { findAgency, findCustomer } from '../../store/directory-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { recordChallengeDraft } from '../../workflow/record-challenge-draft.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';

const QueueQuery = T.Object(
  {
    state: T.Optional(T.Union([T.Literal('flagged'), T.Literal('filed')])),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export function challengeRoutes(app: FastifyInstance, ctx: WorkflowContext, templates: MessageTemplates): void {
  app.get(
    '/api/v1/challenges',
    {
      schema: {
        summary: 'Secrecy orders flagged for a challenge or challenged, oldest first',
        tags: ['challenges'],
        querystring: QueueQuery,
      },
    },
    async (req) => {
      callerOf(req);
      const q = req.query as { state?: 'flagged' | 'filed'; limit?: number };
      const items = await listChallengeQueue(ctx.db, q.state ? [q.state] : ['flagged', 'filed'], q.limit ?? 100);
      return {
        items: items.map(({ customerKinds, ...i }) => ({
          ...i,
          grounds: challengeGrounds(
            {
              secrecyOrder: i.secrecyOrder,
              targets: Object.keys(customerKinds).map((customerId) => ({ customerId })),
            } as Demand,
            new Map(Object.entries(customerKinds)),
          ).map((g) => g.code),
        })),
      };
    },
  );

  app.post(
    '/api/v1/demands/:ref/challenge/draft',
    {
      schema: {
        summary: 'Draft an application against the secrecy order (kept as an editable text document)',
        tags: ['challenges'],
        params: T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const d = await findDemand(ctx.db, ref);
      if (!d) throw new DomainError('not_found', `No demand ${ref}`);
      if (!d.secrecyOrder) throw new DomainError('illegal_transition', 'This demand has no secrecy order to challenge');
      const customers = (
        await Promise.all([...new Set(d.targets.map((t) => t.customerId))].map((id) => findCustomer(ctx.db, id)))
      ).filter((c): c is Customer => !!c);
      const { text, grounds } = draftChallengeText(
        templates,
        d,
        await findAgency(ctx.db, d.agencyId),
        customers,
        ctx.now(),
      );
      const { document } = await recordChallengeDraft(ctx, { demand: d.id, actor: actorOf(caller), text, grounds });
      return reply.status(201).send({ document, grounds, text });
    },
  );
}
