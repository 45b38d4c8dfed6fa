/**
 * `writ user enroll`: a person who signs in to the web application with a password and a TOTP
 * code. The password is read from standard input (never from the command line, where other users
 * of the machine could see it); the TOTP secret is printed once, for the authenticator app.
 */
import type { Command } from 'commander';
import { SYSTEM } from '../../domain/events.ts';
import { enrollPrincipal } from '../../workflow/enroll-principal.ts';
import { principalFromOptions, withPrincipalOptions, type PrincipalOptions } from '../principal-options.ts';
import { withRuntime } from '../with-runtime.ts';

async function readPassword(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s.replace(/\r?\n$/, '');
}

export function registerUserCommand(program: Command): void {
  const enroll = program
    .command('user')
    .description('people who sign in to the web application')
    .command('enroll')
    .description('enrol a person with a password (read from standard input) and a TOTP second factor');
  withPrincipalOptions(enroll, 'an officer of this agency (its e-mail must be on a verified agency domain)').action(
    async (o: PrincipalOptions) => {
      const principal = principalFromOptions(o);
      const password = await readPassword();
      await withRuntime(async (rt) => {
        const e = await enrollPrincipal(rt.ctx, { principal, password, actor: SYSTEM });
        console.log(`enrolled ${o.email} (${e.principalId})\nTOTP secret: ${e.totpSecret}\n${e.otpauthUri}`);
      });
    },
  );
}
