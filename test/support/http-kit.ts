/**
 * Helpers for the HTTP tests: the app over a test database, API tokens for any role, row counts to
 * prove a refused request wrote nothing, a hand-built multipart body, and the problem+json check.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role, StaffRole } from '../../src/domain/principal.ts';
import type { Db } from '../../src/store/database.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';
import { PDF_BYTES } from './factories.ts';

export const STAFF_ROLE_LIST: StaffRole[] = ['intake', 'reviewer', 'approver', 'administrator', 'auditor', 'metrics'];
export const ALL_ROLES: Role[] = [...STAFF_ROLE_LIST, 'officer', 'customer_admin'];

export type Who = { roles: StaffRole[] } | { officerOf: string } | { adminOf: string };

/** A new principal and a bearer token for it. */
export async function tokenFor(
  db: Db,
  who: Who,
  name = 'Test principal',
): Promise<{ token: string; principalId: string; auth: { authorization: string } }> {
  const email = `p-${randomBytes(6).toString('hex')}@principals.example`;
  const principalId =
    'roles' in who
      ? await createPrincipal(db, { kind: 'staff', name, email, roles: who.roles })
      : 'officerOf' in who
        ? await createPrincipal(db, { kind: 'officer', name, email, agencyId: who.officerOf })
        : await createPrincipal(db, { kind: 'customer_admin', name, email, customerId: who.adminOf });
  const token = await issueToken(db, principalId, 'test');
  return { token, principalId, auth: { authorization: `Bearer ${token}` } };
}

/** A token for one role; officers and customer admins need the agency / customer they belong to. */
export function whoForRole(role: Role, agencyId: string, customerId: string): Who {
  if (role === 'officer') return { officerOf: agencyId };
  if (role === 'customer_admin') return { adminOf: customerId };
  return { roles: [role] };
}

export const WRITE_TABLES = [
  'demands',
  'demand_targets',
  'documents',
  'events',
  'outbox',
  'requesters',
  'idempotency_keys',
  'approvals',
] as const;
export type RowCounts = Record<(typeof WRITE_TABLES)[number], number>;

/** Row counts of every table intake and the actions write to. */
export async function countRows(db: Db): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const t of WRITE_TABLES) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

export interface FilePart {
  name: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart/form-data body, built by hand: text fields first, then files. */
export function multipart(
  fields: Record<string, string>,
  files: FilePart[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----writ-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(chunks);
  return {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(payload.length) },
  };
}

/** POST one PDF as the multipart field `file` (a package, a demand's document), as `auth`. */
export function postPdf(
  app: FastifyInstance,
  auth: object,
  url: string,
  filename: string,
  bytes: Buffer = PDF_BYTES,
): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart({}, [{ name: 'file', filename, contentType: 'application/pdf', bytes }]);
  return app.inject({ method: 'POST', url, headers: { ...auth, ...headers }, payload });
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

/**
 * Assert an RFC 9457 problem: the status, application/problem+json, the members every problem
 * carries, and (when given) that `errors` names each of `pointers` as a JSON pointer.
 */
export function assertProblem(res: LightMyRequestResponse, status: number, pointers: string[] = []): ProblemBody {
  assert.equal(res.statusCode, status, `expected ${status}, got ${res.statusCode}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `content-type of ${res.body}`);
  const p = res.json() as ProblemBody;
  assert.equal(p.status, status);
  assert.equal(typeof p.type, 'string');
  assert.ok(p.type.length > 0 && (p.type === 'about:blank' || /^https?:\/\//.test(p.type)), `type is a URI: ${p.type}`);
  assert.equal(typeof p.title, 'string');
  assert.ok(p.title.length > 0);
  assert.equal(typeof p.detail, 'string');
  assert.ok(p.detail.length > 0);
  if (pointers.length) {
    assert.ok(Array.isArray(p.errors), `errors present in ${res.body}`);
    for (const e of p.errors!) assert.match(e.pointer, /^\/(.*)$/, `JSON pointer: ${e.pointer}`);
    const named = new Set(p.errors!.map((e) => e.pointer));
    for (const ptr of pointers) assert.ok(named.has(ptr), `errors name ${ptr}: ${JSON.stringify(p.errors)}`);
  }
  return p;
}

/** The pointers a problem names. */
export const pointersOf = (p: ProblemBody) => new Set((p.errors ?? []).map((e) => e.pointer));

/** POST a demand as JSON with a token. */
export function postDemand(
  app: FastifyInstance,
  auth: { authorization: string },
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/demands',
    headers: { ...auth, ...headers },
    payload: body as object,
  });
}

/** POST a demand that must be accepted (201) and return what the API answered. */
export async function postAcceptedDemand<T = { id: string; reference: string; state: string; agencyId: string }>(
  app: FastifyInstance,
  auth: { authorization: string },
  body: unknown,
): Promise<T> {
  const res = await postDemand(app, auth, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as T;
}
