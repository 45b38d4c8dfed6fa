/**
 * Correspondence with the agency about one of its demands.
 * `GET …/agency-record` (officer): the status history, the legal team's open question, the letters
 * sent to the agency and the packages prepared for it. `POST …/agency-messages` (officer): an
 * answer to a request for clarification, or the withdrawal of the demand. Both only for the
 * officer's own agency (another's: 404). `POST …/clarification-requests` (staff): the legal team
 * asks the agency a question, by e-mail and in the portal.
 */
import type { FastifyInstance } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { DomainError, invalid } from '../../domain/errors.ts';
import { findDemand } from '../../store/demand-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import {
  AGENCY_MESSAGE_KINDS,
  recordAgencyMessage,
  type AgencyMessageKind,
} from '../../workflow/record-agency-message.ts';
import { requestClarification } from '../../workflow/request-clarification.ts';
import { actorOf } from '../actor.ts';
import { callerOf } from '../auth.ts';
import { recordRead, viewerLabel } from '../read-scope.ts';
import { presentAgencyRecord } from '../presenters/agency-record.ts';
import { loadAgencyRecordEvents } from '../../store/agency-record.ts';

const Params = T.Object({ ref: T.String({ minLength: 1, maxLength: 64 }) });

function officerAgency(req: Parameters<typeof callerOf>[0]): { agencyId: string; caller: ReturnType<typeof callerOf> } {
  const caller = callerOf(req);
  if (caller.kind !== 'officer') throw new DomainError('forbidden', 'Only an agency officer');
  return { agencyId: caller.agencyId, caller };
}

export function agencyRecordRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.get(
    '/api/v1/demands/:ref/agency-record',
    {
      schema: {
        summary: "One of the agency's demands: status history, letters sent to the agency, packages prepared for it",
        tags: ['demands'],
        params: Params,
      },
    },
    async (req) => {
      const { agencyId, caller } = officerAgency(req);
      const { ref } = req.params as { ref: string };
      const d = await findDemand(ctx.db, ref);
      if (!d || d.agencyId !== agencyId) throw new DomainError('not_found', `No demand ${ref}`);
      await recordRead(ctx.db, caller, d.id, { type: 'demand.viewed', viewer: viewerLabel(caller) }, ctx.now());
      return presentAgencyRecord(d, await loadAgencyRecordEvents(ctx.db, d.id));
    },
  );

  app.post(
    '/api/v1/demands/:ref/agency-messages',
    {
      schema: {
        summary: 'The officer writes to the legal team: an answer to a request for clarification, or a withdrawal',
        tags: ['demands'],
        params: Params,
        body: T.Object(
          {
            kind: T.Union(AGENCY_MESSAGE_KINDS.map((k) => T.Literal(k))),
            text: T.String({ minLength: 1, maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { agencyId, caller } = officerAgency(req);
      const { ref } = req.params as { ref: string };
      const body = req.body as { kind: AgencyMessageKind; text: string };
      const d = await recordAgencyMessage(ctx, {
        demand: ref,
        actor: actorOf(caller),
        agencyId,
        kind: body.kind,
        text: body.text.trim(),
      });
      return reply.status(201).send({ reference: d.reference, state: d.state, disposition: d.disposition });
    },
  );

  app.post(
    '/api/v1/demands/:ref/clarification-requests',
    {
      schema: {
        summary: 'Ask the agency to clarify its demand (e-mail to the requester, and in the agency portal)',
        tags: ['case handling'],
        params: Params,
        body: T.Object(
          {
            text: T.String({ minLength: 1, maxLength: 5000 }),
            answerBy: T.Optional(T.Union([T.String({ format: 'date-time' }), T.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const { ref } = req.params as { ref: string };
      const body = req.body as { text: string; answerBy?: string | null };
      const text = body.text.trim();
      if (!text) throw invalid([{ pointer: '/text', detail: 'write the question' }]);
      const d = await requestClarification(ctx, {
        demand: ref,
        actor: actorOf(caller),
        text,
        answerBy: body.answerBy ?? null,
      });
      return reply.status(201).send({ reference: d.reference, state: d.state });
    },
  );
}
