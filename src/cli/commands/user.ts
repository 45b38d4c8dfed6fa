/**
 * `writ user enroll`: a person who signs in to the web application with a password and a TOTP
 * code. The password is read from standard input (never from the command line, where other users
 * of the machine could see it); the TOTP secret is printed once, for the authenticator app.
 */
import type { Command } from 'commander';
import { invalid } from '../../domain/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/principal.ts';
import { SYSTEM } from '../../domain/events.ts';
import { enrollPrincipal } from '../../workflow/enroll-principal.ts';
import { withRuntime } from '../with-runtime.ts';

async function readPassword(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s.replace(/\r?\n$/, '');
}

export function registerUserCommand(program: Command): void {
  program
    .command('user')
    .description('people who sign in to the web application')
    .command('enroll')
    .description('enrol a person with a password (read from standard input) and a TOTP second factor')
    .requiredOption('--name <name>')
    .requiredOption('--email <email>')
    .option('--roles <roles>', `staff roles, comma-separated: ${STAFF_ROLES.join(', ')}`)
    .option('--agency <id>', 'an officer of this agency (its e-mail must be on a verified agency domain)')
    .option('--customer <id>', 'an admin of this customer tenant')
    .action(async (o: { name: string; email: string; roles?: string; agency?: string; customer?: string }) => {
      const roles = (o.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
      const bad = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
      if (bad.length) throw invalid([{ pointer: '--roles', detail: `unknown role(s): ${bad.join(', ')}` }]);
      if ([roles.length > 0, !!o.agency, !!o.customer].filter(Boolean).length !== 1) throw invalid([{ pointer: '--roles/--agency/--customer', detail: 'give exactly one of them' }]);
      const password = await readPassword();
      await withRuntime(async (rt) => {
        const e = await enrollPrincipal(rt.ctx, {
          principal: {
            kind: o.agency ? 'officer' : o.customer ? 'customer_admin' : 'staff',
            name: o.name,
            email: o.email,
            roles: roles as StaffRole[],
            ...(o.agency ? { agencyId: o.agency } : {}),
            ...(o.customer ? { customerId: o.customer } : {}),
          },
          password,
          actor: SYSTEM,
        });
        console.log(`enrolled ${o.email} (${e.principalId})\nTOTP secret: ${e.totpSecret}\n${e.otpauthUri}`);
      });
    });
}
