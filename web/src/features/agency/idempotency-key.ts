/**
 * One key per filled-in form, sent as Idempotency-Key: a double click, or a retry after a dropped
 * answer, returns the demand already made instead of filing it twice.
 */
export function newIdempotencyKey(): string {
  // getRandomValues works on plain http too, where crypto.randomUUID does not exist.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
