/** `writ token create`: make a principal and print its API token (shown once). */
import type { Command } from 'commander';
import { createPrincipal, issueToken } from '../../store/principal-repository.ts';
import { principalFromOptions, withPrincipalOptions, type PrincipalOptions } from '../principal-options.ts';
import { withRuntime } from '../with-runtime.ts';

export function registerTokenCommand(program: Command): void {
  const create = program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create a principal and print a new API token for it');
  withPrincipalOptions(create, 'make an officer of this agency').action(async (o: PrincipalOptions) => {
    const principal = principalFromOptions(o);
    await withRuntime(async (rt) => {
      console.log(await issueToken(rt.db, await createPrincipal(rt.db, principal), 'cli'));
    });
  });
}
