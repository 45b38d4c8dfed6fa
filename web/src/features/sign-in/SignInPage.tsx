/**
 * The sign-in page: e-mail, password and authenticator code first; an API token behind a
 * disclosure. Whoever signs in, the API says who it is and so which portal opens.
 */
import type { Me } from '../../lib/api-types.ts';
import { useLocation, useNavigate } from 'react-router';
import { homeOf, useSession } from '../../lib/session.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Notice } from '../../components/Status.tsx';
import { PasswordSignIn } from './PasswordSignIn.tsx';
import { SingleSignOn } from './SingleSignOn.tsx';
import { TokenSignIn } from './TokenSignIn.tsx';

export function SignInPage() {
  const { ended } = useSession();
  const { pathname: path } = useLocation();
  const navigate = useNavigate();

  // A shared link into the right portal opens where it points; anything else opens the portal's home.
  const onSignedIn = (me: Me) => {
    const home = homeOf(me);
    if (path !== home && !path.startsWith(`${home}/`)) void navigate(home, { replace: true });
  };

  return (
    <main id="main" className="sign-in">
      <div className="card sign-in-card">
        <p className="brand brand-large">Writ</p>
        <PageHeading title="Sign in" />
        {ended && (
          <Notice tone="info">
            You were signed out: your session ended or your credential is no longer valid. Sign in again to carry on.
          </Notice>
        )}
        <p>
          For the legal team, agency officers and customer administrators: your e-mail address, your password and the
          code your authenticator app shows.
        </p>
        <SingleSignOn />
        <PasswordSignIn onSignedIn={onSignedIn} />
        <TokenSignIn onSignedIn={onSignedIn} />
      </div>
    </main>
  );
}
