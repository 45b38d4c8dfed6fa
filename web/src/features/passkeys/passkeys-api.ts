/**
 * Passkeys over the API, with the browser's WebAuthn ceremony (@simplewebauthn/browser) between the
 * options Writ issues and the answer it checks. No DOM beyond what the ceremony needs.
 */
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from '@simplewebauthn/browser';
import { api } from '../../lib/api.ts';

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

export const listPasskeys = (signal?: AbortSignal) => api<Passkey[]>('/api/v1/passkeys', { signal });

/** Ask Writ for a challenge, let the browser make the passkey, and register it under `name`. */
export async function addPasskey(name: string): Promise<Passkey> {
  const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>('/api/v1/passkeys/registration-options', {
    method: 'POST',
    json: {},
  });
  const response = await startRegistration({ optionsJSON });
  return api<Passkey>('/api/v1/passkeys', { method: 'POST', json: { name, response } });
}

export const removePasskey = (id: string) =>
  api<void>(`/api/v1/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** What went wrong, in words: the browser's refusal, or the API's. */
export function passkeyProblem(err: unknown): string {
  const name = (err as Error).name;
  if (name === 'NotAllowedError' || name === 'AbortError')
    return 'No passkey was made: the request was cancelled or timed out. Try again.';
  if (name === 'InvalidStateError') return 'This device already holds a passkey of yours for Writ.';
  if (name === 'SecurityError' || name === 'NotSupportedError')
    return 'This browser cannot make a passkey for this address. Open Writ at its usual address (not an IP address) and try again.';
  return `The passkey could not be added: ${(err as Error).message}`;
}
