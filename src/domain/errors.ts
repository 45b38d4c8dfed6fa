/**
 * Errors the domain and the use cases raise. A small closed set with stable codes; the HTTP edge
 * maps each code once to a status and an RFC 9457 problem type. Domain code never speaks HTTP.
 */
export const ERROR_CODES = {
  /** Input failed validation; `fields` names each offending field. */
  invalid_input: 'The request is not valid',
  /** The thing named does not exist (or the caller may not know it exists). */
  not_found: 'Not found',
  /** The action is not allowed from the demand's current state. */
  illegal_transition: 'Action not allowed in the current state',
  /** The same idempotency key was reused with a different request. */
  idempotency_conflict: 'Idempotency key reused with a different request',
  /** A uniqueness rule was broken (for example a duplicate identifier). */
  conflict: 'Conflict',
  /** The caller is not authenticated. */
  unauthenticated: 'Authentication required',
  /** The caller is authenticated but may not do this. */
  forbidden: 'Forbidden',
  /** A document is too large. */
  payload_too_large: 'Payload too large',
  /** A document's type is not accepted or its bytes do not match its declared type. */
  unsupported_media_type: 'Unsupported media type',
  /** Something Writ depends on (an identity provider) cannot be reached, or is not configured. */
  unavailable: 'Service unavailable',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** One field that failed validation: a JSON pointer into the request and the reason. */
export interface FieldError {
  pointer: string;
  detail: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, detail?: string, fields: FieldError[] = []) {
    super(detail ?? ERROR_CODES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
  }
}

/** Shorthand for a validation failure naming fields. */
export function invalid(fields: FieldError[], detail?: string): DomainError {
  return new DomainError('invalid_input', detail ?? fields.map((f) => `${f.pointer}: ${f.detail}`).join('; '), fields);
}
