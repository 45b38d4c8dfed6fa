/**
 * Fuzzing every route of the OpenAPI document: requests made from the document itself (each path
 * and method, its path and query parameters, its body schema), filled with random and hostile
 * values, sent as every kind of caller. An answer passes when it is not a 5xx and, when it is an
 * error, is RFC 9457 problem+json. Used by test/security/fuzz-routes.test.ts (a short, fixed-seed
 * run inside `npm test`) and bench/fuzz.ts (a longer one with a budget).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/domain/principal.ts';
import { totpAt } from '../../src/domain/totp.ts';
import { accessFor } from '../../src/http/access-policy.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';
import type { Db } from '../../src/store/database.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { registerWebhookEndpoint } from '../../src/workflow/register-webhook-endpoint.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from './factories.ts';

/** A JSON Schema as the OpenAPI document carries it (only what the generator reads). */
interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  $ref?: string;
}

interface Operation {
  method: string;
  /** Fastify's form, e.g. /api/v1/demands/:ref */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | null;
}

export interface Caller {
  name: string;
  /** Its roles; none when not signed in. */
  roles: Role[];
  headers: Record<string, string>;
}

export interface FuzzRequest {
  caller: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface FuzzFailure {
  request: FuzzRequest;
  status: number;
  contentType: string;
  body: string;
}

export interface FuzzTarget {
  app: FastifyInstance;
  operations: Operation[];
  callers: Caller[];
  /** Values that name things that exist, so requests also reach past the lookups. */
  known: { ref: string; demandId: string; customerId: string; agencyId: string; endpointId: string };
}

/** Identifiers the directory holds, so registrations also collide with it and with themselves. */
const KNOWN_IDENTIFIERS = ['dana@writmail.example', 'bob@acme.example', 'acme.example', 'DANA@writmail.example'];

const DEMAND_VALUES = ['WR-2026-000001', 'wr-2026-000001', 'WR-0000-000000'];

/** Strings that broke, or could break, something once. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E\u0041\u0301\uFE0F',
  '👩‍👩‍👧‍👦',
  'ǅ𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  "'; drop table demands; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%',
  'x'.repeat(5000),
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'true',
  'null',
  '[]',
  '{}',
  '------------------------------------',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '123456789012345678901234567890123456',
  'urn:uuid:2f1c1c1e-0000-4000-8000-000000000000',
  '00000000-0000-0000-0000-00000000000g',
];

export const HOSTILE_TIMES = [
  '2016-12-31T23:59:60Z',
  '2026-06-30T23:59:60.5+00:00',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+23:59',
  '9999-12-31T23:59:59-23:59',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00+99:99',
  '2026-01-01',
  '2026-11-02T09:00:00Z',
  '2026-11-02T09:00:00.123456789Z',
];

export const HOSTILE_NUMBERS = [
  '0',
  '-1',
  '1',
  '3',
  '200',
  '201',
  '1.5',
  '1e3',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999',
  '1e400',
  '-1e400',
  'NaN',
];

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** Cursors of every list: well-formed, with odd ids, out-of-range dates, and past bigint. */
export const HOSTILE_CURSORS = [
  b64(JSON.stringify(['2026-11-02T09:00:00.000Z', randomUUID()])),
  b64(JSON.stringify(['2026-11-02T09:00:00.000Z', '------------------------------------'])),
  b64(JSON.stringify(['2026-11-02T09:00:00.000Z', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ'])),
  b64(JSON.stringify(['+275760-09-13T00:00:00.000Z', randomUUID()])),
  b64(JSON.stringify(['-271821-04-20T00:00:00.000Z', randomUUID()])),
  b64(JSON.stringify(['0000-01-01T00:00:00.000Z', randomUUID()])),
  b64(JSON.stringify(['2016-12-31T23:59:60Z', randomUUID()])),
  b64(JSON.stringify(['1', randomUUID()])),
  b64(JSON.stringify(['deadline', null, randomUUID()])),
  b64(JSON.stringify(['deadline', '+275760-09-13T00:00:00.000Z', randomUUID()])),
  b64(JSON.stringify(['deadline', '2026-11-02T09:00:00Z', '000000000000000000000000000000000000'])),
  b64('d:9223372036854775808'),
  b64('d:9999999999999999999'),
  b64('d:0'),
  b64('d:-1'),
  b64(JSON.stringify({ a: 1 })),
  'not base64 at all ***',
  '',
];

/** Bodies that are not what their content type says, or that only a parser could hate. */
function rawBodies(): { contentType: string; payload: string }[] {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const boundary = '----fuzz';
  return [
    { contentType: 'application/json', payload: deep(5000) },
    { contentType: 'application/json', payload: deepObject(3000) },
    { contentType: 'application/json', payload: `{"targets":${deep(2000)}}` },
    { contentType: 'application/json', payload: '{"limit": 1e400, "n": -1e400, "x": 123456789012345678901234567890}' },
    { contentType: 'application/json', payload: '{"a":' },
    { contentType: 'application/json', payload: '' },
    { contentType: 'application/json', payload: 'null' },
    { contentType: 'application/json', payload: '"\\u0000"' },
    { contentType: 'application/json', payload: '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}' },
    { contentType: 'application/json; charset=utf-16', payload: '{}' },
    { contentType: 'text/plain', payload: 'hello' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
    { contentType: 'multipart/form-data', payload: 'no boundary here' },
    { contentType: `multipart/form-data; boundary=${boundary}`, payload: `--${boundary}\r\nbroken` },
    {
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="demand"\r\n\r\n{not json\r\n--${boundary}--\r\n`,
    },
    {
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--${boundary}--\r\n`,
    },
    { contentType: `multipart/form-data; boundary=${boundary}`, payload: `--${boundary}--\r\n` },
    { contentType: 'multipart/form-data; boundary=', payload: '--\r\n\r\n' },
  ];
}

/** Nested `depth` levels, in arrays or objects. */
function nested(depth: number, inArrays: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = inArrays ? [v] : { a: v };
  return v;
}

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE_TIMES),
  fc.constantFrom(0, -1, 1.5, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileLeaf },
  { weight: 1, arbitrary: fc.array(hostileLeaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileLeaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 3000 }).map((n) => nested(n, n % 2 === 0)) },
);

function resolve(s: Schema, doc: { components?: { schemas?: Record<string, Schema> } }): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.split('/').pop()!;
  return doc.components?.schemas?.[name] ?? {};
}

/** Values for a schema: mostly valid-looking, often hostile, sometimes of the wrong type. */
function fromSchema(
  schema: Schema,
  doc: { components?: { schemas?: Record<string, Schema> } },
  known: FuzzTarget['known'],
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const wrong = depth > 6 ? hostileLeaf : hostileValue;
  const mixed = (good: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: wrong });
  if (s.const !== undefined) return mixed(fc.constant(s.const));
  if (s.enum) return mixed(fc.constantFrom(...s.enum));
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromSchema(a, doc, known, depth + 1, name)));
  if (s.allOf?.length) return fromSchema(s.allOf[0]!, doc, known, depth + 1, name);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return mixed(fc.constantFrom(...HOSTILE_TIMES));
      if (s.format === 'uuid')
        return mixed(
          fc.constantFrom(known.customerId, known.agencyId, known.demandId, randomUUID(), ...HOSTILE_STRINGS.slice(22)),
        );
      if (s.format === 'email')
        return mixed(fc.constantFrom('a@b.example', 'sam.stone@springfield-pd.example', 'x@y', '@', 'ä@ü.example'));
      if (s.pattern === '^[A-Z]{2}$') return mixed(fc.constantFrom('US', 'DE', 'GB', 'ZZ', 'XK', 'us'));
      if (name === 'value' || s.pattern?.includes('[a-z0-9.-]+'))
        return mixed(fc.constantFrom(...KNOWN_IDENTIFIERS, 'new.one@fresh.example', 'fresh.example'));
      return mixed(fc.oneof(fc.string({ maxLength: 30 }), hostileString));
    case 'integer':
    case 'number':
      return mixed(
        fc.oneof(
          fc.integer({ min: (s.minimum ?? -5) - 2, max: Math.min((s.maximum ?? 1000) + 2, 2 ** 31) }),
          fc.constantFrom(2 ** 53 + 2, 1e308, -1e308, 0.5),
        ),
      );
    case 'boolean':
      return mixed(fc.boolean());
    case 'array':
      return mixed(
        fc.array(s.items ? fromSchema(s.items, doc, known, depth + 1, name) : hostileValue, { maxLength: 3 }),
      );
    case 'object': {
      if (depth > 6) return hostileLeaf;
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const parts = props.map(([k, p]) =>
        fc
          .tuple(fc.integer({ min: 0, max: 9 }), fromSchema(p, doc, known, depth + 1, k))
          .map(([roll, v]) => ({ k, v, keep: required.has(k) ? roll > 0 : roll > 4 })),
      );
      return mixed(
        fc
          .tuple(fc.tuple(...parts), fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostileLeaf), { freq: 5 }))
          .map(([entries, extra]) => {
            const o: Record<string, unknown> = {};
            for (const e of entries) if (e.keep) o[e.k] = e.v;
            if (extra) o[extra[0]] = extra[1];
            return o;
          }),
      );
    }
    default:
      return hostileValue;
  }
}

function queryValue(name: string, schema: Schema): fc.Arbitrary<string> {
  const s = schema;
  const pool: fc.Arbitrary<string>[] = [fc.constantFrom(...HOSTILE_STRINGS.slice(0, 22)), fc.string({ maxLength: 20 })];
  if (name === 'cursor') pool.push(fc.constantFrom(...HOSTILE_CURSORS), fc.constantFrom(...HOSTILE_CURSORS));
  if (s.format === 'date-time' || /before|after|from|to|at$/i.test(name)) pool.push(fc.constantFrom(...HOSTILE_TIMES));
  if (s.type === 'integer' || s.type === 'number' || name === 'limit' || name === 'offset')
    pool.push(fc.constantFrom(...HOSTILE_NUMBERS), fc.constantFrom(...HOSTILE_NUMBERS));
  if (s.enum) pool.push(fc.constantFrom(...s.enum.map(String)));
  if (s.anyOf?.every((a) => a.const !== undefined)) pool.push(fc.constantFrom(...s.anyOf.map((a) => String(a.const))));
  if (s.type === 'boolean') pool.push(fc.constantFrom('true', 'false', '1', 'yes'));
  if (s.format === 'uuid') pool.push(fc.constantFrom(...HOSTILE_STRINGS.slice(22), randomUUID()));
  return fc.oneof(...pool);
}

/** Path segments sent as they are: percent-encodings that decode to no valid UTF-8, or to a slash. */
const RAW_SEGMENTS = ['%ED%A0%80', '%FF%FE', '%C0%AF', '%', '%2F..%2F..', '%00', 'a%2Fb'];
const RAW = 'raw:';

function pathValue(name: string, known: FuzzTarget['known']): fc.Arbitrary<string> {
  const good =
    name === 'ref'
      ? [known.ref, known.demandId, ...DEMAND_VALUES]
      : name === 'id'
        ? [known.customerId, known.agencyId, known.demandId]
        : name === 'endpointId'
          ? [known.endpointId]
          : [randomUUID()];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...good) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS.map((r) => RAW + r)) },
  );
}

const EXTRA_HEADERS: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'x-csrf-token',
          'idempotency-key',
          'accept',
          'x-forwarded-for',
          'x-forwarded-proto',
          'cookie',
          'authorization',
          'accept-encoding',
          'range',
          'if-none-match',
        ),
        fc.oneof(
          fc.constantFrom(
            ...HOSTILE_STRINGS.filter((h) => !/[\u0000-\u001f\u007f-\uffff]/.test(h)).slice(0, 16),
            'Bearer ',
            'Bearer x',
            'Basic Zm9vOmJhcg==',
            'writ_session=garbage',
            'writ_session=',
            '1.2.3.4, 5.6.7.8',
            'https',
            'bytes=0-0',
            '*/*',
            'application/problem+json',
          ),
          fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
        ),
      )
      .map(([k, v]) => ({ [k]: v.replace(/[\r\n]/g, '') })),
  },
);

/** Percent-encode any string, a lone surrogate included (as the replacement character's bytes). */
function encodeSegment(v: string): string {
  if (v.startsWith(RAW)) return v.slice(RAW.length);
  return [...Buffer.from(v, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** The route's path with its parameters filled and percent-encoded. */
function fillPath(op: Operation, values: string[]): string {
  let i = 0;
  return op.path.replace(/:([A-Za-z]+)/g, () => encodeSegment(values[i++] ?? 'x'));
}

/** An arbitrary request to one operation, as one caller. */
function requestTo(op: Operation, target: FuzzTarget, doc: object): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(...op.pathParams.map((p) => pathValue(p, target.known)));
  const query = fc.tuple(
    ...op.query.map((q) =>
      fc.option(
        queryValue(q.name, q.schema).map((v) => [q.name, v] as const),
        { freq: 2 },
      ),
    ),
    fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', 'cursor'), fc.constantFrom(...HOSTILE_NUMBERS)), {
      freq: 6,
    }),
  );
  const hasBody = op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'DELETE';
  const jsonBody = op.body ? fromSchema(op.body, doc, target.known) : fc.oneof(fc.constant({}), hostileValue);
  const body: fc.Arbitrary<{ contentType: string; payload: string } | null> = hasBody
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: jsonBody.map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) ?? 'null' })),
        },
        { weight: 2, arbitrary: fc.constantFrom(...rawBodies()) },
        { weight: 1, arbitrary: fc.constant(null) },
      )
    : fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...rawBodies()) });
  // Mostly callers the access policy lets in, so requests get past authorisation to the code behind.
  const access = accessFor(op.method, op.path);
  const allowed = target.callers.filter((c) => access === 'public' || c.roles.some((r) => access?.includes(r)));
  const caller = allowed.length
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...allowed) },
        { weight: 1, arbitrary: fc.constantFrom(...target.callers) },
      )
    : fc.constantFrom(...target.callers);
  return fc
    .record({
      caller,
      params,
      query,
      body,
      extra: EXTRA_HEADERS,
      head: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ caller, params: values, query: q, body: b, extra, head }) => {
      const search = new URLSearchParams();
      for (const pair of q) if (pair) search.append(pair[0], pair[1]);
      const qs = search.toString();
      const method = op.method === 'GET' && head === 0 ? 'HEAD' : op.method;
      const headers: Record<string, string> = { ...caller.headers, ...extra };
      if (b) headers['content-type'] = b.contentType;
      return {
        caller: caller.name,
        method,
        url: `${fillPath(op, values)}${qs ? `?${qs}` : ''}`,
        headers,
        ...(b ? { payload: b.payload } : {}),
      };
    });
}

/** Every operation of the OpenAPI document, in Fastify's path form. */
export function operationsOf(doc: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
}): Operation[] {
  const out: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
      const path = p.replace(/\{([^}]+)\}/g, ':$1');
      out.push({
        method: m.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/:([A-Za-z]+)/g)].map((x) => x[1]!),
        query: (op.parameters ?? [])
          .filter((x) => x.in === 'query')
          .map((x) => ({ name: x.name, schema: x.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

/** Requests to any operation, each operation equally likely. */
export function requestArbitrary(target: FuzzTarget, doc: object): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...target.operations.map((op) => requestTo(op, target, doc)));
}

/**
 * A 503 problem of type "unavailable" is Writ's designed answer for a part that is switched off or
 * out of reach (single sign-on with no identity provider configured), not a failure to handle input.
 */
const designedUnavailable = (req: FuzzRequest, res: LightMyRequestResponse, contentType: string) =>
  res.statusCode === 503 &&
  contentType.startsWith('application/problem+json') &&
  // A HEAD answer has no body to name its type.
  (req.method === 'HEAD' || (res.json() as { type?: string }).type === 'https://writ.dev/problems/unavailable');

/** What is wrong with an answer, or null: never a 5xx, and every error problem+json. */
export function checkAnswer(req: FuzzRequest, res: LightMyRequestResponse): FuzzFailure | null {
  const contentType = String(res.headers['content-type'] ?? '');
  const bad =
    (res.statusCode >= 500 && !designedUnavailable(req, res, contentType)) ||
    (res.statusCode >= 400 && req.method !== 'HEAD' && !contentType.startsWith('application/problem+json'));
  return bad ? { request: req, status: res.statusCode, contentType, body: res.body.slice(0, 300) } : null;
}

/** The app, a demand, and a caller of every kind: anonymous, each staff role, an officer, a customer admin, a browser session. */
export async function fuzzTarget(db: Db, ctx: WorkflowContext): Promise<{ target: FuzzTarget; doc: object }> {
  const dir: Directory = await seedDirectory(ctx);
  const app = await buildApp({
    ctx,
    logLevel: 'silent',
    // Nothing leaves the machine: webhook URLs must be public, and a test send gives up at once.
    webhooks: { allowPrivate: false, timeoutMs: 50 },
  });
  const { demand } = await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
  const callers: Caller[] = [{ name: 'anonymous', roles: [], headers: {} }];
  const bearer = async (name: string, roles: Role[], p: Parameters<typeof createPrincipal>[1]) =>
    callers.push({
      name,
      roles,
      headers: { authorization: `Bearer ${await issueToken(db, await createPrincipal(db, p), 'fuzz')}` },
    });
  for (const role of ['intake', 'reviewer', 'approver', 'administrator', 'auditor'] as const)
    await bearer(role, [role], { kind: 'staff', name: role, email: `${role}@fuzz.example`, roles: [role] });
  await bearer('officer', ['officer'], {
    kind: 'officer',
    name: 'Officer',
    email: 'officer@fuzz.example',
    agencyId: dir.usPolice,
  });
  await bearer('customer_admin', ['customer_admin'], {
    kind: 'customer_admin',
    name: 'Admin',
    email: 'admin@fuzz.example',
    customerId: dir.enterprise,
  });
  const password = 'fuzzing is a kind of testing';
  const e = await enrollPrincipal(ctx, {
    principal: { kind: 'staff', name: 'Session', email: 'session@fuzz.example', roles: ['reviewer', 'intake'] },
    password,
  });
  const signedIn = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: 'session@fuzz.example', password, totp: totpAt(e.totpSecret, ctx.now()) },
  });
  const cookie = signedIn.cookies.find((c) => c.name === 'writ_session');
  if (!cookie) throw new Error(`session sign-in failed: ${signedIn.body}`);
  callers.push({
    name: 'session',
    roles: ['reviewer', 'intake'],
    headers: {
      cookie: `writ_session=${cookie.value}`,
      'x-csrf-token': (signedIn.json() as { csrfToken: string }).csrfToken,
    },
  });
  const endpoint = await registerWebhookEndpoint(ctx, {
    customerId: dir.enterprise,
    url: 'https://hooks.acme.example/writ',
    actor: { kind: 'customer', id: 'fuzz' },
  });
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  return {
    target: {
      app,
      operations: operationsOf(doc),
      callers,
      known: {
        ref: demand.reference,
        demandId: demand.id,
        customerId: dir.enterprise,
        agencyId: dir.usPolice,
        endpointId: endpoint.id,
      },
    },
    doc,
  };
}

/** Send `runs` requests drawn with `seed`; every failure, in the order found. */
export async function runFuzz(
  target: FuzzTarget,
  doc: object,
  runs: number,
  seed: number,
  onAnswer?: (req: FuzzRequest, res: LightMyRequestResponse) => void,
): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  for (const req of fc.sample(requestArbitrary(target, doc), { numRuns: runs, seed })) {
    const res = await target.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: req.headers,
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
    onAnswer?.(req, res);
    const f = checkAnswer(req, res);
    if (f) failures.push(f);
  }
  return failures;
}
