/**
 * The webhook endpoint routes of the customer's own tenant, as the portal calls them. The shapes
 * are the server's own types (src/domain/webhook.ts).
 */
import type {
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from '../../../../src/domain/webhook.ts';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/api-types.ts';

export type { WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret };

const base = (customerId: string) => `/api/v1/customers/${encodeURIComponent(customerId)}/webhooks`;
const one = (customerId: string, id: string) => `${base(customerId)}/${encodeURIComponent(id)}`;

export const listEndpoints = (customerId: string, signal?: AbortSignal) =>
  api<{ items: WebhookEndpointView[] }>(base(customerId), signal ? { signal } : {}).then((r) => r.items);

export const getEndpoint = (customerId: string, id: string, signal?: AbortSignal) =>
  api<WebhookEndpointView>(one(customerId, id), signal ? { signal } : {});

export const registerEndpoint = (customerId: string, body: { url: string; description?: string }) =>
  api<WebhookEndpointWithSecret>(base(customerId), { method: 'POST', json: body });

export const rotateSecret = (customerId: string, id: string) =>
  api<WebhookEndpointWithSecret>(`${one(customerId, id)}/rotate-secret`, { method: 'POST' });

export const setEnabled = (customerId: string, id: string, on: boolean) =>
  api<WebhookEndpointView>(`${one(customerId, id)}/${on ? 'enable' : 'disable'}`, { method: 'POST' });

export const removeEndpoint = (customerId: string, id: string) =>
  api<WebhookEndpointView>(one(customerId, id), { method: 'DELETE' });

export const sendTest = (customerId: string, id: string) =>
  api<WebhookDeliveryView>(`${one(customerId, id)}/test`, { method: 'POST' });

export const deliveries = (customerId: string, id: string, cursor: string | undefined, signal?: AbortSignal) =>
  api<Page<WebhookDeliveryView>>(`${one(customerId, id)}/deliveries`, {
    query: { cursor, limit: 20 },
    ...(signal ? { signal } : {}),
  });
