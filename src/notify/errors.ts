/**
 * How a delivery fails. A DeliveryError is worth another try later (a relay down, an endpoint
 * timing out); a PermanentError is not (nobody to deliver to), so the job is given up at once and
 * staff are told.
 */

/** A failure worth retrying; `code` is the answer that came back (an SMTP or HTTP status), if any. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A failure no retry can mend. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** The response code an error carries, if any (ours, nodemailer's `responseCode`, or an HTTP status). */
export function responseCodeOf(e: unknown): string | null {
  if (e instanceof DeliveryError) return e.code;
  const x = e as { responseCode?: number; code?: string } | null;
  if (x && typeof x.responseCode === 'number') return String(x.responseCode);
  if (x && typeof x.code === 'string') return x.code;
  return null;
}

/**
 * An error as one short line fit for the outbox and the timeline: events are public-log leaves
 * and carry no personal data, so e-mail addresses are masked.
 */
export function describeError(e: unknown, max = 300): string {
  const text = e instanceof Error ? `${e.message}` : String(e);
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
