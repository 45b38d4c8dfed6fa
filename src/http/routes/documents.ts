/**
 * GET /api/v1/demands/:ref/documents/:documentId: the bytes of a legal document filed with a
 * demand, for whoever may see the demand's documents: staff; the agency that filed it (not the
 * provider's internal papers); a notified customer's admins, the served documents of its copy of
 * the legal process only (legal-process-copy.ts). Always an attachment, never rendered inline by
 * the browser on Writ's own origin. The read is recorded.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import { findDemand } from '../../store/demand-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { callerOf } from '../auth.ts';
import { sendAttachment } from '../send-file.ts';
import { canView } from '../presenters/demand.ts';
import { readAs, recordRead, viewerLabel } from '../read-scope.ts';
import { legalProcessCopy } from '../../domain/legal-process-copy.ts';

export function documentRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/demands/:ref/documents/:documentId',
    {
      schema: {
        summary: 'Download a document filed with a demand',
        tags: ['demands'],
        params: T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }), documentId: T.String({ format: 'uuid' }) }),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { ref, documentId } = req.params as { ref: string; documentId: string };
      const demand = await readAs(ctx.db, caller, (q) => findDemand(q, ref));
      if (!demand || !canView(demand, caller)) throw new DomainError('not_found', `No demand ${ref}`);
      const visible =
        caller.kind === 'staff'
          ? demand.documents
          : caller.kind === 'officer'
            ? demand.documents.filter((d) => !d.internal)
            : // Chosen from the whole demand (the tenant's own view shows only its own targets).
              legalProcessCopy((await findDemand(ctx.db, demand.id)) ?? demand, caller.customerId).documents;
      const doc = visible.find((d) => d.id === documentId);
      if (!doc) throw new DomainError('not_found', `No document ${documentId} on ${ref}`);
      await recordRead(ctx.db, caller, demand.id, { type: 'demand.viewed', viewer: viewerLabel(caller) }, ctx.now());
      const bytes = await ctx.documents.get(doc.sha256);
      return sendAttachment(reply, { filename: doc.filename, mediaType: doc.mediaType, bytes });
    },
  );
}
