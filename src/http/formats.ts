/**
 * Writ's string formats for Fastify's ajv, in place of ajv-formats (whose date-time takes leap
 * seconds and whose uuid takes a "urn:uuid:" prefix, neither of which PostgreSQL or JavaScript
 * read back). Named formatsPlugin so Fastify does not add ajv-formats over it.
 */
import { FORMATS } from '../domain/formats.ts';

interface AjvWithFormats {
  addFormat(name: string, format: { type: 'string'; validate: (v: string) => boolean }): unknown;
}

export function formatsPlugin<A extends AjvWithFormats>(ajv: A): A {
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}
