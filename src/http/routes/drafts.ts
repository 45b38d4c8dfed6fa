/**
 * Demands by e-mail, as staff review them: the drafts read from received messages, each with the
 * raw message and its documents; confirm one (it becomes a demand through intake) or set it
 * aside. And reading an uploaded document for a form to pre-fill (the agency portal's): it stores
 * nothing but the record of the read. Every look at a draft, and every document read, is recorded.
 */
import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DocumentReader, type ReaderOptions } from '../../documents/read-document.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorLabel } from '../../domain/events.ts';
import { appendEvent } from '../../store/event-repository.ts';
import { findDraft, listDrafts } from '../../store/mail-intake-repository.ts';
import { confirmDemandDraft } from '../../workflow/confirm-demand-draft.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { readUploadedDocument } from '../../workflow/read-uploaded-document.ts';
import { discardDemandDraft } from '../../workflow/discard-demand-draft.ts';
import type { DraftDocument } from '../../workflow/read-demand-draft.ts';
import { DemandIntakeSchema, type DemandIntake } from '../../workflow/schemas/demand-intake.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { readParts } from '../multipart.ts';
import { sendAttachment } from '../send-file.ts';
import {
  presentDraft,
  presentDraftSummary,
  presentFields,
  presentPages,
  suggestedIntake,
} from '../presenters/draft.ts';
import { recordRead, viewerLabel } from '../read-scope.ts';

const Id = T.Object({ id: T.String({ format: 'uuid' }) });

async function readOneFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw new DomainError('unsupported_media_type', 'Send the document as multipart/form-data');
  // A stray text field is ignored: what is missing is the document.
  const { files } = await readParts(req, { fileSize: maxBytes, files: 1, fields: 4 });
  const f = files[0];
  if (!f) throw new DomainError('invalid_input', 'No document was sent');
  return { filename: f.filename || 'document', mediaType: f.mediaType.toLowerCase(), bytes: f.bytes };
}

/** Documents a pre-fill may wait behind (one is read at a time). */
const READING_QUEUE = 4;

/**
 * How a document uploaded to pre-fill a form is read: an officer waits at the form, so fewer
 * pages and less time than a message's draft (the fields stand on the first pages).
 */
export const PREFILL_READING: ReaderOptions = { maxPages: 20, timeoutMs: 60_000 };

export function draftRoutes(
  app: FastifyInstance,
  ctx: WorkflowContext,
  readerOptions: ReaderOptions = PREFILL_READING,
): void {
  // One reader for the portal's pre-fill; OCR keeps its engine between documents.
  let reader: DocumentReader | null = null;
  let reading = 0;
  app.addHook('onClose', async () => reader?.close());

  const record = (req: FastifyRequest, draftId: string) => {
    const actor = actorOf(callerOf(req));
    return appendEvent(
      ctx.db,
      null,
      actor,
      { type: 'mail.draft_viewed', draftId, viewer: actorLabel(actor) },
      ctx.now(),
    );
  };

  app.get(
    '/api/v1/drafts',
    {
      schema: {
        summary: 'Drafts read from demands received by e-mail, newest first',
        tags: ['mail intake'],
        querystring: T.Object(
          {
            state: T.Optional(T.Union([T.Literal('open'), T.Literal('all')], { default: 'open' })),
            before: T.Optional(T.String({ maxLength: 100, description: 'Cursor from the previous page' })),
            limit: T.Optional(T.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const q = req.query as { state?: 'open' | 'all'; before?: string; limit?: number };
      let before: { at: Date; id: string } | undefined;
      if (q.before) {
        const [at, id] = q.before.split('|');
        const t = new Date(at ?? '');
        if (!id || Number.isNaN(t.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
          throw new DomainError('invalid_input', 'The cursor is not one this list gave');
        before = { at: t, id };
      }
      const limit = q.limit ?? 50;
      const rows = await listDrafts(ctx.db, {
        open: (q.state ?? 'open') === 'open',
        limit,
        ...(before ? { before } : {}),
      });
      const last = rows[rows.length - 1];
      return {
        items: rows.map(presentDraftSummary),
        next: rows.length === limit && last ? `${new Date(last.created_at).toISOString()}|${last.id}` : null,
      };
    },
  );

  app.get(
    '/api/v1/drafts/:id',
    {
      schema: {
        summary: 'One draft: sender checks, documents, fields with evidence',
        tags: ['mail intake'],
        params: Id,
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const d = await findDraft(ctx.db, id);
      if (!d) throw new DomainError('not_found', `No draft ${id}`);
      await record(req, id);
      return presentDraft(d);
    },
  );

  app.get(
    '/api/v1/drafts/:id/documents/:index',
    {
      schema: {
        summary: 'A document attached to the message of a draft',
        tags: ['mail intake'],
        params: T.Object({ id: T.String({ format: 'uuid' }), index: T.Integer({ minimum: 0, maximum: 1000 }) }),
      },
    },
    async (req, reply) => {
      const { id, index } = req.params as { id: string; index: number };
      const d = await findDraft(ctx.db, id);
      const doc = ((d?.documents as DraftDocument[] | undefined) ?? []).find((x) => x.index === index);
      if (!d || !doc) throw new DomainError('not_found', `No document ${index} on draft ${id}`);
      await record(req, id);
      return sendAttachment(reply, {
        filename: doc.filename,
        mediaType: doc.mediaType,
        bytes: await ctx.documents.get(doc.sha256),
      });
    },
  );

  app.get(
    '/api/v1/drafts/:id/message',
    { schema: { summary: 'The message as it was received (RFC 5322)', tags: ['mail intake'], params: Id } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const d = await findDraft(ctx.db, id);
      if (!d?.raw_sha256) throw new DomainError('not_found', `No message for draft ${id}`);
      await record(req, id);
      return sendAttachment(reply, {
        filename: `${id}.eml`,
        mediaType: 'message/rfc822',
        bytes: await ctx.documents.get(d.raw_sha256),
      });
    },
  );

  app.post(
    '/api/v1/drafts/:id/confirm',
    {
      schema: {
        summary: 'Confirm a draft as corrected: it becomes a demand through intake and the policy engine',
        tags: ['mail intake'],
        params: Id,
        body: T.Object(
          {
            demand: DemandIntakeSchema,
            documents: T.Optional(
              T.Array(T.Integer({ minimum: 0, maximum: 1000 }), { maxItems: 20, uniqueItems: true }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const body = req.body as { demand: DemandIntake; documents?: number[] };
      const demand = await confirmDemandDraft(ctx, {
        draftId: id,
        input: body.demand,
        ...(body.documents ? { documents: body.documents } : {}),
        actor: actorOf(callerOf(req)),
      });
      return reply
        .status(201)
        .header('location', `/api/v1/demands/${demand.reference}`)
        .send({ reference: demand.reference, state: demand.state });
    },
  );

  app.post(
    '/api/v1/drafts/:id/discard',
    {
      schema: {
        summary: 'Set a draft aside as not a demand, with the reason',
        tags: ['mail intake'],
        params: Id,
        body: T.Object({ reason: T.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      await discardDemandDraft(ctx, {
        draftId: id,
        reason: (req.body as { reason: string }).reason,
        actor: actorOf(callerOf(req)),
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/documents/read',
    {
      schema: {
        summary:
          'Read the fields of a legal document (PDF, PNG or JPEG) to pre-fill a demand; nothing is stored but the record of the read',
        tags: ['mail intake'],
      },
      // Reading, OCR above all, takes seconds of CPU: a caller may not queue many.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const file = await readOneFile(req, ctx.maxDocumentBytes);
      // One document is read at a time; past a short queue the caller is told to come back.
      if (reading >= READING_QUEUE) {
        reply.header('retry-after', '30');
        throw new DomainError('unavailable', 'Writ is reading other documents: try again in a minute');
      }
      const officer = caller.kind === 'officer';
      const recordAs = (pageCount: number | null) =>
        recordRead(
          ctx.db,
          caller,
          null,
          {
            type: 'document.read',
            viewer: viewerLabel(caller),
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
            bytes: file.bytes.length,
            pageCount,
            accountsLookedUp: !officer,
          },
          ctx.now(),
        );
      reader ??= new DocumentReader(readerOptions);
      reading++;
      let read: Awaited<ReturnType<typeof readUploadedDocument>>;
      try {
        read = await readUploadedDocument(ctx, { document: file, reader, matchAccounts: !officer });
      } catch (e) {
        // A document that was read and found unreadable is a read all the same.
        if (e instanceof DomainError && e.code === 'invalid_input') await recordAs(null);
        throw e;
      } finally {
        reading--;
      }
      await recordAs(read.pageCount);
      // An officer's demand is its own agency's, and its identifiers were not looked up: every one
      // goes into its form, and nothing says whose account it is.
      const suggested = officer
        ? {
            ...suggestedIntake(read.fields, caller.agencyId, 'agency_portal'),
            targets: read.fields.identifiers.map((i) => i.value),
          }
        : suggestedIntake(read.fields, null);
      return {
        pageCount: read.pageCount,
        problems: read.problems,
        fields: presentFields(read.fields, read.pages, { matches: !officer }),
        pages: presentPages(read.pages),
        suggested,
      };
    },
  );
}
