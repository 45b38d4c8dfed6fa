/** Customers and agencies: the directory the demands refer to. */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import { findAgency, findCustomer, listAgencies, listCustomers } from '../../store/directory-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { registerAgency } from '../../workflow/register-agency.ts';
import { registerCustomer } from '../../workflow/register-customer.ts';
import {
  NewAgencySchema,
  NewCustomerSchema,
  type NewAgency,
  type NewCustomer,
} from '../../workflow/schemas/directory.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { readAs } from '../read-scope.ts';

const Page = {
  limit: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: T.Optional(T.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
const IdParam = T.Object({ id: T.String({ format: 'uuid' }) });

export function directoryRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags: ['directory'],
        summary: 'List customers',
        querystring: T.Object(
          { kind: T.Optional(T.Union([T.Literal('enterprise'), T.Literal('consumer')])), ...Page },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const q = req.query as { kind?: 'enterprise' | 'consumer'; limit?: number; offset?: number };
      return {
        items: await listCustomers(ctx.db, {
          ...(q.kind ? { kind: q.kind } : {}),
          limit: q.limit ?? 100,
          offset: q.offset ?? 0,
        }),
      };
    },
  );

  app.get(
    '/api/v1/customers/:id',
    { schema: { tags: ['directory'], summary: 'One customer with its contacts', params: IdParam } },
    async (req) => {
      const caller = callerOf(req);
      const { id } = req.params as { id: string };
      // A customer admin sees its own tenant; another tenant does not exist for it.
      if (caller.kind === 'customer_admin' && caller.customerId !== id)
        throw new DomainError('not_found', `No customer ${id}`);
      const c = await readAs(ctx.db, caller, (q) => findCustomer(q, id));
      if (!c) throw new DomainError('not_found', `No customer ${id}`);
      return c;
    },
  );

  app.post(
    '/api/v1/customers',
    { schema: { tags: ['directory'], summary: 'Register a customer with its accounts', body: NewCustomerSchema } },
    async (req, reply) => {
      const c = await registerCustomer(ctx, { input: req.body as NewCustomer, actor: actorOf(callerOf(req)) });
      return reply.status(201).send(c);
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['directory'],
        summary: 'List agencies',
        querystring: T.Object(
          { country: T.Optional(T.String({ pattern: '^[A-Z]{2}$' })), ...Page },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const q = req.query as { country?: string; limit?: number; offset?: number };
      return {
        items: await listAgencies(ctx.db, {
          ...(q.country ? { country: q.country } : {}),
          limit: q.limit ?? 100,
          offset: q.offset ?? 0,
        }),
      };
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    { schema: { tags: ['directory'], summary: 'One agency', params: IdParam } },
    async (req) => {
      const a = await findAgency(ctx.db, (req.params as { id: string }).id);
      if (!a) throw new DomainError('not_found', 'No such agency');
      return a;
    },
  );

  app.post(
    '/api/v1/agencies',
    { schema: { tags: ['directory'], summary: 'Add an agency to the directory', body: NewAgencySchema } },
    async (req, reply) => {
      const a = await registerAgency(ctx, { input: req.body as NewAgency, actor: actorOf(callerOf(req)) });
      return reply.status(201).send(a);
    },
  );
}
