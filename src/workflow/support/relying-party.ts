/** Where passkeys are bound: the origin the page runs at and its host name (the WebAuthn relying party id). */
export interface RelyingParty {
  /** e.g. "writ.provider.example" (never an IP address: browsers refuse those). */
  id: string;
  /** e.g. "https://writ.provider.example". */
  origin: string;
}

export const RP_NAME = 'Writ';
/** How long a passkey challenge may wait for its answer. */
export const CHALLENGE_MINUTES = 5;
