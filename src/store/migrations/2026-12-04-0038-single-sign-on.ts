/**
 * Single sign-on for staff (OpenID Connect): a staff member is tied to the provider's subject
 * (issuer and `sub`, never the e-mail alone), and each sign-in attempt is a row kept until its
 * callback, holding the hashes of its state and of the browser's binding cookie, its nonce and its
 * PKCE verifier. The callback deletes the row as it reads it: a state works once.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table principals add column oidc_issuer text;
    alter table principals add column oidc_subject text;
    alter table principals add constraint principals_oidc_pair check ((oidc_issuer is null) = (oidc_subject is null));
    create unique index principals_oidc on principals (oidc_issuer, oidc_subject) where oidc_subject is not null;
    create table sso_attempts (
      state_hash text primary key,
      browser_hash text not null,
      nonce text not null,
      code_verifier text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sso_attempts_expiry on sso_attempts (expires_at);
  `.execute(db);
}
