/**
 * String formats for TypeBox's own checker (used outside Fastify, e.g. by the CLI). Fastify's ajv
 * is given the same definitions (src/http/formats.ts), so both edges agree.
 */
import { FormatRegistry } from '@sinclair/typebox';
import { FORMATS } from '../../domain/formats.ts';

for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
