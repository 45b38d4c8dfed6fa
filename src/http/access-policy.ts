/**
 * WHO MAY CALL WHAT, in one place. Every route Writ serves must have a row here: the server
 * refuses to start with a route that has none, and the authorisation matrix test calls every route
 * as every role and checks the answer against this table.
 *
 * "public": anyone, unauthenticated. Otherwise the roles allowed. Officers and customer admins are
 * further scoped in the handlers: an officer sees only its own agency's demands, a customer admin
 * only its own tenant's, and only once notice is allowed.
 */
import type { Role } from '../domain/principal.ts';

const STAFF_READ: Role[] = ['intake', 'reviewer', 'approver', 'administrator', 'auditor'];

export const ACCESS_POLICY: Record<string, 'public' | readonly Role[]> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /openapi.json': 'public',
  // Operational figures (no case data): administrators, and a scraper's token with the metrics role only.
  'GET /metrics': ['administrator', 'metrics'],

  'GET /api/v1/me': [...STAFF_READ, 'officer', 'customer_admin'],
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': [...STAFF_READ, 'officer', 'customer_admin'],
  'DELETE /api/v1/session': [...STAFF_READ, 'officer', 'customer_admin'],
  // Single sign-on for staff: both legs are browser navigations before anyone is signed in.
  'GET /api/v1/session/options': 'public',
  'GET /api/v1/session/sso': 'public',
  'GET /api/v1/session/sso/callback': 'public',
  // Passkeys: signing in with password and passkey is public; each person manages their own.
  'POST /api/v1/session/passkey/options': 'public',
  'POST /api/v1/session/passkey': 'public',
  'GET /api/v1/passkeys': [...STAFF_READ, 'officer', 'customer_admin'],
  'POST /api/v1/passkeys/registration-options': [...STAFF_READ, 'officer', 'customer_admin'],
  'POST /api/v1/passkeys': [...STAFF_READ, 'officer', 'customer_admin'],
  'DELETE /api/v1/passkeys/:id': [...STAFF_READ, 'officer', 'customer_admin'],
  'POST /api/v1/demands': ['intake', 'administrator', 'officer'],
  'GET /api/v1/demands': [...STAFF_READ, 'officer', 'customer_admin'],
  'GET /api/v1/demands/:ref': [...STAFF_READ, 'officer', 'customer_admin'],
  'GET /api/v1/demands/:ref/customer-record': [...STAFF_READ, 'customer_admin'],
  // The agency portal: an officer for its own agency's demands only (scoped in the handlers).
  'GET /api/v1/demands/:ref/agency-record': ['officer'],
  'POST /api/v1/demands/:ref/agency-messages': ['officer'],
  'POST /api/v1/demands/:ref/clarification-requests': ['reviewer', 'administrator'],
  'GET /api/v1/demands/:ref/documents/:documentId': [...STAFF_READ, 'officer', 'customer_admin'],
  'POST /api/v1/demands/:ref/confirm-requester': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/requester-callback': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/follow-up': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/reject': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/redirect': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/accept': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/reopen': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/approve': ['approver'],
  'POST /api/v1/demands/:ref/produce': ['approver', 'administrator'],
  'POST /api/v1/demands/:ref/close': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/notice/release': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/notice/move-release': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/challenge': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/preservation/extend': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/preservation/release': ['reviewer', 'administrator'],
  // Answers to a redirect: an officer for its own agency, a customer admin for its own tenant (scoped in the handlers).
  'POST /api/v1/demands/:ref/redirect/agency-answer': ['reviewer', 'administrator', 'officer'],
  'POST /api/v1/demands/:ref/redirect/customer-answer': ['reviewer', 'administrator', 'customer_admin'],
  'GET /api/v1/demands/:ref/redirect/answers': STAFF_READ,
  'GET /api/v1/challenges': STAFF_READ,
  'POST /api/v1/demands/:ref/challenge/draft': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/package': ['reviewer', 'approver', 'administrator'],
  'POST /api/v1/demands/:ref/package/link': ['officer'],
  'GET /api/v1/downloads/:token': ['officer'],
  'POST /api/v1/evaluate': [...STAFF_READ, 'officer'],

  'GET /api/v1/customers': STAFF_READ,
  'GET /api/v1/customers/:id': [...STAFF_READ, 'customer_admin'],
  'POST /api/v1/customers': ['administrator'],
  // A customer's webhook endpoints: its admins manage them (their own tenant only, scoped in the
  // handlers and by row-level security); staff may read any tenant's, and change none.
  'GET /api/v1/customers/:id/webhooks': [...STAFF_READ, 'customer_admin'],
  'POST /api/v1/customers/:id/webhooks': ['customer_admin'],
  'GET /api/v1/customers/:id/webhooks/:endpointId': [...STAFF_READ, 'customer_admin'],
  'DELETE /api/v1/customers/:id/webhooks/:endpointId': ['customer_admin'],
  'POST /api/v1/customers/:id/webhooks/:endpointId/rotate-secret': ['customer_admin'],
  'POST /api/v1/customers/:id/webhooks/:endpointId/disable': ['customer_admin'],
  'PUT /api/v1/customers/:id/webhooks/:endpointId/event-types': ['customer_admin'],
  'POST /api/v1/customers/:id/webhooks/:endpointId/enable': ['customer_admin'],
  'POST /api/v1/customers/:id/webhooks/:endpointId/test': ['customer_admin'],
  'GET /api/v1/customers/:id/webhooks/:endpointId/deliveries': [...STAFF_READ, 'customer_admin'],
  'GET /api/v1/agencies': [...STAFF_READ, 'officer'],
  'GET /api/v1/agencies/:id': [...STAFF_READ, 'officer'],
  'POST /api/v1/agencies': ['administrator'],

  'GET /api/v1/stats/workload': STAFF_READ,

  // Case handling (issue 15): people, assignment, internal notes (staff only), saved views (each
  // staff member's own, scoped in the handlers), secrecy orders, and who read a demand.
  'GET /api/v1/staff': STAFF_READ,
  'POST /api/v1/demands/assign': ['reviewer', 'administrator'],
  'GET /api/v1/demands/:ref/notes': STAFF_READ,
  'POST /api/v1/demands/:ref/notes': ['reviewer', 'approver', 'administrator', 'intake'],
  'GET /api/v1/demands/:ref/reads': ['administrator', 'auditor'],
  'GET /api/v1/saved-views': STAFF_READ,
  'POST /api/v1/saved-views': STAFF_READ,
  'DELETE /api/v1/saved-views/:id': STAFF_READ,
  'GET /api/v1/secrecy-orders': STAFF_READ,
  'POST /api/v1/demands/:ref/reweigh': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/targets': ['reviewer', 'administrator'],
  'POST /api/v1/demands/:ref/documents': ['reviewer', 'administrator', 'intake', 'officer'],
  // The demo's local mailbox (notices and letters sent while no relay is configured).
  'GET /api/v1/outbound-mail': ['administrator', 'reviewer'],
  'GET /api/v1/outbound-mail/:id': ['administrator', 'reviewer'],
  'GET /api/v1/outbound-mail/:id/attachments/:n': ['administrator', 'reviewer'],
  // Demands by e-mail: staff review the drafts read from received messages; intake staff and
  // reviewers confirm or set them aside. Reading a document to pre-fill a form stores nothing.
  'GET /api/v1/drafts': STAFF_READ,
  'GET /api/v1/drafts/:id': STAFF_READ,
  'GET /api/v1/drafts/:id/documents/:index': STAFF_READ,
  'GET /api/v1/drafts/:id/message': ['intake', 'reviewer', 'administrator', 'auditor'],
  'POST /api/v1/drafts/:id/confirm': ['intake', 'reviewer', 'administrator'],
  'POST /api/v1/drafts/:id/discard': ['intake', 'reviewer', 'administrator'],
  'POST /api/v1/documents/read': ['intake', 'reviewer', 'administrator', 'officer'],

  // The ledger: anyone may check checkpoints and consistency; inclusion proofs carry a leaf's salt,
  // so only staff, and a customer admin for its own tenant's events (scoped in the handler).
  'GET /api/v1/ledger/checkpoint': 'public',
  'GET /api/v1/ledger/key': 'public',
  'GET /api/v1/ledger/proof/consistency': 'public',
  'GET /api/v1/ledger/proof/inclusion': [...STAFF_READ, 'customer_admin'],
  'POST /api/v1/ledger/checkpoints': ['administrator'],
  // The log as tlog-tiles (c2sp.org/tlog-tiles): public leaves and hashes, for anyone to mirror.
  'GET /ledger/checkpoint': 'public',
  'GET /.well-known/writ-ledger.json': 'public',
  'GET /ledger/tile/*': 'public',
  // Writ as a witness of other logs (c2sp.org/tlog-witness): the checkpoint's signature is the credential.
  'POST /witness/add-checkpoint': 'public',

  // Transparency reports are published: anyone may read them; a tenant's own figures are its admins'.
  'GET /api/v1/reports': 'public',
  'GET /api/v1/reports/schema.json': 'public',
  'GET /api/v1/reports/tenant': ['customer_admin'],
  'GET /reports/:period': 'public',

  // The web application: its pages and assets are public; the data behind them is not.
  'GET /': 'public',
  'GET /sign-in': 'public',
  'GET /console': 'public',
  'GET /console/*': 'public',
  'GET /portal': 'public',
  'GET /portal/*': 'public',
  'GET /agency': 'public',
  'GET /agency/*': 'public',
  'GET /assets/*': 'public',
};

/** The policy row of a route, by method and URL pattern as Fastify names them. */
export function accessFor(method: string, url: string): 'public' | readonly Role[] | undefined {
  // The API documentation page and its static assets are public.
  if (method === 'GET' && (url === '/docs' || url.startsWith('/docs/'))) return 'public';
  return ACCESS_POLICY[`${method} ${url}`];
}
