/** The options that name who a new principal is (`--roles`, `--agency` or `--customer`), checked once. */
import type { Command } from 'commander';
import { invalid } from '../domain/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../domain/principal.ts';
import type { NewPrincipal } from '../store/principal-repository.ts';

export interface PrincipalOptions {
  name: string;
  email: string;
  roles?: string;
  agency?: string;
  customer?: string;
}

export function withPrincipalOptions(cmd: Command, agencyHelp: string): Command {
  return cmd
    .requiredOption('--name <name>')
    .requiredOption('--email <email>')
    .option('--roles <roles>', `staff roles, comma-separated: ${STAFF_ROLES.join(', ')}`)
    .option('--agency <id>', agencyHelp)
    .option('--customer <id>', 'an admin of this customer tenant');
}

/** The principal the options describe; exactly one of roles, agency or customer. */
export function principalFromOptions(o: PrincipalOptions): NewPrincipal {
  const roles = (o.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (bad.length) throw invalid([{ pointer: '--roles', detail: `unknown role(s): ${bad.join(', ')}` }]);
  if ([roles.length > 0, !!o.agency, !!o.customer].filter(Boolean).length !== 1)
    throw invalid([{ pointer: '--roles/--agency/--customer', detail: 'give exactly one of them' }]);
  return {
    kind: o.agency ? 'officer' : o.customer ? 'customer_admin' : 'staff',
    name: o.name,
    email: o.email,
    roles: roles as StaffRole[],
    ...(o.agency ? { agencyId: o.agency } : {}),
    ...(o.customer ? { customerId: o.customer } : {}),
  };
}
