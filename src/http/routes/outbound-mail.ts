/**
 * The demo's local mailbox, read by staff: every notice, letter and alert Writ sent while no mail
 * relay was configured (src/notify/local-mailbox.ts), newest first, one message in full and its
 * attachments. Notices and letters carry case data: every read is recorded, with who read it, and
 * a read of a message about a demand is on that demand's list of reads.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import { findLocalMail, findLocalMailAttachment, listLocalMail } from '../../store/local-mail-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { callerOf } from '../auth.ts';
import { recordRead, viewerLabel } from '../read-scope.ts';
import { sendAttachment } from '../send-file.ts';

const KIND_WORDS: Record<string, string> = {
  notice: 'Customer notice',
  redirect: 'Redirect letter',
  'staff-alert': 'Alert to staff',
  reminder: 'Deadline reminder',
};

export function outboundMailRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/outbound-mail',
    {
      schema: {
        summary: 'Mail Writ sent to its local mailbox (demo mode without a relay), newest first',
        tags: ['mail'],
        querystring: T.Object(
          { limit: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const items = await listLocalMail(ctx.db, (req.query as { limit?: number }).limit ?? 100);
      await recordRead(
        ctx.db,
        caller,
        null,
        { type: 'outbound_mail.listed', viewer: viewerLabel(caller), count: items.length },
        ctx.now(),
      );
      return {
        items: items.map((m) => ({
          id: m.id,
          at: m.at,
          to: m.to.join(', '),
          subject: m.subject,
          kind: m.kind,
          kindLabel: KIND_WORDS[m.kind] ?? m.kind,
        })),
      };
    },
  );

  app.get(
    '/api/v1/outbound-mail/:id',
    {
      schema: {
        summary: 'One message of the local mailbox, with its text, HTML and attachments',
        tags: ['mail'],
        params: T.Object({ id: T.String({ format: 'uuid' }) }),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const m = await findLocalMail(ctx.db, (req.params as { id: string }).id);
      if (!m) throw new DomainError('not_found', 'No such message');
      // A message about a demand (a notice, a letter) is a read of that demand's data: on its list of reads.
      await recordRead(
        ctx.db,
        caller,
        m.demandId,
        { type: 'outbound_mail.viewed', viewer: viewerLabel(caller), mailId: m.id, attachment: null },
        ctx.now(),
      );
      return {
        id: m.id,
        at: m.at,
        from: m.from,
        to: m.to.join(', '),
        subject: m.subject,
        kind: m.kind,
        kindLabel: KIND_WORDS[m.kind] ?? m.kind,
        messageId: m.messageId,
        text: m.text,
        html: m.html,
        attachments: m.attachments,
      };
    },
  );
  app.get(
    '/api/v1/outbound-mail/:id/attachments/:n',
    {
      schema: {
        summary: 'One attachment of a message of the local mailbox, as a download',
        tags: ['mail'],
        params: T.Object({ id: T.String({ format: 'uuid' }), n: T.Integer({ minimum: 0, maximum: 1000 }) }),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { id, n } = req.params as { id: string; n: number };
      const part = await findLocalMailAttachment(ctx.db, id, n);
      if (!part) throw new DomainError('not_found', 'No such attachment');
      await recordRead(
        ctx.db,
        caller,
        part.demandId,
        { type: 'outbound_mail.viewed', viewer: viewerLabel(caller), mailId: id, attachment: n },
        ctx.now(),
      );
      return sendAttachment(reply, { filename: part.filename, mediaType: part.contentType, bytes: part.content });
    },
  );
}
