/**
 * Single sign-on's configuration: all of WRIT_OIDC_* or none, https only (http on loopback alone),
 * the callback path, and the role map; and how the roles claim becomes Writ roles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { claimValues, parseRoleMap, rolesFromClaims } from '../../src/domain/staff-role-claims.ts';

const FULL = {
  WRIT_OIDC_ISSUER: 'https://login.provider.example/realms/staff',
  WRIT_OIDC_CLIENT_ID: 'writ',
  WRIT_OIDC_CLIENT_SECRET: 's3cret-value',
  WRIT_OIDC_REDIRECT_URL: 'https://writ.provider.example/api/v1/session/sso/callback',
  WRIT_OIDC_ROLES_CLAIM: 'realm_access.roles',
  WRIT_OIDC_ROLE_MAP: 'legal=reviewer,legal=approver,legal-admin=administrator',
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

test('unset: single sign-on is off', () => {
  assert.equal(loadConfig({}).sso, null);
});

test('set in full: the provider, the client, the callback, the claim and the map', () => {
  const sso = loadConfig(FULL).sso!;
  assert.equal(sso.issuer.href, FULL.WRIT_OIDC_ISSUER);
  assert.equal(sso.clientId, 'writ');
  assert.equal(sso.scope, 'openid email profile');
  assert.equal(sso.rolesClaim, 'realm_access.roles');
  assert.deepEqual(sso.roleMap.get('legal'), ['reviewer', 'approver']);
});

test('every problem at once, and the secret is never echoed', () => {
  const p = problems({
    WRIT_OIDC_ISSUER: 'http://login.provider.example',
    WRIT_OIDC_CLIENT_SECRET: 'do-not-print-me',
    WRIT_OIDC_REDIRECT_URL: 'https://writ.provider.example/callback',
    WRIT_OIDC_ROLE_MAP: 'legal=judge,=reviewer',
  });
  const text = p.join('\n');
  assert.match(text, /WRIT_OIDC_ISSUER must be an https:\/\/ URL/);
  assert.match(text, /WRIT_OIDC_CLIENT_ID is required/);
  assert.match(text, /WRIT_OIDC_REDIRECT_URL must end in \/api\/v1\/session\/sso\/callback/);
  assert.match(text, /"judge" is not a Writ staff role/);
  assert.match(text, /"=reviewer" is not of the form/);
  assert.ok(!text.includes('do-not-print-me'));
  assert.deepEqual(problems({ WRIT_OIDC_CLIENT_ID: 'writ' }), ['WRIT_OIDC_CLIENT_ID set without WRIT_OIDC_ISSUER']);
});

test('plain http is accepted for a provider on loopback only', () => {
  const local = {
    ...FULL,
    WRIT_OIDC_ISSUER: 'http://127.0.0.1:9000',
    WRIT_OIDC_REDIRECT_URL: 'http://localhost:8080/api/v1/session/sso/callback',
  };
  assert.equal(loadConfig(local).sso?.issuer.href, 'http://127.0.0.1:9000/');
});

test('the roles claim: a list, a string, nested, or missing; values not mapped grant nothing', () => {
  const map = parseRoleMap('legal=reviewer,legal=approver,audit=auditor').map;
  assert.deepEqual(rolesFromClaims({ roles: ['audit', 'legal', 'sales'] }, 'roles', map), [
    'reviewer',
    'approver',
    'auditor',
  ]);
  assert.deepEqual(rolesFromClaims({ realm_access: { roles: ['audit'] } }, 'realm_access.roles', map), ['auditor']);
  assert.deepEqual(claimValues({ groups: 'legal audit,x' }, 'groups'), ['legal', 'audit', 'x']);
  assert.deepEqual(rolesFromClaims({}, 'roles', map), []);
  assert.deepEqual(rolesFromClaims({ roles: [1, { legal: true }] }, 'roles', map), []);
  // With no map, Writ's own role names grant themselves and nothing else.
  const identity = parseRoleMap('').map;
  assert.deepEqual(rolesFromClaims({ roles: ['administrator', 'admin', 'reviewer'] }, 'roles', identity), [
    'reviewer',
    'administrator',
  ]);
});
