/** Run a CLI command against Writ's database (embedded or DATABASE_URL), closing it afterwards. */
import { loadConfig } from '../config/env.ts';
import { startRuntime, type Runtime } from '../runtime.ts';

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await startRuntime(loadConfig());
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
