/**
 * CPU time spent by processes of this machine, for per-request and per-notice figures (Linux
 * /proc; 0 elsewhere): a process by pid, and the PostgreSQL backends serving a database. The
 * difference of two snapshots is the CPU spent between them; a backend that started in between
 * counts from zero. The threads of this process one by one, for work done off the main thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../src/store/database.ts';

/** The fields of a /proc `stat` file after the command name (field 3, the state, is [0]), or null. */
function statFields(path: string): string[] | null {
  try {
    const text = readFileSync(path, 'utf8');
    return text.slice(text.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return null; // not on this machine, or gone
  }
}

/** CPU milliseconds (user + system) in a /proc `stat` file, or null when it cannot be read. */
function statCpuMs(path: string): number | null {
  const fields = statFields(path);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : null; // clock ticks of 10 ms
}

/**
 * CPU milliseconds so far of a PostgreSQL server as a whole: the postmaster with the children it
 * has reaped (parallel workers and backends that ended count there once they exit) and its live
 * children. Parallel query workers live only for one query, so the backends of one database
 * (backendCpuMs) would miss them.
 */
export function serverCpuMs(postmasterPid: number): number {
  const pm = statFields(`/proc/${postmasterPid}/stat`);
  if (!pm) return 0;
  let ms = (Number(pm[11]) + Number(pm[12]) + Number(pm[13]) + Number(pm[14])) * 10;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ms;
  }
  for (const pid of pids) {
    const f = statFields(`/proc/${pid}/stat`);
    if (f && Number(f[1]) === postmasterPid) ms += (Number(f[11]) + Number(f[12])) * 10;
  }
  return ms;
}

/** The postmaster serving `db`: the parent of this connection's backend. */
export async function postmasterPidOf(db: Db): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return Number(statFields(`/proc/${rows[0]!.pid}/stat`)?.[1] ?? 0);
}

/** CPU milliseconds `pid` has used so far (user + system), or 0 when it cannot be read. */
export function processCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`) ?? 0;
}

/**
 * CPU milliseconds so far of each thread of this process, by thread id (the main thread's is the
 * pid): from the scheduler's nanosecond count where the kernel keeps one, else from clock ticks.
 * Empty where /proc is not there.
 */
export function threadCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    let ms: number | null;
    try {
      ms = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      ms = statCpuMs(`/proc/self/task/${tid}/stat`);
    }
    if (ms !== null) out.set(Number(tid), ms); // null: the thread ended meanwhile
  }
  return out;
}

/** CPU milliseconds so far of each backend serving `db`'s database, by pid. */
export async function backendCpuMs(db: Db): Promise<Map<number, number>> {
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  return new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)]));
}

/** CPU milliseconds spent between two snapshots of the same backends. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
