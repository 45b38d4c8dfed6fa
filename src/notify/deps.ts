/** What every delivery handler is given: the workflow, the configuration and the ports out. */
import type { NotifyConfig } from '../config/env.ts';
import type { WorkflowContext } from '../workflow/context.ts';
import type { Mailer } from './mailer.ts';
import type { WorkerLog } from './outbox-worker.ts';
import type { MessageTemplates } from './templates.ts';
import type { WebhookSender } from './webhook-sender.ts';

export interface NotifyDeps {
  ctx: WorkflowContext;
  config: NotifyConfig;
  mailer: Mailer;
  webhooks: WebhookSender;
  templates: MessageTemplates;
  log: WorkerLog;
  /** Wall-clock seconds for webhook-timestamp (transport freshness, not the workflow's clock). */
  wallClockSeconds?: () => number;
}
