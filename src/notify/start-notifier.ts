/**
 * Wiring: the mailer, the webhook sender, the templates, one handler per outbox job kind, and the
 * worker that runs them. `writ serve` and `writ worker` both start it; tests build it with their
 * own clock and configuration.
 */
import type { NotifyConfig } from '../config/env.ts';
import type { WorkflowContext } from '../workflow/context.ts';
import type { NotifyDeps } from './deps.ts';
import { agencyClarificationHandler } from './handlers/agency-clarification.ts';
import { agencyMessageHandler } from './handlers/agency-message.ts';
import { DocumentReader } from '../documents/read-document.ts';
import { mailAcknowledgeHandler, mailReadHandler } from './handlers/mail-intake.ts';
import { deadlineReminderHandler } from './handlers/deadline-reminder.ts';
import { emergencyFollowUpHandler } from './handlers/emergency-follow-up.ts';
import { noticeDeliverHandler } from './handlers/notice-deliver.ts';
import { noticeFollowUpHandler } from './handlers/notice-follow-up.ts';
import { noticeReleaseHandler } from './handlers/notice-release.ts';
import { preservationExpireHandler, preservationReminderHandler } from './handlers/preservation.ts';
import { redirectLetterHandler } from './handlers/redirect-letter.ts';
import { staffAlertHandler } from './handlers/staff-alert.ts';
import { webhookDisabledHandler } from './handlers/webhook-disabled.ts';
import { smtpMailer, unconfiguredMailer, type Mailer } from './mailer.ts';
import { OutboxWorker, type JobHandler, type WorkerLog } from './outbox-worker.ts';
import { raiseToStaff } from './raise-to-staff.ts';
import { loadTemplates } from './templates.ts';
import { webhookSender } from './webhook-sender.ts';

/** Kinds that send nothing themselves: they move a track on a date, or read what arrived. */
const TIMER_KINDS = new Set(['notice.release', 'preservation.expire', 'mail.read']);

/** Every job kind Writ's outbox holds, with its handler. */
export function notifyHandlers(
  deps: NotifyDeps,
  reader: () => DocumentReader = () => new DocumentReader(),
): Record<string, JobHandler> {
  return {
    'mail.read': mailReadHandler(deps, reader),
    'mail.acknowledge': mailAcknowledgeHandler(deps),
    'notice.deliver': noticeDeliverHandler(deps),
    'notice.release': noticeReleaseHandler(deps),
    'notice.follow_up': noticeFollowUpHandler(deps),
    'preservation.expire': preservationExpireHandler(deps),
    'preservation.reminder': preservationReminderHandler(deps),
    'redirect.letter': redirectLetterHandler(deps),
    'deadline.reminder': deadlineReminderHandler(deps),
    'emergency.follow_up': emergencyFollowUpHandler(deps),
    'staff.alert': staffAlertHandler(deps),
    'agency.message': agencyMessageHandler(deps),
    'agency.clarification': agencyClarificationHandler(deps),
    'webhook.disabled': webhookDisabledHandler(deps),
  };
}

export interface Notifier {
  worker: OutboxWorker;
  deps: NotifyDeps;
  /** Stop the worker (jobs under way finish) and close connections. */
  stop(): Promise<void>;
}

export interface NotifierOptions {
  ctx: WorkflowContext;
  config: NotifyConfig;
  log?: WorkerLog;
  /** Replace the SMTP mailer (tests of failure modes). */
  mailer?: Mailer;
  workerId?: string;
  /** Start polling now (default); false leaves the worker to `runUntilIdle`. */
  start?: boolean;
}

/** Build the worker and its handlers; throws at once when a template is missing or broken. */
export function startNotifier(o: NotifierOptions): Notifier {
  const log = o.log ?? { info() {}, warn() {}, error() {} };
  const templates = loadTemplates(o.config.templateDir);
  const mailer =
    o.mailer ??
    (o.config.smtpUrl
      ? smtpMailer(o.config.smtpUrl, o.config.mailFrom, Math.min(10, Math.max(1, Math.ceil(o.config.concurrency / 2))))
      : unconfiguredMailer());
  if (!o.mailer && !o.config.smtpUrl)
    log.warn(
      {},
      'WRIT_SMTP_URL is not set: notices, letters and alerts wait in the outbox until a relay is configured',
    );
  const webhooks = webhookSender({ allowPrivate: o.config.webhookAllowPrivate, timeoutMs: o.config.webhookTimeoutMs });
  const deps: NotifyDeps = { ctx: o.ctx, config: o.config, mailer, webhooks, templates, log };
  // One reader per worker, started on the first message to read (OCR's engine takes seconds).
  let reader: DocumentReader | null = null;
  const all = notifyHandlers(deps, () => {
    reader ??= new DocumentReader();
    return reader;
  });
  // Without a relay, jobs that send mail stay untouched in the outbox (no attempts burnt) until
  // one is configured; the timers still run.
  const handlers =
    o.mailer || o.config.smtpUrl
      ? all
      : Object.fromEntries(Object.entries(all).filter(([kind]) => TIMER_KINDS.has(kind)));
  const worker = new OutboxWorker({
    db: o.ctx.db,
    now: o.ctx.now,
    handlers,
    onGiveUp: raiseToStaff,
    leaseMs: o.config.leaseMs,
    pollMs: o.config.pollMs,
    concurrency: o.config.concurrency,
    maxAttempts: o.config.maxAttempts,
    backoff: { baseMs: o.config.backoffBaseMs, maxMs: o.config.backoffMaxMs },
    log,
    ...(o.workerId ? { workerId: o.workerId } : {}),
  });
  if (o.start !== false) worker.start();
  return {
    worker,
    deps,
    async stop() {
      await worker.stop();
      await reader?.close();
      mailer.close();
      webhooks.close();
    },
  };
}
