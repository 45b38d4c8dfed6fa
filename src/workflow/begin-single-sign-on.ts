/**
 * The first leg of single sign-on: a fresh state, nonce and PKCE verifier, kept by Writ (the state
 * and the browser's binding as hashes) for ten minutes, and the provider's authorization URL to
 * send the browser to. The binding goes to the browser as a cookie: only the browser that started
 * an attempt can finish it (no one can push their own sign-in into someone else's browser).
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { type OidcClient, SsoUnavailable } from '../sso/oidc-client.ts';
import { saveSsoAttempt } from '../store/sso-repository.ts';
import type { WorkflowContext } from './context.ts';

export const SSO_ATTEMPT_MINUTES = 10;

export interface SsoStarted {
  authorizationUrl: URL;
  /** The browser binding, for the cookie; kept by Writ only as a hash. */
  browser: string;
  expiresAt: Date;
}

export async function beginSingleSignOn(ctx: WorkflowContext, client: OidcClient): Promise<SsoStarted> {
  const now = ctx.now();
  const secrets = client.newSecrets();
  let authorizationUrl: URL;
  try {
    authorizationUrl = await client.authorizationUrl(secrets);
  } catch (e) {
    if (e instanceof SsoUnavailable)
      throw new DomainError(
        'unavailable',
        'Single sign-on is not available now: the identity provider cannot be reached',
      );
    throw e;
  }
  const browser = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SSO_ATTEMPT_MINUTES * 60_000);
  await saveSsoAttempt(ctx.db, secrets, browser, now, expiresAt);
  return { authorizationUrl, browser, expiresAt };
}
