/**
 * Prometheus metrics at /metrics (prom-client), for administrators and a scraper's API token with
 * the `metrics` role. Two kinds of figure:
 *
 * - requests, counted in this process: how many by method, route pattern (never the raw URL, whose
 *   references and tokens would make a series per demand) and status, and how long they took;
 *   plus the process's own (CPU, memory, event-loop delay);
 * - state, read from the database at each scrape (src/store/operations-state.ts): outbox depth
 *   and wait, failed jobs, held notices, ledger size and checkpoint age, deadlines at risk. Every
 *   process on one database reports the same state.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../store/database.ts';
import { readOperationsState } from '../../store/operations-state.ts';

/** Requests that matched no route share one label value. */
const UNMATCHED = 'unmatched';

export function metricsRoutes(app: FastifyInstance, db: Db, now: () => Date): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'writ_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'writ_http_request_duration_seconds',
    help: 'Time from a request to its answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? UNMATCHED;
    const method = req.method;
    requests.inc({ method, route, status: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
  });

  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const pending = gauge('writ_outbox_pending_jobs', 'Outbox jobs not yet done, scheduled ones included, by kind', [
    'kind',
  ]);
  const due = gauge('writ_outbox_due_jobs', 'Outbox jobs whose time has come and that are not yet done');
  const oldestDue = gauge(
    'writ_outbox_oldest_due_job_wait_seconds',
    'How long the oldest due outbox job has waited past its time (0 when none is due)',
  );
  const failed = gauge('writ_outbox_failed_jobs', 'Outbox jobs that failed for good (raised to staff), by kind', [
    'kind',
  ]);
  const held = gauge('writ_notices_held', 'Customer notices held under a secrecy order');
  const heldPast = gauge(
    'writ_notices_held_past_release',
    'Held customer notices whose release date has passed (their release has not run)',
  );
  const leaves = gauge('writ_ledger_leaves', 'Leaves in the ledger (events sequenced)');
  const unsequenced = gauge('writ_ledger_unsequenced_events', 'Events recorded but not yet sequenced into the ledger');
  const checkpointSize = gauge('writ_ledger_checkpoint_tree_size', 'Tree size of the latest signed checkpoint');
  const checkpointAge = gauge(
    'writ_ledger_checkpoint_age_seconds',
    'Seconds since the latest checkpoint was signed (NaN before the first)',
  );
  const deadlines = gauge(
    'writ_deadlines_at_risk',
    'Open demands owing an answer: past their deadline (overdue), due within 24 h, within 72 h (includes 24 h)',
    ['window'],
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'Request rates and latencies of this process; outbox, notices, ledger and deadlines read from the database at each scrape. Administrators, or an API token with the metrics role.',
      },
    },
    async (_req, reply) => {
      const s = await readOperationsState(db, now());
      pending.reset();
      for (const [kind, n] of Object.entries(s.outbox.pendingByKind)) pending.set({ kind }, n);
      failed.reset();
      for (const [kind, n] of Object.entries(s.outbox.failedByKind)) failed.set({ kind }, n);
      due.set(s.outbox.due);
      oldestDue.set(s.outbox.oldestDueSeconds);
      held.set(s.notices.held);
      heldPast.set(s.notices.heldPastRelease);
      leaves.set(s.ledger.leaves);
      unsequenced.set(s.ledger.unsequenced);
      checkpointSize.set(s.ledger.checkpointSize);
      checkpointAge.set(s.ledger.checkpointAgeSeconds ?? Number.NaN);
      deadlines.set({ window: 'overdue' }, s.deadlines.overdue);
      deadlines.set({ window: '24h' }, s.deadlines.within24h);
      deadlines.set({ window: '72h' }, s.deadlines.within72h);
      reply.header('content-type', registry.contentType);
      reply.header('cache-control', 'no-store');
      return registry.metrics();
    },
  );
}
