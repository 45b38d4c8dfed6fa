/**
 * The demo's people: one of each staff role (two approvers), officers, customer admins. Each is
 * enrolled as a real user would be (enroll-principal.ts: argon2id password, TOTP secret) and also
 * gets an API token, so the web application can be tried either way.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaffRole } from '../domain/principal.ts';
import { base32Encode } from '../domain/totp.ts';
import type { NewPrincipal } from '../store/principal-repository.ts';
import { issueToken } from '../store/principal-repository.ts';
import type { WorkflowContext } from '../workflow/context.ts';
import { enrollPrincipal } from '../workflow/enroll-principal.ts';

export interface DemoPrincipals {
  staff: Record<string, string>;
  tokensFile: string;
}

/** One demo person as `demo-tokens.json` lists them: how to sign in by token or by password + code. */
export interface DemoPerson {
  name: string;
  kind: string;
  email: string;
  token: string;
  password: string;
  /** Base32, for an authenticator app (or `totpAt` in src/domain/totp.ts). */
  totpSecret: string;
  otpauthUri: string;
}

const STAFF: { key: string; name: string; roles: StaffRole[] }[] = [
  { key: 'intake', name: 'Ines Intake', roles: ['intake'] },
  { key: 'reviewer', name: 'Ravi Reviewer', roles: ['reviewer'] },
  { key: 'reviewer2', name: 'Rosa Reviewer', roles: ['reviewer'] },
  { key: 'approver', name: 'Abe Approver', roles: ['approver'] },
  { key: 'approver2', name: 'Amira Approver', roles: ['approver'] },
  { key: 'admin', name: 'Ada Administrator', roles: ['administrator'] },
  { key: 'auditor', name: 'Otto Auditor', roles: ['auditor'] },
];

/**
 * A fresh random password for each demo person at each demo load (80 bits, "abcd-efgh-ijkl-mnop"),
 * written only to the demo file: no password is fixed in the code.
 */
function demoPassword(): string {
  return base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join('-');
}

/** Create the demo principals and write their credentials (mode 0600) to `dataDir/demo-tokens.json`. */
export async function createDemoPrincipals(
  ctx: WorkflowContext,
  dataDir: string,
  officers: { agencyId: string; name: string; email: string }[],
  admins: { customerId: string; name: string; email: string }[],
): Promise<DemoPrincipals> {
  const people: Record<string, DemoPerson> = {};
  const staff: Record<string, string> = {};
  // One at a time: the principals and their events are written in the same order at every load.
  const enrol = async (key: string, kind: string, principal: NewPrincipal) => {
    const password = demoPassword();
    const e = await enrollPrincipal(ctx, { principal, password });
    people[key] = {
      name: principal.name,
      kind,
      email: principal.email,
      token: await issueToken(ctx.db, e.principalId, 'demo'),
      password,
      totpSecret: e.totpSecret,
      otpauthUri: e.otpauthUri,
    };
    return e.principalId;
  };
  for (const s of STAFF) {
    staff[s.key] = await enrol(s.key, `staff (${s.roles.join(', ')})`, {
      kind: 'staff',
      name: s.name,
      email: `${s.key}@provider.example`,
      roles: s.roles,
    });
  }
  for (const [i, o] of officers.entries())
    await enrol(`officer${i + 1}`, 'agency officer', {
      kind: 'officer',
      name: o.name,
      email: o.email,
      agencyId: o.agencyId,
    });
  for (const [i, a] of admins.entries())
    await enrol(`customer${i + 1}`, 'customer admin', {
      kind: 'customer_admin',
      name: a.name,
      email: a.email,
      customerId: a.customerId,
    });
  const tokensFile = path.join(dataDir, 'demo-tokens.json');
  await writeFile(tokensFile, JSON.stringify(people, null, 2) + '\n', { mode: 0o600 });
  return { staff, tokensFile };
}
