/**
 * Start a worker thread on a TypeScript module. A process started with `--import tsx` does not
 * pass the loader on to its workers (Node 20), nor does one that registered tsx from code
 * (bin/writ.js); so the worker registers it itself when its entry cannot be loaded as it is.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOT = `
import { workerData } from 'node:worker_threads';
try {
  await import(workerData.entry);
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !workerData.tsx) throw e;
  (await import(workerData.tsx)).register();
  // A new URL: the failed load of the first one stays cached.
  await import(workerData.entry + '?tsx');
}`;

function tsxApi(): string | null {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return null;
  }
}

/** A worker running `entry` (a module URL); `data` reaches it as `workerData.data`. */
export function startTsWorker(entry: URL, data?: unknown, resourceLimits?: ResourceLimits): Worker {
  const boot = new URL(`data:text/javascript,${encodeURIComponent(BOOT)}`);
  return new Worker(boot, { workerData: { entry: entry.href, tsx: tsxApi(), data }, resourceLimits });
}
