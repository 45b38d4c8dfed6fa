/**
 * A customer's webhook endpoint as the API shows it, and one delivery to it. Pure types and
 * constants, shared with the web application. The secret is never part of a view: it is shown
 * once, when it is made (registration, rotation), and afterwards only its last characters.
 */

/** Endpoints one customer may have (not counting removed ones): each notice goes to every one. */
export const MAX_ENDPOINTS_PER_CUSTOMER = 10;

/**
 * active: receives notices. disabled: switched off, by a person (`disabledBy: 'person'`) or by Writ
 * after repeated failures, a 410 or a refused address (`disabledBy: 'writ'`); can be enabled again.
 * removed: gone for good, kept only for its delivery log.
 */
export type WebhookEndpointStatus = 'active' | 'disabled' | 'removed';

export interface WebhookEndpointView {
  id: string;
  customerId: string;
  url: string;
  description: string | null;
  status: WebhookEndpointStatus;
  disabledBy: 'person' | 'writ' | null;
  disabledAt: string | null;
  /** Failed deliveries in a row (a success resets it); Writ switches the endpoint off at its limit. */
  consecutiveFailures: number;
  /** "whsec_…" and the secret's last four characters, to tell secrets apart. */
  secretHint: string | null;
  createdAt: string;
  secretRotatedAt: string | null;
  removedAt: string | null;
  /** The event types the customer sends here (src/domain/follow-ups.ts); null: every type. */
  eventTypes: string[] | null;
  lastDelivery: { at: string; ok: boolean; statusCode: number | null } | null;
}

/** Registration and rotation answer with the view and, this once, the secret itself. */
export type WebhookEndpointWithSecret = WebhookEndpointView & { secret: string };

export interface WebhookDeliveryView {
  id: string;
  at: string;
  /** `ping`: a test sent from the API; `notice`: a customer notice; `follow_up`: a later step told. */
  kind: 'ping' | 'notice' | 'follow_up';
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The webhook-id header: the same on every redelivery of one message. */
  messageId: string;
  durationMs: number;
}

/** The webhook-id of a test message starts with this; a notice's is its outbox key ("notice:…"). */
export const PING_ID_PREFIX = 'ping:';
