/**
 * What the sign-in forms say: the checks made before sending, and the API's problem+json answers
 * turned into plain words. A refused sign-in never says which factor was wrong (nor whether the
 * account exists): the API does not tell, and the page must not guess.
 *
 * No DOM here (errors are matched by shape, as ApiError has it), so the tests can import the texts.
 */

/** An ApiError as far as these messages need it; anything else failed before the API answered. */
interface Answer {
  status?: unknown;
  fields?: Record<string, string>;
  message: string;
}

const statusOf = (err: unknown): number | null =>
  err instanceof Error && typeof (err as Answer).status === 'number' ? ((err as Answer).status as number) : null;

export interface PasswordForm {
  email: string;
  password: string;
  totp: string;
}

export type FieldErrors = Partial<Record<keyof PasswordForm, string>>;

/** Authenticator apps show "123 456"; the API wants the six digits alone. */
export const normaliseCode = (code: string) => code.replace(/\s+/g, '');

// The same shape the API checks (a JSON-schema e-mail), loosely: the API has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is missing or malformed, by field, in the order of the form. */
export function checkPasswordForm(f: PasswordForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.email.trim()) errors.email = 'Enter your e-mail address';
  else if (!EMAIL.test(f.email.trim())) errors.email = 'Enter an e-mail address like name@example.com';
  if (!f.password) errors.password = 'Enter your password';
  const code = normaliseCode(f.totp);
  if (!code) errors.totp = 'Enter the 6-digit code from your authenticator app';
  else if (!/^\d{6}$/.test(code)) errors.totp = 'The code is 6 digits, as your authenticator app shows it';
  return errors;
}

// The API's lock-out (src/workflow/sign-in.ts); the browser test checks these still match.
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export const REFUSED = `The e-mail address, password or code is wrong, or the account is locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} failed attempts. Check them, wait for a new code and try again.`;
export const RATE_LIMITED = 'Too many sign-in attempts in a short time. Wait a minute, then try again.';

/** The message for a refused password sign-in, and field errors when the API named fields. */
export function passwordSignInProblem(err: unknown): { message: string; fields: FieldErrors } {
  const status = statusOf(err);
  const text = (err as Answer).message;
  if (status === null)
    return { message: `Writ could not be reached (${text}). Check the connection and try again.`, fields: {} };
  if (status === 401) return { message: REFUSED, fields: {} };
  if (status === 429) return { message: RATE_LIMITED, fields: {} };
  if (status === 400 || status === 422) {
    const fields: FieldErrors = {};
    const f = (err as Answer).fields ?? {};
    if (f['/email']) fields.email = 'Enter an e-mail address like name@example.com';
    if (f['/password']) fields.password = 'Enter your password';
    if (f['/totp']) fields.totp = 'The code is 6 digits, as your authenticator app shows it';
    return { message: 'Check what you entered and try again.', fields };
  }
  return { message: `Could not sign in: ${text}. Try again in a moment.`, fields: {} };
}

/** The message for a refused API token. */
export function tokenSignInProblem(err: unknown): string {
  const status = statusOf(err);
  if (status === 401) return 'This API token is not valid, has expired or was revoked';
  if (status === 429) return RATE_LIMITED;
  return `Could not sign in: ${(err as Error).message}`;
}

/**
 * Why single sign-on did not sign the person in, as Writ's callback names it in the sign-in page's
 * fragment (#sso-refused=<reason>); what to do next, in plain words.
 */
export const SSO_REFUSED: Record<string, string> = {
  sso_state:
    'Single sign-on was not completed: it took longer than 10 minutes, was already used, or began in another browser. Try again.',
  sso_token:
    'Your identity provider’s answer did not pass Writ’s checks, so you were not signed in. Try again; if it happens again, tell your administrator.',
  sso_email: 'Your identity provider has not verified your e-mail address, so Writ cannot tell who you are.',
  sso_no_role: 'Your identity provider gives you no role in Writ. Ask your administrator for access.',
  sso_not_staff:
    'This e-mail address cannot sign in with single sign-on. Sign in with your e-mail address, password and code.',
  disabled: 'This account is disabled. Ask your administrator.',
  unavailable: 'Your identity provider cannot be reached now. Try again later, or sign in with your password.',
};

/** The reason in a #sso-refused=<reason> fragment, as a message; null when there is none. */
export function ssoRefusalOf(hash: string): string | null {
  const m = /^#sso-refused=([a-z_]+)$/.exec(hash);
  if (!m) return null;
  return SSO_REFUSED[m[1]!] ?? SSO_REFUSED.sso_token!;
}

/** What a passkey sign-in needs from the form: the e-mail address and the password, not the code. */
export function checkPasskeyForm(f: PasswordForm): FieldErrors {
  const { email, password } = checkPasswordForm(f);
  return { ...(email ? { email } : {}), ...(password ? { password } : {}) };
}

export const PASSKEY_REFUSED = `The e-mail address, password or passkey is wrong, or the account is locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} failed attempts. Check them and try again.`;
export const PASSKEY_NOT_USED =
  'No passkey was used: the request was cancelled or timed out, or this device holds no passkey of yours for Writ. Try again, or enter the code from your authenticator app.';

/** The message for a refused passkey sign-in: the browser's refusal, or the API's. */
export function passkeySignInProblem(err: unknown): { message: string; fields: FieldErrors } {
  const name = (err as Error).name;
  if (name === 'NotAllowedError' || name === 'AbortError') return { message: PASSKEY_NOT_USED, fields: {} };
  if (name === 'SecurityError' || name === 'NotSupportedError')
    return {
      message: 'This browser cannot use a passkey at this address. Open Writ at its usual address, or enter the code.',
      fields: {},
    };
  const p = passwordSignInProblem(err);
  return statusOf(err) === 401 ? { message: PASSKEY_REFUSED, fields: {} } : p;
}
