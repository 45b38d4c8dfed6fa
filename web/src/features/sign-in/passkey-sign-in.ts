/**
 * Signing in with password and passkey: the password opens an attempt and brings a challenge, the
 * browser's passkey answers it, and Writ opens the session (the same cookie and CSRF token as with
 * the code). Writ answers the first step alike whether the password was right or not; the refusal
 * comes at the end and never says which was wrong.
 */
import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { api } from '../../lib/api.ts';
import type { SessionStarted } from '../../lib/auth.ts';

export async function signInWithPasskey(email: string, password: string): Promise<SessionStarted> {
  const { attempt, options } = await api<{ attempt: string; options: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/v1/session/passkey/options',
    { method: 'POST', json: { email, password }, expectUnauthenticated: true },
  );
  const response = await startAuthentication({ optionsJSON: options });
  return api<SessionStarted>('/api/v1/session/passkey', {
    method: 'POST',
    json: { attempt, response },
    expectUnauthenticated: true,
  });
}
