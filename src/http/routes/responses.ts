/**
 * The answers to a redirect: the agency's (recorded by staff, or by an officer of that agency)
 * and each customer's (recorded by staff for a customer, or by the customer's own admin, only for
 * demands it has been told of).
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { listRedirectAnswers } from '../../store/redirect-answers.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { AGENCY_ANSWERS, recordAgencyAnswer, type AgencyAnswer } from '../../workflow/record-agency-answer.ts';
import { CUSTOMER_ANSWERS, recordCustomerAnswer, type CustomerAnswer } from '../../workflow/record-customer-answer.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { canView, presentDemand } from '../presenters/demand.ts';

const Ref = T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) });
const Note = T.Optional(T.String({ minLength: 1, maxLength: 5000 }));

export function responseRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.post(
    '/api/v1/demands/:ref/redirect/agency-answer',
    {
      schema: {
        summary:
          "Record the agency's answer to a redirect (withdrawn, will go to the customer, insists with compelled process)",
        tags: ['redirect'],
        params: Ref,
        body: T.Object(
          { answer: T.Union(AGENCY_ANSWERS.map((a) => T.Literal(a))), note: Note },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const body = req.body as { answer: AgencyAnswer; note?: string };
      if (caller.kind === 'officer') {
        const d = await findDemand(ctx.db, ref);
        if (!d || d.agencyId !== caller.agencyId) throw new DomainError('not_found', `No demand ${ref}`);
      }
      const demand = await recordAgencyAnswer(ctx, {
        demand: ref,
        actor: actorOf(caller),
        answer: body.answer,
        ...(body.note ? { note: body.note } : {}),
      });
      return presentDemand(demand, caller);
    },
  );

  app.post(
    '/api/v1/demands/:ref/redirect/customer-answer',
    {
      schema: {
        summary: "Record a customer's answer (will answer the agency itself, objects, asks the provider to produce)",
        tags: ['redirect'],
        params: Ref,
        body: T.Object(
          {
            answer: T.Union(CUSTOMER_ANSWERS.map((a) => T.Literal(a))),
            note: Note,
            customerId: T.Optional(T.String({ format: 'uuid', description: 'Staff only: the customer answering' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const body = req.body as { answer: CustomerAnswer; note?: string; customerId?: string };
      let customerId: string;
      if (caller.kind === 'customer_admin') {
        // A tenant answers only for itself, and only about a demand it has been told of.
        const d = await findDemand(ctx.db, ref);
        if (!d || !canView(d, caller)) throw new DomainError('not_found', `No demand ${ref}`);
        if (body.customerId && body.customerId !== caller.customerId)
          throw new DomainError('forbidden', 'A customer admin answers for its own tenant only');
        customerId = caller.customerId;
      } else {
        if (!body.customerId)
          throw invalid([{ pointer: '/customerId', detail: 'is required: name the customer that answered' }]);
        customerId = body.customerId;
      }
      const demand = await recordCustomerAnswer(ctx, {
        demand: ref,
        actor: actorOf(caller),
        customerId,
        answer: body.answer,
        ...(body.note ? { note: body.note } : {}),
      });
      return presentDemand(demand, caller);
    },
  );

  app.get(
    '/api/v1/demands/:ref/redirect/answers',
    { schema: { summary: 'The answers to a redirect so far', tags: ['redirect'], params: Ref } },
    async (req) => {
      callerOf(req);
      const { ref } = req.params as { ref: string };
      const d = await findDemand(ctx.db, ref);
      if (!d) throw new DomainError('not_found', `No demand ${ref}`);
      return { items: await listRedirectAnswers(ctx.db, d.id) };
    },
  );
}
