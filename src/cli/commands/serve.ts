/** `writ serve`: the HTTP server, with the embedded database unless DATABASE_URL is set. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { buildApp } from '../../http/app.ts';
import { startRuntime } from '../../runtime.ts';
import type { startNotifier } from '../../notify/start-notifier.ts';
import { startDelivery, type LocalMailbox } from '../../notify/local-mailbox.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { loadLedgerSigning } from '../../config/ledger-key.ts';
import { witnessFromConfig, witnessPolicyFromConfig } from '../../config/witness-config.ts';
import { startLedgerWorker } from '../../workflow/ledger-worker.ts';
import { closeOnSignal } from '../close-on-signal.ts';
import { type MailboxPoller, startMailboxPoller } from '../../intake-mail/mailbox-poller.ts';
import { type MailListener, startMailListener } from '../../intake-mail/smtp-listener.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API (and the embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--demo', 'load the demo data set when the database holds no demand yet')
    .option(
      '--no-worker',
      'no background work in this process: no deliveries from the outbox, no ledger sequencing (run `writ worker` elsewhere)',
    )
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      const log = (m: string) => console.log(`[writ] ${m}`);
      const rt = await startRuntime(config, config.logLevel === 'debug' ? log : () => {}, {
        ownShutdown: true,
        // One process runs the embedded server and serves from it; several share an external one.
        whenRunning: 'refuse',
      });
      // From here on this process stops the embedded database itself (ownShutdown), whatever stage
      // it has reached: a signal while the demo loads closes what is open so far.
      let app: Awaited<ReturnType<typeof buildApp>> | undefined;
      let notifier: ReturnType<typeof startNotifier> | null = null;
      let ledgerWorker: ReturnType<typeof startLedgerWorker> | null = null;
      let mailbox: LocalMailbox | null = null;
      let mailListener: MailListener | null = null;
      let mailPoller: MailboxPoller | null = null;
      closeOnSignal(
        (signal) => log(`${signal}: shutting down`),
        async () => {
          await mailListener?.close();
          await mailPoller?.close();
          await app?.close();
          await notifier?.stop();
          await mailbox?.close();
          await ledgerWorker?.stop();
          await rt.close();
        },
      );
      const ledger = await loadLedgerSigning(config, { createDemoKey: true, log });
      if (opts.demo || config.demo) {
        const loaded = await loadDemoIfEmpty(rt.ctx, {
          seed: config.demoSeed,
          dataDir: config.dataDir,
          signer: ledger.signer,
        });
        if (loaded)
          log(
            `demo data loaded: ${loaded.demands} demands, ${loaded.customers} customers, ${loaded.agencies} agencies; sign-in details (passwords, TOTP secrets, API tokens) in ${loaded.tokensFile}`,
          );
      }
      app = await buildApp({
        ctx: rt.ctx,
        logLevel: config.logLevel,
        ledger,
        templateDir: config.notify.templateDir,
        intakePerMinute: config.intakePerMinute,
        webhooks: { allowPrivate: config.notify.webhookAllowPrivate, timeoutMs: config.notify.webhookTimeoutMs },
        sso: config.sso,
        passkeys: config.passkeys,
        trustProxy: config.trustProxy,
        witness: witnessFromConfig(config.ledger.witnessing),
        witnessQuorum: config.ledger.witnessing.quorum,
        witnesses: config.ledger.witnessing.witnesses,
      });
      const background = (opts as { worker?: boolean }).worker !== false;
      // Delivers notices, letters, reminders and timers from the outbox; overdue timers run at once.
      // In demo mode without a relay, mail goes to a local mailbox Writ runs itself (loopback SMTP):
      // nothing waits in the outbox for a relay nobody configured.
      if (background) {
        ({ notifier, mailbox } = await startDelivery({
          ctx: rt.ctx,
          config: config.notify,
          demo: !!(opts.demo || config.demo),
          log: app.log,
        }));
        if (mailbox) log(`demo mail goes to the local mailbox at ${mailbox.smtpUrl} (GET /api/v1/outbound-mail)`);
      }
      // Sequences new events into the ledger every second and signs a checkpoint every minute.
      ledgerWorker = background
        ? startLedgerWorker(rt.db, ledger, {
            checkpointEveryMs: config.ledger.checkpointEveryMs,
            witnesses: witnessPolicyFromConfig(config.ledger.witnessing),
            log: config.logLevel === 'debug' ? log : () => {},
            warn: (m) => console.error(`[writ] ${m}`),
          })
        : null;
      await app.listen({ port: config.port, host: config.host });
      // Demands by e-mail: the SMTP listener and the polled mailbox, each only when configured.
      const mi = config.mailIntake;
      if (mi.smtpPort !== null) {
        mailListener = await startMailListener({
          ctx: rt.ctx,
          port: mi.smtpPort,
          host: mi.smtpHost,
          maxMessageBytes: mi.maxMessageBytes,
          log: app.log,
        });
        log(`mail intake: SMTP listener on ${mi.smtpHost}:${mailListener.port}`);
      }
      if (mi.imapUrl) {
        mailPoller = startMailboxPoller({ ctx: rt.ctx, url: mi.imapUrl, log: app.log });
        log(`mail intake: polling ${new URL(mi.imapUrl).host}`);
      }
      log(
        `listening on http://${config.host}:${config.port} (API docs at /docs, database: ${rt.embedded ? 'embedded' : 'external'})`,
      );
    });
}
