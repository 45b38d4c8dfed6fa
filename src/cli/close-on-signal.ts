/**
 * The graceful stop of a long-running command (`writ serve`, `writ worker`): on SIGINT or SIGTERM,
 * once, say so, let `close` finish the work under way and release what the process holds, then
 * exit 0. A second signal while closing changes nothing.
 */
export function closeOnSignal(announce: (signal: NodeJS.Signals) => void, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    announce(signal);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
