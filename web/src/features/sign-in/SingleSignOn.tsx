/**
 * Single sign-on for the legal team, when this Writ offers it: a link (a plain navigation, not a
 * script) to Writ's start, which sends the browser to the organisation's identity provider and
 * back. A refusal comes back in the address's fragment and is shown here, once.
 */
import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { ssoRefusalOf } from './sign-in-messages.ts';

interface SignInOptions {
  singleSignOn: boolean;
  passkeys: boolean;
}

export function SingleSignOn() {
  const [offered, setOffered] = useState(false);
  const [refusal] = useState(() => ssoRefusalOf(window.location.hash));

  useEffect(() => {
    if (refusal) window.history.replaceState(window.history.state, '', window.location.pathname);
    api<SignInOptions>('/api/v1/session/options', { expectUnauthenticated: true }).then(
      (o) => setOffered(o.singleSignOn),
      () => setOffered(false),
    );
  }, [refusal]);

  return (
    <>
      {refusal && (
        <div className="alert alert-danger" role="alert">
          <p>{refusal}</p>
        </div>
      )}
      {offered && (
        <section className="sign-in-sso" aria-labelledby="sso-heading">
          <h2 id="sso-heading">Legal team</h2>
          <p>Sign in with your organisation’s account.</p>
          <a className="button button-primary" href="/api/v1/session/sso">
            Sign in with single sign-on
          </a>
        </section>
      )}
    </>
  );
}
