/**
 * Bringing Writ up and down: configuration, the database (embedded unless DATABASE_URL says
 * otherwise), migrations, the workflow context. Shared by the server and every CLI command.
 */
import path from 'node:path';
import type { Config } from './config/env.ts';
import { migrate, openDatabase, type Db } from './store/database.ts';
import { fileDocumentStore } from './store/document-store.ts';
import { loadStorageKey } from './config/storage-key.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './store/embedded-postgres.ts';
import type { WorkflowContext } from './workflow/context.ts';
import { decideWithPolicy } from './workflow/decide-with-policy.ts';

export interface Runtime {
  config: Config;
  db: Db;
  /** The connection string of the database in use. */
  url: string;
  ctx: WorkflowContext;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /**
   * The caller handles SIGINT/SIGTERM and closes the runtime itself (writ serve): the embedded
   * server is then stopped by that shutdown, after the work under way, not by a handler of its own.
   */
  ownShutdown?: boolean;
  /**
   * When another live Writ process runs the embedded server of this data folder: connect to it and
   * leave it running (`attach`, the default: the CLI beside a serving `writ serve`), or refuse
   * (`refuse`: a second `writ serve`). See EmbeddedOptions.
   */
  whenRunning?: 'attach' | 'refuse';
}

export async function startRuntime(
  config: Config,
  log: (msg: string) => void = () => {},
  options: RuntimeOptions = {},
): Promise<Runtime> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, log, {
      ownShutdown: options.ownShutdown === true,
      whenRunning: options.whenRunning,
    });
    url = embedded.url;
    log(
      embedded.attachedTo
        ? `using the embedded PostgreSQL of Writ process ${embedded.attachedTo} in ${path.join(config.dataDir, 'pg')}`
        : `embedded PostgreSQL running in ${path.join(config.dataDir, 'pg')}`,
    );
  }
  const db = openDatabase(url);
  try {
    const applied = await migrate(db);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  } catch (e) {
    await db.destroy();
    await embedded?.stop();
    throw e;
  }
  const ctx: WorkflowContext = {
    db,
    now: () => new Date(),
    documents: fileDocumentStore(
      path.join(config.dataDir, 'documents'),
      await loadStorageKey(process.env, config.dataDir),
    ),
    decide: decideWithPolicy(),
    maxDocumentBytes: config.maxDocumentBytes,
    reminders: {
      deadlineLeadHours: config.notify.reminderLeadHours,
      preservationDays: config.notify.preservationReminderDays,
    },
  };
  return {
    config,
    db,
    url,
    ctx,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
