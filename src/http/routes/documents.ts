/**
 * GET /api/v1/demands/:ref/documents/:documentId: the bytes of a legal document filed with a
 * demand, for whoever may see the demand's documents (staff, and the agency that filed it). Always
 * an attachment, never rendered inline by the browser on Writ's own origin.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import { findDemand } from '../../store/demand-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { callerOf } from '../auth.ts';
import { sendAttachment } from '../send-file.ts';
import { canView } from '../presenters/demand.ts';

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
      const demand = await findDemand(ctx.db, ref);
      // A customer admin sees what was demanded, not the agency's paperwork.
      if (!demand || caller.kind === 'customer_admin' || !canView(demand, caller))
        throw new DomainError('not_found', `No demand ${ref}`);
      const doc = demand.documents.find((d) => d.id === documentId && (caller.kind === 'staff' || !d.internal));
      if (!doc) throw new DomainError('not_found', `No document ${documentId} on ${ref}`);
      const bytes = await ctx.documents.get(doc.sha256);
      return sendAttachment(reply, { filename: doc.filename, mediaType: doc.mediaType, bytes });
    },
  );
}
