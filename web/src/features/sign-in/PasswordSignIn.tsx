/**
 * The usual way in: e-mail address, password and the code of the authenticator app, sent to
 * POST /api/v1/session, which answers with an HttpOnly session cookie. Problems are listed above
 * the form (the list takes the focus) and beside their fields; a refusal by the API is one message
 * that names no field, as the API names none.
 */
import { useState, type FormEvent } from 'react';
import type { Me } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/fields.tsx';
import { signInWithPasskey } from './passkey-sign-in.ts';
import {
  checkPasskeyForm,
  checkPasswordForm,
  normaliseCode,
  passkeySignInProblem,
  passwordSignInProblem,
  type FieldErrors,
  type PasswordForm,
} from './sign-in-messages.ts';

const FIELD_ORDER: (keyof PasswordForm)[] = ['email', 'password', 'totp'];

export function PasswordSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { signIn, adoptSession } = useSession();
  const [form, setForm] = useState<PasswordForm>({ email: '', password: '', totp: '' });
  const [fields, setFields] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof PasswordForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const errors = checkPasswordForm(form);
    setFields(errors);
    setRefusal(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      onSignedIn(await signIn({ email: form.email.trim(), password: form.password, totp: normaliseCode(form.totp) }));
    } catch (err) {
      const p = passwordSignInProblem(err);
      setFields(p.fields);
      setRefusal(p.message);
      // A code is good for one try at most; the next attempt needs the app's next one.
      setForm((f) => ({ ...f, totp: '' }));
    } finally {
      setBusy(false);
    }
  };

  // The password, then a passkey instead of the code (the code may stay empty).
  const signInByPasskey = async () => {
    setAttempt((n) => n + 1);
    const errors = checkPasskeyForm(form);
    setFields(errors);
    setRefusal(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      onSignedIn(await adoptSession(await signInWithPasskey(form.email.trim(), form.password)));
    } catch (err) {
      const p = passkeySignInProblem(err);
      setFields(p.fields);
      setRefusal(p.message);
    } finally {
      setBusy(false);
    }
  };

  // The refusal links to the first field: signing in again starts there.
  const problems: FormProblem[] = [
    ...(refusal ? [{ fieldId: 'email', message: refusal }] : []),
    ...FIELD_ORDER.filter((k) => fields[k]).map((k) => ({ fieldId: k, message: fields[k]! })),
  ];

  return (
    <>
      <ErrorSummary problems={problems} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
        <TextField
          id="email"
          label="E-mail address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={form.email}
          onChange={set('email')}
          error={fields.email}
          required
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={form.password}
          onChange={set('password')}
          error={fields.password}
          required
        />
        <TextField
          id="totp"
          label="Code from your authenticator app"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          value={form.totp}
          onChange={set('totp')}
          error={fields.totp}
          required
          hint="6 digits. It changes every 30 seconds; each code works once. Or use a passkey instead, below."
          className="field-code"
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" disabled={busy} onClick={() => void signInByPasskey()}>
            Use a passkey instead of the code
          </button>
        </div>
      </form>
    </>
  );
}
