/** Sign in by pasting an API token; the API says who it belongs to and so which portal opens. */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { CREDENTIAL_LABEL } from '../../lib/auth.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { homeOf, useSession } from '../../lib/session.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/fields.tsx';

export function SignInPage() {
  const { signIn } = useSession();
  const { path } = useLocation();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!secret.trim()) {
      setError(`Enter your ${CREDENTIAL_LABEL}`);
      document.getElementById('token')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await signIn(secret);
      // A shared link into the right portal opens where it points; anything else opens the portal's home.
      const home = homeOf(me);
      if (path !== home && !path.startsWith(`${home}/`)) navigate(home, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? `This ${CREDENTIAL_LABEL} is not valid, has expired or was revoked` : `Could not sign in: ${(err as Error).message}`);
      document.getElementById('token')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="card sign-in-card">
        <p className="brand brand-large">Writ</p>
        <PageHeading title="Sign in" />
        <p>For the legal team, agency officers and customer administrators.</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            id="token"
            label={CREDENTIAL_LABEL}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={error}
            required
            hint="Paste the token you were given. It is kept in this browser tab only, until you sign out or close the tab."
          />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
