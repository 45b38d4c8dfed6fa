/**
 * When to try again: exponential backoff with "equal jitter" (half the delay fixed, half random),
 * so that many jobs failing together (a relay down) do not all come back at the same instant, and
 * none comes back sooner than half its due delay.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before the attempt after `attempt` (1 = the first attempt failed). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.round(exp / 2 + random() * (exp / 2));
}
