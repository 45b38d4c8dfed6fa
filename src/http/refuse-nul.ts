/**
 * What must be refused before validation, naming where it is. PostgreSQL text cannot hold the NUL
 * character (U+0000), and a string carrying one would fail deep inside a query as a 500; a body
 * nested thousands deep is refused before anything walks it. And a numeric query or path parameter
 * must be a finite number: ajv's type coercion turns "1e400" into Infinity and then lets it past
 * `maximum`, and no database column takes it.
 */
import type { FastifyInstance } from 'fastify';
import { invalid, type FieldError } from '../domain/errors.ts';
import { findNul } from '../domain/nul-characters.ts';

interface ObjectSchema {
  properties?: Record<string, { type?: string | string[] }>;
}

const numericCache = new WeakMap<object, string[]>();

/** The names of the properties a schema declares as integer or number. */
function numericFields(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  let names = numericCache.get(schema);
  if (!names) {
    names = Object.entries((schema as ObjectSchema).properties ?? {})
      .filter(([, p]) => [p.type].flat().some((t) => t === 'integer' || t === 'number'))
      .map(([k]) => k);
    numericCache.set(schema, names);
  }
  return names;
}

function refuseNonFinite(values: unknown, schema: unknown, prefix: string, out: FieldError[]): void {
  if (!values || typeof values !== 'object') return;
  for (const k of numericFields(schema)) {
    const v = (values as Record<string, unknown>)[k];
    for (const one of [v].flat())
      if (typeof one === 'string' && one.trim() !== '' && !Number.isFinite(Number(one)))
        out.push({ pointer: `${prefix}/${k}`, detail: 'must be a finite number' });
  }
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fields: FieldError[] = [];
    findNul(req.body, '', fields);
    findNul(req.query, '/query', fields);
    findNul(req.params, '/params', fields);
    const schema = req.routeOptions.schema;
    refuseNonFinite(req.query, schema?.querystring, '/querystring', fields);
    refuseNonFinite(req.params, schema?.params, '/params', fields);
    if (fields.length) throw invalid(fields);
  });
}
