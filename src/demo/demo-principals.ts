/** The demo's people: one of each staff role (two approvers), officers, customer admins. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaffRole } from '../domain/principal.ts';
import type { Db } from '../store/database.ts';
import { createPrincipal, issueToken } from '../store/principal-repository.ts';

export interface DemoPrincipals {
  staff: Record<string, string>;
  tokensFile: string;
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

/** Create the demo principals and write their tokens (mode 0600) to `dataDir/demo-tokens.json`. */
export async function createDemoPrincipals(db: Db, dataDir: string, officers: { agencyId: string; name: string; email: string }[], admins: { customerId: string; name: string; email: string }[]): Promise<DemoPrincipals> {
  const tokens: Record<string, { name: string; kind: string; token: string }> = {};
  const staff: Record<string, string> = {};
  for (const s of STAFF) {
    const id = await createPrincipal(db, { kind: 'staff', name: s.name, email: `${s.key}@provider.example`, roles: s.roles });
    staff[s.key] = id;
    tokens[s.key] = { name: s.name, kind: `staff (${s.roles.join(', ')})`, token: await issueToken(db, id, 'demo') };
  }
  for (const [i, o] of officers.entries()) {
    const id = await createPrincipal(db, { kind: 'officer', name: o.name, email: o.email, agencyId: o.agencyId });
    tokens[`officer${i + 1}`] = { name: o.name, kind: 'agency officer', token: await issueToken(db, id, 'demo') };
  }
  for (const [i, a] of admins.entries()) {
    const id = await createPrincipal(db, { kind: 'customer_admin', name: a.name, email: a.email, customerId: a.customerId });
    tokens[`customer${i + 1}`] = { name: a.name, kind: 'customer admin', token: await issueToken(db, id, 'demo') };
  }
  const tokensFile = path.join(dataDir, 'demo-tokens.json');
  await writeFile(tokensFile, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
  return { staff, tokensFile };
}
