/**
 * The JSON Schema of every webhook a customer's endpoint can receive, one per event type, for the
 * `webhooks` section of the OpenAPI document (OpenAPI 3.1). The bodies are made in
 * notice-content.ts; the tests check each body sent against its schema here.
 */
import { type TSchema, Type as T } from '@sinclair/typebox';
import {
  CUSTOMER_EVENT_LABELS,
  CUSTOMER_EVENT_TYPES,
  type CustomerEventType,
  FOLLOW_UP_TYPES,
  NOTICE_EVENT_TYPE,
} from '../domain/follow-ups.ts';
import { DATA_CATEGORIES, DISPOSITIONS, IDENTIFIER_KINDS, INSTRUMENTS } from '../domain/vocabulary.ts';
import { CUSTOMER_OPTIONS } from './notice-content.ts';

const Nullable = (s: TSchema) => T.Union([s, T.Null()]);
const Time = T.String({ format: 'date-time' });
const oneOf = (xs: readonly string[]) => T.Union(xs.map((x) => T.Literal(x)));

const Agency = T.Object({ name: T.String(), country: T.String(), kind: T.String() });
const Account = T.Object({ kind: oneOf(IDENTIFIER_KINDS), value: T.String(), accountId: Nullable(T.String()) });

const envelope = (type: string, data: TSchema) =>
  T.Object(
    { type: T.Literal(type), timestamp: Time, data },
    {
      description:
        'Signed as Standard Webhooks: headers webhook-id (the same on every redelivery), webhook-timestamp, webhook-signature (v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> with the endpoint secret).',
    },
  );

export const NoticeWebhook = envelope(
  NOTICE_EVENT_TYPE,
  T.Object({
    reference: T.String(),
    customerId: T.String({ format: 'uuid' }),
    agency: Agency,
    instrument: oneOf(INSTRUMENTS),
    instrumentLabel: T.String(),
    caseNumber: Nullable(T.String()),
    issuingCourt: Nullable(T.String()),
    issuedAt: Nullable(Time),
    receivedAt: Time,
    accounts: T.Array(Account),
    dataCategories: T.Array(oneOf(DATA_CATEGORIES)),
    dateRange: T.Object({ from: Nullable(Time), to: Nullable(Time) }),
    responseDeadline: Nullable(Time),
    answerBy: T.String({ format: 'date-time', description: 'By when the customer can object or answer' }),
    secrecyOrder: Nullable(T.Object({ legalBasis: T.String(), expiresAt: Nullable(Time) })),
    legalProcess: T.Object({
      signed: T.Boolean(),
      redactions: T.Array(
        T.Object({
          code: oneOf(['other_customers_accounts', 'requester_contact']),
          count: T.Integer({ minimum: 1 }),
        }),
        { description: 'What the statement of the legal process leaves out, and why (by code)' },
      ),
      documents: T.Array(
        T.Object({
          filename: T.String(),
          mediaType: T.String(),
          sizeBytes: T.Integer({ minimum: 0 }),
          sha256: T.String({ pattern: '^[0-9a-f]{64}$' }),
          href: T.String({ description: "The document's bytes, for the tenant's admins (API token or session)" }),
        }),
        { description: 'The documents the agency served, as served, when they concern this customer alone' },
      ),
      copyWithheld: Nullable(oneOf(['other_customers_accounts', 'no_documents'])),
    }),
    delay: Nullable(
      T.Object({
        heldAt: Time,
        releasedAt: Nullable(Time),
        releasedBy: Nullable(oneOf(['order_lapsed', 'person'])),
        reason: Nullable(T.String()),
        whileHeld: T.Array(T.Object({ type: T.String(), at: Time }), {
          description: 'The steps taken while the order held the notice',
        }),
      }),
    ),
    options: T.Array(oneOf(CUSTOMER_OPTIONS)),
    language: T.String(),
    portalUrl: T.String(),
  }),
);

const followUpDetails: Record<(typeof FOLLOW_UP_TYPES)[number], TSchema> = {
  'demand.redirect_sent': T.Object({}),
  'demand.agency_answered': T.Object({ answer: oneOf(['withdrawn', 'will_go_to_customer', 'insists_with_process']) }),
  'demand.data_produced': T.Object({ dataCategories: T.Array(oneOf(DATA_CATEGORIES)), accounts: T.Array(Account) }),
  'demand.withdrawn': T.Object({ disposition: T.Literal('withdrawn') }),
  'demand.closed': T.Object({ disposition: oneOf(DISPOSITIONS) }),
  'secrecy_order.extended': T.Object({ until: Nullable(Time) }),
  'secrecy_order.vacated': T.Object({ reason: Nullable(T.String()) }),
};

export const FOLLOW_UP_WEBHOOKS = Object.fromEntries(
  FOLLOW_UP_TYPES.map((type) => [
    type,
    envelope(
      type,
      T.Object({
        reference: T.String(),
        customerId: T.String({ format: 'uuid' }),
        agency: Agency,
        eventId: T.String({ description: "The step's event on the demand's timeline (and in the ledger)" }),
        occurredAt: Time,
        whileHeld: T.Boolean({
          description: 'The step was taken while a secrecy order held the notice (the notice itself lists it)',
        }),
        details: followUpDetails[type],
        portalUrl: T.String(),
      }),
    ),
  ]),
) as unknown as Record<(typeof FOLLOW_UP_TYPES)[number], TSchema>;

export const WEBHOOK_SCHEMAS: Record<CustomerEventType, TSchema> = {
  [NOTICE_EVENT_TYPE]: NoticeWebhook,
  ...FOLLOW_UP_WEBHOOKS,
};

/** The OpenAPI 3.1 `webhooks` object: one POST per event type, its body's schema. */
export function openApiWebhooks(): Record<string, unknown> {
  return Object.fromEntries(
    CUSTOMER_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: CUSTOMER_EVENT_LABELS[type],
          description:
            'Sent to each endpoint whose eventTypes include this type (null: every type). Answer 2xx; anything else is retried with backoff, under the same webhook-id.',
          requestBody: { required: true, content: { 'application/json': { schema: WEBHOOK_SCHEMAS[type] } } },
          responses: { '2XX': { description: 'Received' } },
        },
      },
    ]),
  );
}
