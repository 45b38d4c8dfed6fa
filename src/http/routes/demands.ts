/**
 * Demands: intake (JSON, or multipart with the legal documents attached), the list with filters and
 * keyset pagination, and one demand with its timeline. Handlers validate, authorise, call one use
 * case and shape the reply.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import { INSTRUMENTS, type Instrument } from '../../domain/vocabulary.ts';
import { MATTER_STATES, type MatterState } from '../../domain/matter-state.ts';
import {
  QUEUE_FLAGS,
  QUEUE_VIEWS,
  findDemand,
  listDemands,
  type DemandOrder,
  type QueueFlag,
  type QueueView,
} from '../../store/demand-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { intakeDemand, type UploadedDocument } from '../../workflow/intake-demand.ts';
import { DemandIntakeSchema, type DemandIntake } from '../../workflow/schemas/demand-intake.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { readAs, recordRead, viewerLabel } from '../read-scope.ts';
import { cursorAfter, decodeCursor, encodeCursor } from '../demand-list-cursor.ts';
import { canView, presentDemand, presentSummary } from '../presenters/demand.ts';
import { loadStaffCaseView } from '../presenters/case-view.ts';
import { readParts } from '../multipart.ts';

declare module 'fastify' {
  interface FastifyRequest {
    uploads: UploadedDocument[];
  }
}

const ListQuery = T.Object(
  {
    state: T.Optional(T.Union(MATTER_STATES.map((s) => T.Literal(s)))),
    open: T.Optional(T.Boolean({ description: 'Only demands not yet closed' })),
    country: T.Optional(T.String({ pattern: '^[A-Z]{2}$' })),
    instrument: T.Optional(T.Union(INSTRUMENTS.map((s) => T.Literal(s)))),
    customer: T.Optional(T.String({ format: 'uuid' })),
    due_before: T.Optional(T.String({ format: 'date-time' })),
    reference: T.Optional(
      T.String({ minLength: 1, maxLength: 64, description: 'Part of a reference, case-insensitive' }),
    ),
    sort: T.Optional(
      T.Union([T.Literal('received'), T.Literal('deadline')], {
        description: 'received: newest first (default); deadline: soonest deadline first, none last',
      }),
    ),
    assignee: T.Optional(
      T.String({
        pattern: '^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
        description: "A staff member's id, me, or none (unassigned)",
      }),
    ),
    view: T.Optional(
      T.Union(
        QUEUE_VIEWS.map((v) => T.Literal(v)),
        {
          description:
            'overdue: next deadline passed; due_soon: within 24 h; due_72h: within 72 h; ageing: open longer than 30 days',
        },
      ),
    ),
    flags: T.Optional(
      T.String({
        pattern: `^(${QUEUE_FLAGS.join('|')})(,(${QUEUE_FLAGS.join('|')}))*$`,
        description: `Comma list, all must hold: ${QUEUE_FLAGS.join(', ')}`,
      }),
    ),
    cursor: T.Optional(T.String({ maxLength: 200 })),
    limit: T.Optional(T.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

/** Multipart intake: a "demand" field with the JSON, and one or more files. */
async function readMultipart(req: FastifyRequest, maxBytes: number): Promise<void> {
  let demand: unknown;
  const { files, fields } = await readParts(req, { fileSize: maxBytes, files: 20, fields: 5 });
  const uploads: UploadedDocument[] = files.map((f) => ({ ...f, filename: f.filename || 'document' }));
  for (const field of fields) {
    if (field.name !== 'demand') continue;
    try {
      demand = JSON.parse(field.value);
    } catch {
      throw invalid([{ pointer: '/demand', detail: 'the "demand" field is not valid JSON' }]);
    }
  }
  if (demand === undefined)
    throw invalid([
      { pointer: '/demand', detail: 'a multipart intake needs a "demand" field with the demand as JSON' },
    ]);
  req.body = demand;
  req.uploads = uploads;
}

export function demandRoutes(app: FastifyInstance, ctx: WorkflowContext, intakePerMinute = 600): void {
  app.decorateRequest('uploads', null as unknown as UploadedDocument[]);

  app.post(
    '/api/v1/demands',
    {
      schema: {
        summary: 'Submit a demand (JSON, or multipart/form-data with a "demand" JSON field and document files)',
        tags: ['demands'],
        headers: T.Object({ 'idempotency-key': T.Optional(T.String({ minLength: 1, maxLength: 200 })) }),
        body: DemandIntakeSchema,
      },
      // An agency system may submit in bulk, but not flood: per caller.
      config: { rateLimit: { max: intakePerMinute, timeWindow: '1 minute' } },
      preValidation: async (req) => {
        req.uploads = [];
        if (req.isMultipart()) await readMultipart(req, ctx.maxDocumentBytes);
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const input = req.body as DemandIntake;
      if (caller.kind === 'officer') {
        if (input.agencyId !== caller.agencyId)
          throw new DomainError('forbidden', 'An officer submits demands for its own agency only');
        input.channel = 'agency_portal';
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      const { demand, created } = await intakeDemand(ctx, {
        input,
        documents: req.uploads,
        actor: actorOf(caller),
        ...(key ? { idempotencyKey: key } : {}),
      });
      reply.header('location', `/api/v1/demands/${demand.reference}`);
      return reply.status(created ? 201 : 200).send(presentDemand(demand, caller));
    },
  );

  app.get(
    '/api/v1/demands',
    { schema: { summary: 'List demands, newest first or by deadline', tags: ['demands'], querystring: ListQuery } },
    async (req) => {
      const caller = callerOf(req);
      const q = req.query as {
        state?: MatterState;
        open?: boolean;
        country?: string;
        instrument?: Instrument;
        customer?: string;
        due_before?: string;
        reference?: string;
        sort?: DemandOrder;
        assignee?: string;
        view?: QueueView;
        flags?: string;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? 50;
      const order = q.sort ?? 'received';
      const items = await readAs(ctx.db, caller, (scoped) =>
        listDemands(
          scoped,
          {
            ...(q.state ? { state: q.state } : {}),
            ...(q.open ? { openOnly: true } : {}),
            ...(q.reference?.trim() ? { referenceContains: q.reference.trim() } : {}),
            ...(q.country ? { country: q.country } : {}),
            ...(q.instrument ? { instrument: q.instrument } : {}),
            ...(q.customer ? { customerId: q.customer } : {}),
            ...(q.due_before ? { dueBefore: new Date(q.due_before) } : {}),
            ...(q.assignee
              ? { assignee: q.assignee === 'none' ? null : q.assignee === 'me' ? caller.id : q.assignee }
              : {}),
            ...(q.view ? { view: q.view } : {}),
            ...(q.flags ? { flags: q.flags.split(',') as QueueFlag[] } : {}),
            now: ctx.now(),
            withAssigneeNames: caller.kind === 'staff',
            ...(caller.kind === 'officer' ? { agencyId: caller.agencyId } : {}),
            ...(caller.kind === 'customer_admin' ? { customerId: caller.customerId, noticeSentOnly: true } : {}),
          },
          limit + 1,
          q.cursor ? decodeCursor(q.cursor, order) : undefined,
          order,
        ),
      );
      await recordRead(
        ctx.db,
        caller,
        null,
        { type: 'demands.listed', viewer: viewerLabel(caller), count: Math.min(items.length, limit) },
        ctx.now(),
      );
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((i) => presentSummary(i, caller)),
        nextCursor: items.length > limit && last ? encodeCursor(cursorAfter(last, order)) : null,
      };
    },
  );

  app.get(
    '/api/v1/demands/:ref',
    {
      schema: {
        summary: 'One demand with its timeline',
        tags: ['demands'],
        params: T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const demand = await readAs(ctx.db, caller, (q) => findDemand(q, ref));
      if (!demand || !canView(demand, caller)) throw new DomainError('not_found', `No demand ${ref}`);
      await recordRead(ctx.db, caller, demand.id, { type: 'demand.viewed', viewer: viewerLabel(caller) }, ctx.now());
      if (caller.kind !== 'staff') return presentDemand(demand, caller);
      const view = await loadStaffCaseView(ctx.db, demand, ctx.now(), caller);
      return presentDemand({ ...demand, ...view.extras }, caller, view.timeline);
    },
  );
}
