/**
 * The second way in, behind a disclosure: a pasted API token, for agencies' integrations and test
 * accounts. The API says whom it belongs to, and so which portal opens.
 */
import { useState, type FormEvent } from 'react';
import type { Me } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { tokenSignInProblem } from './sign-in-messages.ts';

export function TokenSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { signInWithToken } = useSession();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!secret.trim()) {
      setError('Enter your API token');
      document.getElementById('token')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signInWithToken(secret));
    } catch (err) {
      setError(tokenSignInProblem(err));
      document.getElementById('token')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="sign-in-other">
      <summary>Sign in with an API token</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="token"
          label="API token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          error={error}
          required
          hint="For agencies’ integrations and test accounts: paste the token you were given. It is kept in this browser tab only, until you sign out or close the tab."
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in with this token'}
        </button>
      </form>
    </details>
  );
}
