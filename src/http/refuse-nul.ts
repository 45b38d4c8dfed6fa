/**
 * PostgreSQL text cannot hold the NUL character (U+0000); a string carrying one would fail deep
 * inside a query as a 500. Refuse it at the edge instead, naming where it is.
 */
import type { FastifyInstance } from 'fastify';
import { invalid, type FieldError } from '../domain/errors.ts';
import { findNul } from '../domain/nul-characters.ts';

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const fields: FieldError[] = [];
    findNul(req.body, '', fields);
    findNul(req.query, '/query', fields);
    findNul(req.params, '/params', fields);
    if (fields.length) throw invalid(fields);
  });
}
