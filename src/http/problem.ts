/**
 * Errors leave Writ as RFC 9457 problem+json. Domain errors map once, here, to a status and a
 * stable type URI; validation errors name each offending field as a JSON pointer; anything
 * unexpected becomes a 500 that reveals nothing internal (the details go to the log).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldError } from '../domain/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 422,
  not_found: 404,
  illegal_transition: 409,
  idempotency_conflict: 422,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

const typeUri = (code: string) => `https://writ.dev/problems/${code.replaceAll('_', '-')}`;

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldError[],
) {
  const body: Problem = {
    type: typeUri(code),
    title,
    status,
    detail,
    instance: reply.request.url,
    ...(errors?.length ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

/**
 * ajv's errors as JSON pointers into the request, e.g. "/targets/0/kind", one entry per field. A
 * value outside a closed vocabulary (a union of constants) is one entry listing the allowed values,
 * not one entry per value.
 */
function validationFields(err: FastifyError): FieldError[] {
  const prefix = err.validationContext === 'body' ? '' : `/${err.validationContext ?? 'request'}`;
  const byPointer = new Map<string, { details: string[]; allowed: unknown[] }>();
  for (const v of err.validation ?? []) {
    const params = v.params as {
      missingProperty?: string;
      additionalProperty?: string;
      allowedValue?: unknown;
      allowedValues?: unknown[];
    };
    const missing = params?.missingProperty;
    const extra = params?.additionalProperty;
    const pointer = `${prefix}${v.instancePath}${missing ? `/${missing}` : ''}${extra ? `/${extra}` : ''}` || '/';
    const entry = byPointer.get(pointer) ?? { details: [], allowed: [] };
    byPointer.set(pointer, entry);
    if (v.keyword === 'const') entry.allowed.push(params.allowedValue);
    else if (v.keyword === 'enum') entry.allowed.push(...(params.allowedValues ?? []));
    else if (v.keyword !== 'anyOf')
      entry.details.push(missing ? 'is required' : extra ? 'is not a known field' : (v.message ?? 'is invalid'));
  }
  return [...byPointer.entries()].map(([pointer, e]) => ({
    pointer,
    detail: e.allowed.length
      ? `must be one of: ${e.allowed.join(', ')}`
      : [...new Set(e.details)].join('; ') || 'is invalid',
  }));
}

export function errorHandler(err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    return sendProblem(reply, STATUS[err.code], err.code, ERROR_CODES[err.code], err.message, err.fields);
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const fields = validationFields(fe);
    return sendProblem(
      reply,
      422,
      'invalid_input',
      ERROR_CODES.invalid_input,
      fields.map((f) => `${f.pointer} ${f.detail}`).join('; '),
      fields,
    );
  }
  if (
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    err instanceof SyntaxError
  ) {
    return sendProblem(reply, 400, 'malformed_body', 'Malformed request body', 'The body is not valid JSON');
  }
  if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(
      reply,
      413,
      'payload_too_large',
      ERROR_CODES.payload_too_large,
      'The request or one of its files is too large',
    );
  }
  if (fe.statusCode === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(
      reply,
      415,
      'unsupported_media_type',
      ERROR_CODES.unsupported_media_type,
      'Send application/json or multipart/form-data',
    );
  }
  if (fe.statusCode === 429) {
    return sendProblem(reply, 429, 'rate_limited', 'Too many requests', 'Too many requests; wait before trying again');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendProblem(reply, fe.statusCode, 'bad_request', 'Bad request', fe.message);
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, 500, 'internal', 'Internal error', 'Something went wrong on our side; it has been logged');
}

/** The router's own refusals, before any route or hook runs: 400 (bad URL) and 414 (parameter too long). */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  return status === 414
    ? sendProblem(reply, 414, 'uri_too_long', 'URI too long', 'A path parameter is longer than any Writ takes')
    : sendProblem(reply, status, 'bad_request', 'Bad request', 'The URL is not a valid percent-encoded path');
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, 404, 'not_found', 'Not found', `No route ${req.method} ${req.url.split('?')[0]}`);
}
