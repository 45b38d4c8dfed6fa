/**
 * The opaque cursor of GET /api/v1/demands: where the previous page ended, in the order the page
 * was asked for. base64url JSON: [receivedAt, id] for newest first (the format cursors have always
 * had), ["deadline", deadline | null, id] for the deadline queue. A cursor only continues the order
 * that issued it.
 */
import { invalid } from '../domain/errors.ts';
import { isDateTime, isUuid } from '../domain/formats.ts';
import type { DemandCursor, DemandOrder } from '../store/demand-repository.ts';

const isTime = (v: unknown): v is string => typeof v === 'string' && isDateTime(v);

export function encodeCursor(c: DemandCursor): string {
  const parts = 'receivedAt' in c ? [c.receivedAt, c.id] : ['deadline', c.deadline, c.id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(s: string, order: DemandOrder): DemandCursor {
  const refuse = () =>
    invalid([{ pointer: '/querystring/cursor', detail: 'is not a cursor this server issued for this sort order' }]);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parts)) throw refuse();
  if (
    order === 'received' &&
    parts.length === 2 &&
    isTime(parts[0]) &&
    typeof parts[1] === 'string' &&
    isUuid(parts[1])
  ) {
    return { receivedAt: parts[0], id: parts[1] };
  }
  if (
    order === 'deadline' &&
    parts.length === 3 &&
    parts[0] === 'deadline' &&
    (parts[1] === null || isTime(parts[1])) &&
    typeof parts[2] === 'string' &&
    isUuid(parts[2])
  ) {
    return { deadline: parts[1], id: parts[2] };
  }
  throw refuse();
}

/** The cursor after the last item of a page, in the page's order. */
export function cursorAfter(
  last: { id: string; receivedAt: string; nextDeadline: { dueAt: string } | null },
  order: DemandOrder,
): DemandCursor {
  return order === 'deadline'
    ? { deadline: last.nextDeadline?.dueAt ?? null, id: last.id }
    : { receivedAt: last.receivedAt, id: last.id };
}
