/**
 * Transparency reports over HTTP. The provider's report is public in every published format
 * (a transparency report is meant to be read by anyone), as is its JSON Schema and its HTML page
 * at /reports/:period. An enterprise customer's admin gets the same figures for its own tenant.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import type { LedgerSigning } from '../../ledger/log-signing.ts';
import { computeReport, computeTenantReport } from '../../reports/compute-report.ts';
import { type Period, lastCompleteHalfYear, parsePeriod } from '../../reports/period.ts';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../../reports/render-report.ts';
import { REPORT_SCHEMA } from '../../reports/report-schema.ts';
import type { TransparencyReport } from '../../reports/report-document.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { callerOf } from '../auth.ts';

/** A report is one GROUP BY over a period's demands: cheap, but not free; unauthenticated callers are limited. */
const PUBLIC_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const PeriodParam = T.String({
  maxLength: 40,
  description:
    'A half-year (2026-H1), quarter (2026-Q1), year (2026) or range of days (2026-01-01..2026-06-30); default: the last complete half-year',
});
const ReportQuery = T.Object(
  {
    period: T.Optional(PeriodParam),
    format: T.Optional(
      T.Union(
        REPORT_FORMATS.map((f) => T.Literal(f)),
        { description: 'json (default), csv (Google layout), csv-microsoft, html or pdf' },
      ),
    ),
  },
  { additionalProperties: false },
);

function periodOf(text: string | undefined, now: Date, pointer: string): Period {
  return text === undefined ? lastCompleteHalfYear(now) : parsePeriod(text, pointer);
}

async function send(reply: FastifyReply, report: TransparencyReport, format: ReportFormat) {
  const out = await renderReport(report, format);
  const name = `${report.scope === 'tenant' ? 'tenant-' : ''}transparency-report-${report.period.label.replace(/\.\./, '_')}.${out.extension}`;
  return reply
    .type(out.contentType)
    .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`)
    .send(out.body);
}

export function reportRoutes(app: FastifyInstance, ctx: WorkflowContext, signing: LedgerSigning): void {
  const provider = (period: Period) =>
    computeReport(ctx.db, { period, now: ctx.now(), origin: signing.origin, signing });

  app.get(
    '/api/v1/reports/schema.json',
    { config: PUBLIC_LIMIT, schema: { tags: ['reports'], summary: 'The JSON Schema of a transparency report' } },
    async (_req, reply) => reply.type('application/schema+json').send(REPORT_SCHEMA),
  );

  app.get(
    '/api/v1/reports',
    {
      config: PUBLIC_LIMIT,
      schema: {
        tags: ['reports'],
        summary: 'The transparency report for a period, bound to a signed ledger checkpoint',
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query as { period?: string; format?: ReportFormat };
      return send(reply, await provider(periodOf(q.period, ctx.now(), '/query/period')), q.format ?? 'json');
    },
  );

  app.get(
    '/api/v1/reports/tenant',
    {
      schema: {
        tags: ['reports'],
        summary: 'The same figures over the demands about your own organisation (customer admins)',
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      if (caller.kind !== 'customer_admin')
        throw new DomainError('forbidden', 'Only a customer admin has a tenant report');
      const q = req.query as { period?: string; format?: ReportFormat };
      return send(
        reply,
        await computeTenantReport(ctx.db, caller.customerId, periodOf(q.period, ctx.now(), '/query/period'), ctx.now()),
        q.format ?? 'json',
      );
    },
  );

  app.get(
    '/reports/:period',
    { config: PUBLIC_LIMIT, schema: { hide: true, params: T.Object({ period: PeriodParam }) } },
    async (req, reply) =>
      send(reply, await provider(parsePeriod((req.params as { period: string }).period, '/params/period')), 'html'),
  );
}
