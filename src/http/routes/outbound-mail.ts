/**
 * The demo's local mailbox, read by staff: every notice, letter and alert Writ sent while no mail
 * relay was configured (src/notify/local-mailbox.ts), newest first, and one message in full.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError } from '../../domain/errors.ts';
import { findLocalMail, listLocalMail } from '../../store/local-mail-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';

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
      const items = await listLocalMail(ctx.db, (req.query as { limit?: number }).limit ?? 100);
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
      const m = await findLocalMail(ctx.db, (req.params as { id: string }).id);
      if (!m) throw new DomainError('not_found', 'No such message');
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
}
