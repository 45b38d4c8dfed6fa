/** `writ token create`: make a principal and print its API token (shown once). */
import type { Command } from 'commander';
import { invalid } from '../../domain/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/principal.ts';
import { createPrincipal, issueToken } from '../../store/principal-repository.ts';
import { withRuntime } from '../with-runtime.ts';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create a principal and print a new API token for it')
    .requiredOption('--name <name>')
    .requiredOption('--email <email>')
    .option('--roles <roles>', `staff roles, comma-separated: ${STAFF_ROLES.join(', ')}`)
    .option('--agency <id>', 'make an officer of this agency')
    .option('--customer <id>', 'make an admin of this customer tenant')
    .action(async (o: { name: string; email: string; roles?: string; agency?: string; customer?: string }) => {
      const roles = (o.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
      const bad = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
      if (bad.length) throw invalid([{ pointer: '--roles', detail: `unknown role(s): ${bad.join(', ')}` }]);
      const kinds = [roles.length > 0, !!o.agency, !!o.customer].filter(Boolean).length;
      if (kinds !== 1) throw invalid([{ pointer: '--roles/--agency/--customer', detail: 'give exactly one of them' }]);
      await withRuntime(async (rt) => {
        const id = await createPrincipal(rt.db, {
          kind: o.agency ? 'officer' : o.customer ? 'customer_admin' : 'staff',
          name: o.name,
          email: o.email,
          roles: roles as StaffRole[],
          ...(o.agency ? { agencyId: o.agency } : {}),
          ...(o.customer ? { customerId: o.customer } : {}),
        });
        console.log(await issueToken(rt.db, id, 'cli'));
      });
    });
}
