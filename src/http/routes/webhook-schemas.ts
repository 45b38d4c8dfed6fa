/**
 * Request and response schemas of the webhook endpoint routes (they double as OpenAPI). Response
 * schemas matter here beyond documentation: Fastify serializes by them and leaves out any field
 * they do not name, so only EndpointWithSecret can ever carry a secret.
 */
import { Type as T } from '@sinclair/typebox';
import { CUSTOMER_EVENT_TYPES } from '../../domain/follow-ups.ts';

const Nullable = <S extends ReturnType<typeof T.String> | ReturnType<typeof T.Integer> | ReturnType<typeof T.Boolean>>(
  s: S,
) => T.Union([s, T.Null()]);

const EventTypes = T.Union(
  [T.Array(T.Union(CUSTOMER_EVENT_TYPES.map((t) => T.Literal(t))), { minItems: 1, uniqueItems: true }), T.Null()],
  { description: 'The webhook event types sent to this endpoint (see `webhooks`); null: every type' },
);

export const NewEndpoint = T.Object(
  {
    url: T.String({
      minLength: 1,
      maxLength: 2048,
      description: 'https:// URL of the receiver; its host must resolve only to public addresses',
    }),
    description: T.Optional(T.String({ maxLength: 200, description: 'A label for people, e.g. "SIEM, production"' })),
    eventTypes: T.Optional(EventTypes),
  },
  { additionalProperties: false },
);

export const ChosenEventTypes = T.Object({ eventTypes: EventTypes }, { additionalProperties: false });

const endpointFields = {
  id: T.String({ format: 'uuid' }),
  customerId: T.String({ format: 'uuid' }),
  url: T.String(),
  description: Nullable(T.String()),
  status: T.Union([T.Literal('active'), T.Literal('disabled'), T.Literal('removed')]),
  disabledBy: T.Union([T.Literal('person'), T.Literal('writ'), T.Null()], {
    description: 'Who switched it off: a person, or Writ after repeated failures, a 410 or a refused address',
  }),
  disabledAt: Nullable(T.String({ format: 'date-time' })),
  consecutiveFailures: T.Integer(),
  secretHint: Nullable(T.String({ description: '"whsec_…" and the last four characters of the secret' })),
  createdAt: T.String({ format: 'date-time' }),
  secretRotatedAt: Nullable(T.String({ format: 'date-time' })),
  removedAt: Nullable(T.String({ format: 'date-time' })),
  eventTypes: T.Union([T.Array(T.String()), T.Null()], { description: 'The event types sent here; null: every type' }),
  lastDelivery: T.Union([
    T.Object({ at: T.String({ format: 'date-time' }), ok: T.Boolean(), statusCode: Nullable(T.Integer()) }),
    T.Null(),
  ]),
};

export const EndpointView = T.Object(endpointFields);
export const EndpointList = T.Object({ items: T.Array(EndpointView) });
export const EndpointWithSecret = T.Object({
  ...endpointFields,
  secret: T.String({
    description: 'The signing secret, "whsec_" + base64: shown in this answer only. Keep it in the receiver.',
  }),
});

export const DeliveryView = T.Object({
  id: T.String(),
  at: T.String({ format: 'date-time' }),
  kind: T.Union([T.Literal('ping'), T.Literal('notice'), T.Literal('follow_up')]),
  ok: T.Boolean(),
  statusCode: Nullable(T.Integer()),
  error: Nullable(T.String()),
  messageId: T.String({ description: 'The webhook-id header of the message' }),
  durationMs: T.Integer(),
});
export const DeliveryPage = T.Object({ items: T.Array(DeliveryView), nextCursor: Nullable(T.String()) });
