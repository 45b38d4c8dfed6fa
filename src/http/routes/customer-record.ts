/**
 * `GET /api/v1/demands/:ref/customer-record`: the demand's life as the customer follows it (the
 * portal's demand page). A customer admin sees its own notified demands only (any other: 404, as
 * for no demand at all); staff may look at what a customer sees. The read is recorded.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { loadCustomerRecord } from '../../store/customer-record.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { callerOf } from '../auth.ts';
import { presentCustomerRecord } from '../presenters/customer-record.ts';
import { canView } from '../presenters/demand.ts';
import { readAs, recordRead, viewerLabel } from '../read-scope.ts';

export function customerRecordRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/demands/:ref/customer-record',
    {
      schema: {
        summary: 'A demand as its customer follows it: agency, steps, messages sent, answers, disclosures',
        tags: ['demands'],
        params: T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) }),
        querystring: T.Object({ customer: T.Optional(T.String({ format: 'uuid' })) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const asked = (req.query as { customer?: string }).customer;
      const demand = await readAs(ctx.db, caller, (q) => findDemand(q, ref));
      if (!demand || !canView(demand, caller)) throw new DomainError('not_found', `No demand ${ref}`);
      let customerId: string;
      if (caller.kind === 'customer_admin') customerId = caller.customerId;
      else {
        const targeted = [...new Set(demand.targets.map((t) => t.customerId))];
        customerId = asked ?? targeted[0] ?? '';
        if (!targeted.includes(customerId))
          throw invalid([{ pointer: '/query/customer', detail: 'is not a customer this demand names' }]);
      }
      await recordRead(ctx.db, caller, demand.id, { type: 'demand.viewed', viewer: viewerLabel(caller) }, ctx.now());
      // The copy of the legal process is chosen from the whole demand: a tenant's own view shows only
      // its own targets, and would hide the other customers' accounts that withhold the copy.
      const whole = caller.kind === 'customer_admin' ? ((await findDemand(ctx.db, demand.id)) ?? demand) : demand;
      return presentCustomerRecord(whole, customerId, await loadCustomerRecord(ctx.db, demand.id, customerId));
    },
  );
}
