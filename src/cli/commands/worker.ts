/**
 * `writ worker`: a process that does Writ's background work without the HTTP API: it delivers
 * (customer notices, redirect letters, reminders, alerts, timers) and sequences events into the
 * ledger, signing checkpoints, beside one or more `writ serve` processes on the same PostgreSQL
 * (`serve --no-worker` leaves all of that to workers). Run as many as needed: each job is taken
 * by exactly one of them, and the ledger's locks make sequencers take turns.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config/env.ts';
import { startNotifier } from '../../notify/start-notifier.ts';
import { startRuntime } from '../../runtime.ts';
import { loadLedgerSigning } from '../../config/ledger-key.ts';
import { startLedgerWorker } from '../../workflow/ledger-worker.ts';
import { witnessPolicyFromConfig } from '../../config/witness-config.ts';
import { closeOnSignal } from '../close-on-signal.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'deliver notices, letters, reminders and alerts from the outbox and sequence the ledger, without the HTTP API (needs DATABASE_URL)',
    )
    .action(async () => {
      const config = loadConfig();
      // The embedded database belongs to the `writ serve` that started it; a second process must
      // not start (or stop) another on the same folder.
      if (!config.databaseUrl)
        throw new ConfigError([
          'writ worker shares a database with the server: set DATABASE_URL (the embedded database runs inside writ serve, whose worker is already on)',
        ]);
      const logger = pino({ level: config.logLevel, base: { process: 'worker' } });
      const rt = await startRuntime(config);
      const notifier = startNotifier({ ctx: rt.ctx, config: config.notify, log: logger });
      // The signing key is the servers' (WRIT_LEDGER_KEY, WRIT_LEDGER_KEY_FILE, or the demo key in the
      // shared data folder); a worker never makes one up, and without one it leaves the ledger alone.
      const ledger = await loadLedgerSigning(config, { createDemoKey: false });
      if (!ledger) logger.warn('no ledger signing key configured: this worker does not sequence the ledger');
      const ledgerWorker = ledger
        ? startLedgerWorker(rt.db, ledger, {
            checkpointEveryMs: config.ledger.checkpointEveryMs,
            warn: (m) => logger.error(m),
            witnesses: witnessPolicyFromConfig(config.ledger.witnessing),
          })
        : null;
      closeOnSignal(
        (signal) => logger.info({ signal }, 'shutting down: jobs under way finish first'),
        async () => {
          await notifier.stop();
          await ledgerWorker?.stop();
          await rt.close();
        },
      );
      console.log(`[writ] worker ${notifier.worker.id} running`);
    });
}
