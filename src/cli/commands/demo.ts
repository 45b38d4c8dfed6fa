/** `writ demo`: load the demo data set into an empty database. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { withRuntime } from '../with-runtime.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load the demo data set (only into a database that holds no demand yet)')
    .option('--seed <n>', 'seed of the generator (same seed, same data)')
    .action(async (opts: { seed?: string }) => {
      const config = loadConfig();
      await withRuntime(async (rt) => {
        const loaded = await loadDemoIfEmpty(rt.ctx, {
          seed: opts.seed ? Number(opts.seed) : config.demoSeed,
          dataDir: config.dataDir,
        });
        console.log(
          loaded
            ? `loaded ${loaded.demands} demands, ${loaded.customers} customers, ${loaded.agencies} agencies; sign-in details (passwords, TOTP secrets, API tokens) in ${loaded.tokensFile}`
            : 'the database already holds demands: nothing loaded',
        );
      });
    });
}
