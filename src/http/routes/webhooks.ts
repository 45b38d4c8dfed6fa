/**
 * A customer's webhook endpoints, under its customer record: customer admins manage their own
 * tenant's (another tenant's do not exist for them: 404), staff may read any. Reads run as the
 * tenant for a customer admin (row-level security); every change is one use case. The secret
 * leaves only in the answer that made it (registration, rotation): the response schemas below
 * carry no `secret` anywhere else, and Fastify's serializer drops any field a schema does not name.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkEndpointUrl } from '../../notify/endpoint-url.ts';
import type { WebhookSender } from '../../notify/webhook-sender.ts';
import { findCustomer } from '../../store/directory-repository.ts';
import { findEndpointView, listDeliveryViews, listEndpointViews } from '../../store/webhook-endpoint-views.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { disableWebhookEndpoint } from '../../workflow/disable-webhook-endpoint.ts';
import { chooseWebhookEventTypes, normaliseEventTypes } from '../../workflow/choose-webhook-event-types.ts';
import { enableWebhookEndpoint } from '../../workflow/enable-webhook-endpoint.ts';
import { registerWebhookEndpoint } from '../../workflow/register-webhook-endpoint.ts';
import { removeWebhookEndpoint } from '../../workflow/remove-webhook-endpoint.ts';
import { rotateWebhookSecret } from '../../workflow/rotate-webhook-secret.ts';
import { sendWebhookTest } from '../../workflow/send-webhook-test.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { readAs } from '../read-scope.ts';
import {
  DeliveryPage,
  DeliveryView,
  EndpointList,
  EndpointView,
  ChosenEventTypes,
  EndpointWithSecret,
  NewEndpoint,
} from './webhook-schemas.ts';

export interface WebhookRouteOptions {
  sender: WebhookSender;
  /** WRIT_WEBHOOK_ALLOW_PRIVATE, for the URL rules at registration. */
  allowPrivate: boolean;
}

const BASE = '/api/v1/customers/:id/webhooks';
const CustomerParams = T.Object({ id: T.String({ format: 'uuid' }) });
const EndpointParams = T.Object({ id: T.String({ format: 'uuid' }), endpointId: T.String({ format: 'uuid' }) });
const LogQuery = T.Object(
  {
    cursor: T.Optional(T.String({ maxLength: 100 })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);
const tags = ['webhooks'];
// Each test is an outgoing request on the caller's say-so: bounded per caller.
const TEST_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The tenant a request acts for: a customer admin only for its own (any other is "not found"). */
function tenantFor(caller: Principal, id: string): string {
  if (caller.kind === 'customer_admin' && caller.customerId !== id)
    throw new DomainError('not_found', `No customer ${id}`);
  return id;
}

function endpointRef(req: FastifyRequest) {
  const caller = callerOf(req);
  const { id, endpointId } = req.params as { id: string; endpointId: string };
  return { caller, ref: { customerId: tenantFor(caller, id), endpointId, actor: actorOf(caller) } };
}

/** The cursor of a delivery page: the id of the last row shown, opaque to clients. */
const encodeLogCursor = (id: string) => Buffer.from(`d:${id}`).toString('base64url');
function decodeLogCursor(s: string): string {
  const m = /^d:(\d{1,19})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  // Delivery ids are bigint: 19 digits may still be past its largest value.
  if (!m || BigInt(m[1]!) > 9_223_372_036_854_775_807n)
    throw invalid([{ pointer: '/querystring/cursor', detail: 'is not a cursor this server issued' }]);
  return m[1]!;
}

export function webhookRoutes(app: FastifyInstance, ctx: WorkflowContext, o: WebhookRouteOptions): void {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: "A customer's webhook endpoints (not removed), oldest first; never their secrets",
        params: CustomerParams,
        response: { 200: EndpointList },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const customerId = tenantFor(caller, (req.params as { id: string }).id);
      return readAs(ctx.db, caller, async (q) => {
        if (!(await findCustomer(q, customerId))) throw new DomainError('not_found', `No customer ${customerId}`);
        return { items: await listEndpointViews(q, customerId) };
      });
    },
  );

  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: 'Register an endpoint; its secret is in this answer and never again',
        params: CustomerParams,
        body: NewEndpoint,
        response: { 201: EndpointWithSecret },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const customerId = tenantFor(caller, (req.params as { id: string }).id);
      const body = req.body as { url: string; description?: string; eventTypes?: string[] | null };
      const eventTypes = normaliseEventTypes(body.eventTypes ?? null);
      const url = await checkEndpointUrl(body.url, { allowPrivate: o.allowPrivate });
      const description = body.description?.trim();
      const created = await registerWebhookEndpoint(ctx, {
        customerId,
        url,
        ...(description ? { description } : {}),
        eventTypes,
        actor: actorOf(caller),
      });
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    `${BASE}/:endpointId`,
    {
      schema: {
        tags,
        summary: 'One endpoint (also a removed one, for its log)',
        params: EndpointParams,
        response: { 200: EndpointView },
      },
    },
    async (req) => {
      const { caller, ref } = endpointRef(req);
      const ep = await readAs(ctx.db, caller, (q) => findEndpointView(q, ref.customerId, ref.endpointId));
      if (!ep) throw new DomainError('not_found', `No webhook endpoint ${ref.endpointId}`);
      return ep;
    },
  );

  app.delete(
    `${BASE}/:endpointId`,
    {
      schema: {
        tags,
        summary: 'Remove an endpoint for good (kept only for its delivery log)',
        params: EndpointParams,
        response: { 200: EndpointView },
      },
    },
    async (req) => removeWebhookEndpoint(ctx, endpointRef(req).ref),
  );

  app.post(
    `${BASE}/:endpointId/rotate-secret`,
    {
      schema: {
        tags,
        summary: 'Replace the secret at once; the new one is in this answer and never again',
        params: EndpointParams,
        response: { 200: EndpointWithSecret },
      },
    },
    async (req, reply) =>
      reply.header('cache-control', 'no-store').send(await rotateWebhookSecret(ctx, endpointRef(req).ref)),
  );

  app.put(
    `${BASE}/:endpointId/event-types`,
    {
      schema: {
        tags,
        summary: 'Choose the event types sent to this endpoint (null: every type, also ones added later)',
        params: EndpointParams,
        body: ChosenEventTypes,
        response: { 200: EndpointView },
      },
    },
    async (req) =>
      chooseWebhookEventTypes(ctx, {
        ...endpointRef(req).ref,
        eventTypes: (req.body as { eventTypes: string[] | null }).eventTypes,
      }),
  );

  app.post(
    `${BASE}/:endpointId/disable`,
    {
      schema: {
        tags,
        summary: 'Switch an endpoint off (notices stop going to it)',
        params: EndpointParams,
        response: { 200: EndpointView },
      },
    },
    async (req) => disableWebhookEndpoint(ctx, endpointRef(req).ref),
  );

  app.post(
    `${BASE}/:endpointId/enable`,
    {
      schema: {
        tags,
        summary: 'Switch an endpoint on again, its failure count at zero',
        params: EndpointParams,
        response: { 200: EndpointView },
      },
    },
    async (req) => enableWebhookEndpoint(ctx, endpointRef(req).ref),
  );

  app.post(
    `${BASE}/:endpointId/test`,
    {
      config: TEST_LIMIT,
      schema: {
        tags,
        summary: 'Send a signed `ping` event now and answer with the outcome',
        params: EndpointParams,
        response: { 200: DeliveryView },
      },
    },
    async (req) => sendWebhookTest(ctx, { ...endpointRef(req).ref, sender: o.sender }),
  );

  app.get(
    `${BASE}/:endpointId/deliveries`,
    {
      schema: {
        tags,
        summary: "An endpoint's delivery log, newest first, paged",
        params: EndpointParams,
        querystring: LogQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (req) => {
      const { caller, ref } = endpointRef(req);
      const q = req.query as { cursor?: string; limit?: number };
      const limit = q.limit ?? 25;
      const beforeId = q.cursor ? decodeLogCursor(q.cursor) : undefined;
      return readAs(ctx.db, caller, async (db) => {
        if (!(await findEndpointView(db, ref.customerId, ref.endpointId)))
          throw new DomainError('not_found', `No webhook endpoint ${ref.endpointId}`);
        // One row more than asked tells whether another page follows.
        const rows = await listDeliveryViews(db, ref.endpointId, {
          ...(beforeId ? { beforeId } : {}),
          limit: limit + 1,
        });
        const items = rows.slice(0, limit);
        return { items, nextCursor: rows.length > limit ? encodeLogCursor(items[items.length - 1]!.id) : null };
      });
    },
  );
}
