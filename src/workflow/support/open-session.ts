/** A sign-in that passed every check: the session row and its `session.started` event, together. */
import { SYSTEM, type SignInMethod } from '../../domain/events.ts';
import { appendEvent } from '../../store/event-repository.ts';
import type { Tx } from '../../store/database.ts';
import { createSession } from '../../store/session-repository.ts';

/** How long a browser session lasts, however it was opened. */
export const SESSION_HOURS = 8;

export interface OpenedSession {
  principalId: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(
  tx: Tx,
  principalId: string,
  now: Date,
  method: Exclude<SignInMethod, 'password'>,
): Promise<OpenedSession> {
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const { sessionId, csrfToken } = await createSession(tx, principalId, expiresAt);
  await appendEvent(tx, null, SYSTEM, { type: 'session.started', principalId, method }, now);
  return { principalId, sessionId, csrfToken, expiresAt };
}
