/**
 * `writ worker`: a process that only delivers (customer notices, redirect letters, reminders,
 * alerts, timers), beside one or more `writ serve` processes on the same PostgreSQL. Run as many
 * as needed: each job is taken by exactly one of them.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config/env.ts';
import { startNotifier } from '../../notify/start-notifier.ts';
import { startRuntime } from '../../runtime.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('deliver notices, letters, reminders and alerts from the outbox, without the HTTP API (needs DATABASE_URL)')
    .action(async () => {
      const config = loadConfig();
      // The embedded database belongs to the `writ serve` that started it; a second process must
      // not start (or stop) another on the same folder.
      if (!config.databaseUrl) throw new ConfigError(['writ worker shares a database with the server: set DATABASE_URL (the embedded database runs inside writ serve, whose worker is already on)']);
      const logger = pino({ level: config.logLevel, base: { process: 'worker' } });
      const rt = await startRuntime(config);
      const notifier = startNotifier({ ctx: rt.ctx, config: config.notify, log: logger });
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        logger.info({ signal }, 'shutting down: jobs under way finish first');
        await notifier.stop();
        await rt.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      console.log(`[writ] worker ${notifier.worker.id} running`);
    });
}
