/**
 * The `writ` command line: the same use cases as the HTTP API, another edge.
 */
import { Command } from 'commander';
import { registerDemandCommands } from './commands/demand.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { registerTokenCommand } from './commands/token.ts';
import { registerUserCommand } from './commands/user.ts';
import { ConfigError } from '../config/env.ts';
import { DomainError } from '../domain/errors.ts';
import { PolicyInputError } from '../policy/index.ts';

const program = new Command('writ')
  .description('Writ: handle government demands for customer data the way the customer would want')
  .showHelpAfterError();

registerServeCommand(program);
registerDemoCommand(program);
registerDemandCommands(program);
registerEvaluateCommand(program);
registerTokenCommand(program);
registerUserCommand(program);
(await import('./commands/ledger.ts')).registerLedgerCommands(program);
(await import('./commands/report.ts')).registerReportCommand(program);
(await import('./commands/worker.ts')).registerWorkerCommand(program);
(await import('./commands/backup.ts')).registerBackupCommands(program);
(await import('./commands/witness.ts')).registerWitnessCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(78); // EX_CONFIG
  }
  if (e instanceof PolicyInputError) {
    console.error(`error: ${e.message}`);
    process.exit(65); // EX_DATAERR, as for any other invalid input
  }
  if (e instanceof DomainError) {
    console.error(`error: ${e.message}`);
    for (const f of e.fields) console.error(`  ${f.pointer}: ${f.detail}`);
    process.exit(65); // EX_DATAERR
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
