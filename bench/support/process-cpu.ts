/**
 * CPU time spent by processes of this machine, for per-request and per-notice figures (Linux
 * /proc; 0 elsewhere): a process by pid, and the PostgreSQL backends serving a database. The
 * difference of two snapshots is the CPU spent between them; a backend that started in between
 * counts from zero.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../src/store/database.ts';

/** CPU milliseconds `pid` has used so far (user + system), or 0 when it cannot be read. */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return 0; // not on this machine, or gone
  }
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
