/**
 * Case handling around the decision: staff by name, assignment (one or many demands at once),
 * internal notes, saved views of the queue, the secrecy orders in force and the reads of a demand.
 * Every read of case data is recorded, as the demand's own reads are.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { IdentifierKind } from '../../domain/vocabulary.ts';
import { addDemandDocument } from '../../workflow/add-demand-document.ts';
import { correctTargets } from '../../workflow/correct-targets.ts';
import type { UploadedDocument } from '../../workflow/intake-demand.ts';
import { reweighDemand } from '../../workflow/reweigh-demand.ts';
import { TargetInput } from '../../workflow/schemas/demand-intake.ts';
import { loadStaffCaseView } from '../presenters/case-view.ts';
import { presentDemand } from '../presenters/demand.ts';
import {
  deleteSavedView,
  listNotes,
  listReads,
  listSavedViews,
  listSecrecyOrders,
  saveView,
} from '../../store/case-repository.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { listStaff, nameActors } from '../../store/people-repository.ts';
import { addDemandNote } from '../../workflow/add-demand-note.ts';
import { assignDemands } from '../../workflow/assign-demands.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { actorOf } from '../actor.ts';
import { readParts } from '../multipart.ts';
import { callerOf } from '../auth.ts';
import { recordRead, viewerLabel } from '../read-scope.ts';
import { DEMAND_READ_WORDS } from '../../domain/plain-words.ts';

const Ref = T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) });
const UUID = T.String({ format: 'uuid' });

export function caseHandlingRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  const demandOr404 = async (ref: string) => {
    const d = await findDemand(ctx.db, ref);
    if (!d) throw new DomainError('not_found', `No demand ${ref}`);
    return d;
  };

  const staffDemand = async (ref: string, caller: Principal) => {
    const d = await demandOr404(ref);
    const view = await loadStaffCaseView(ctx.db, d, ctx.now(), caller);
    return presentDemand({ ...d, ...view.extras }, caller, view.timeline);
  };

  app.post(
    '/api/v1/demands/:ref/reweigh',
    {
      schema: {
        summary: 'Weigh the demand again now (the earlier decision is kept in its history)',
        tags: ['case handling'],
        params: Ref,
        body: T.Optional(T.Object({}, { additionalProperties: false })),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      await reweighDemand(ctx, { demand: ref, actor: actorOf(caller) });
      return staffDemand(ref, caller);
    },
  );

  app.post(
    '/api/v1/demands/:ref/targets',
    {
      schema: {
        summary: "Correct the demand's targets (as at intake) and weigh it again",
        tags: ['case handling'],
        params: Ref,
        body: T.Object(
          { targets: T.Array(TargetInput, { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const { targets } = req.body as { targets: { kind: IdentifierKind; value: string }[] };
      await correctTargets(ctx, { demand: ref, actor: actorOf(caller), targets });
      return staffDemand(ref, caller);
    },
  );

  app.post(
    '/api/v1/demands/:ref/documents',
    {
      schema: {
        summary:
          "Add a document (multipart/form-data, one file) and weigh the demand again; an officer, to its own agency's demand",
        tags: ['case handling'],
        params: Ref,
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      if (!req.isMultipart())
        throw invalid([{ pointer: '/body', detail: 'send the document as multipart/form-data with one file' }]);
      const { files } = await readParts(req, { fileSize: ctx.maxDocumentBytes, files: 1, fields: 2 });
      const f = files[0];
      const document: UploadedDocument | undefined = f && { ...f, filename: f.filename || 'document' };
      if (!document) throw invalid([{ pointer: '/body', detail: 'no file in the request' }]);
      const fromAgency = caller.kind === 'officer' ? caller.agencyId : undefined;
      const { demand, documentId } = await addDemandDocument(ctx, {
        demand: ref,
        actor: actorOf(caller),
        document,
        ...(fromAgency ? { fromAgency } : {}),
      });
      reply.header('location', `/api/v1/demands/${ref}/documents/${documentId}`);
      // An officer gets its acknowledgement only; staff get the demand as they see it.
      if (fromAgency) return reply.status(201).send({ reference: demand.reference, documentId });
      return reply.status(201).send(await staffDemand(ref, caller));
    },
  );

  app.get(
    '/api/v1/staff',
    { schema: { summary: 'Staff members, for the assignee picker and for names', tags: ['case handling'] } },
    async () => ({ items: await listStaff(ctx.db) }),
  );

  app.post(
    '/api/v1/demands/assign',
    {
      schema: {
        summary: 'Assign one or many demands to a staff member, or unassign them (all or none)',
        tags: ['case handling'],
        body: T.Object(
          {
            references: T.Array(T.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 200 }),
            assignee: T.Union([UUID, T.Null()]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const b = req.body as { references: string[]; assignee: string | null };
      const items = await assignDemands(ctx, {
        references: b.references,
        assignee: b.assignee,
        actor: actorOf(callerOf(req)),
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/demands/:ref/notes',
    { schema: { summary: "A demand's internal notes, oldest first", tags: ['case handling'], params: Ref } },
    async (req) => {
      const caller = callerOf(req);
      const d = await demandOr404((req.params as { ref: string }).ref);
      const notes = await listNotes(ctx.db, d.id);
      await recordRead(ctx.db, caller, d.id, { type: 'demand.notes_read', viewer: viewerLabel(caller) }, ctx.now());
      return {
        items: notes.map((n) => ({ id: n.id, at: n.at, author: { id: n.authorId, name: n.authorName }, text: n.text })),
      };
    },
  );

  app.post(
    '/api/v1/demands/:ref/notes',
    {
      schema: {
        summary: 'Add an internal note (staff only; never edited or deleted)',
        tags: ['case handling'],
        params: Ref,
        body: T.Object({ text: T.String({ minLength: 1, maxLength: 10000 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { text } = req.body as { text: string };
      if (!text.trim())
        throw new DomainError('invalid_input', 'A note needs some text', [{ pointer: '/text', detail: 'is blank' }]);
      const note = await addDemandNote(ctx, {
        demand: (req.params as { ref: string }).ref,
        text,
        actor: actorOf(caller),
      });
      return reply
        .status(201)
        .send({ id: note.id, at: note.at, author: { id: caller.id, name: caller.name }, text: note.text });
    },
  );

  app.get(
    '/api/v1/demands/:ref/reads',
    {
      schema: { summary: "Every recorded read of a demand's data, newest first", tags: ['case handling'], params: Ref },
    },
    async (req) => {
      const caller = callerOf(req);
      const d = await demandOr404((req.params as { ref: string }).ref);
      const reads = await listReads(ctx.db, d.id, 1000);
      await recordRead(ctx.db, caller, d.id, { type: 'demand.reads_listed', viewer: viewerLabel(caller) }, ctx.now());
      const names = await nameActors(
        ctx.db,
        reads.map((r) => r.actor),
      );
      return {
        items: reads.map((r) => ({ at: r.at, actor: names(r.actor), what: DEMAND_READ_WORDS[r.type] ?? r.type })),
      };
    },
  );

  app.get(
    '/api/v1/saved-views',
    { schema: { summary: 'Your saved views of the queue', tags: ['case handling'] } },
    async (req) => ({ items: await listSavedViews(ctx.db, callerOf(req).id) }),
  );

  app.post(
    '/api/v1/saved-views',
    {
      schema: {
        summary: 'Save a view of the queue (its query string) under a name',
        tags: ['case handling'],
        body: T.Object(
          {
            name: T.String({ minLength: 1, maxLength: 100 }),
            query: T.String({ maxLength: 2000, description: "The list's query string, e.g. view=overdue&assignee=me" }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { name, query } = req.body as { name: string; query: string };
      const view = await saveView(ctx.db, callerOf(req).id, name.trim(), query.replace(/^\?/, ''), ctx.now());
      return reply.status(201).send(view);
    },
  );

  app.delete(
    '/api/v1/saved-views/:id',
    {
      schema: {
        summary: 'Remove one of your saved views',
        tags: ['case handling'],
        params: T.Object({ id: UUID }),
      },
    },
    async (req, reply) => {
      await deleteSavedView(ctx.db, callerOf(req).id, (req.params as { id: string }).id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/secrecy-orders',
    {
      schema: {
        summary: 'Secrecy orders of open demands: their ends, challenges, and what notice each holds back',
        tags: ['case handling'],
        querystring: T.Object(
          { limit: T.Optional(T.Integer({ minimum: 1, maximum: 1000, default: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const now = ctx.now();
      const rows = await listSecrecyOrders(ctx.db, (req.query as { limit?: number }).limit ?? 500);
      await recordRead(
        ctx.db,
        caller,
        null,
        { type: 'demands.listed', viewer: viewerLabel(caller), count: rows.length },
        now,
      );
      return {
        items: rows.map((r) => {
          const lapsed = r.challengeState === 'vacated' || (r.endsAt !== null && Date.parse(r.endsAt) <= now.getTime());
          const whose = r.customers.length ? r.customers.join(', ') : 'the customer';
          const holdsBack =
            r.noticeState === 'held'
              ? `The notice to ${whose}${r.noticeHeldUntil ? `, until ${r.noticeHeldUntil.slice(0, 10)}` : ', until further order'}`
              : r.noticeState === 'sent'
                ? `Nothing now: ${whose} has been told`
                : r.noticeState === 'pending'
                  ? `Nothing now: the notice to ${whose} is on its way`
                  : 'Nothing: no notice is due';
          return {
            reference: r.reference,
            basis: r.basis,
            endsAt: r.endsAt,
            state: lapsed ? 'lapsed' : 'in_force',
            challenge:
              r.challengeState === 'none'
                ? null
                : { state: r.challengeState, filedAt: r.challengeFiledAt, draftDocumentId: r.draftDocumentId },
            holdsBack,
          };
        }),
      };
    },
  );
}
