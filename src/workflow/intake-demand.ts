/**
 * Intake: check a submitted demand, resolve its targets, let the policy engine weigh it, and store
 * it with its events and outbox jobs atomically (one statement). Either the whole demand is
 * written or nothing is. With an idempotency key, a retry returns the first demand instead of
 * making another.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Demand } from '../domain/demand.ts';
import { documentTypeProblem } from '../domain/document-types.ts';
import { DomainError, type FieldError } from '../domain/errors.ts';
import { actorLabel, eventRow, type Actor, type WritEvent } from '../domain/events.ts';
import { findDemand, findIdempotentDemand } from '../store/demand-repository.ts';
import { writeIntake } from '../store/intake-batcher.ts';
import { IdempotencyKeyTaken, RequesterRaced } from '../store/intake-repository.ts';
import { reportDimensionsKey } from '../domain/report-facts.ts';
import { type ArrivalFacts, weighDemand } from './weigh-demand.ts';
import type { Decision } from '../policy/index.ts';
import { ANNEX_III_FILENAME, annexIIIDocument } from './support/annex-iii-document.ts';
import { canonicalJson } from '../ledger/canonical-json.ts';
import type { WorkflowContext } from './context.ts';
import { intakeEffects } from './intake-effects.ts';
import { checkDemandIntake } from './schemas/check-demand-intake.ts';
import type { DemandIntake } from './schemas/demand-intake.ts';
import { nextDeadlineColumns } from '../store/next-deadline.ts';

export interface UploadedDocument {
  filename: string;
  mediaType: string;
  bytes: Buffer;
}

export interface IntakeDemandOptions {
  input: DemandIntake;
  documents?: UploadedDocument[];
  actor: Actor;
  /** Client-chosen key; the same key with the same request returns the same demand. */
  idempotencyKey?: string;
  /** Facts of the arrival the server established (mail intake), never taken from the submitter. */
  arrival?: ArrivalFacts;
}

export interface IntakeResult {
  demand: Demand;
  /** False when an earlier request with the same idempotency key made this demand. */
  created: boolean;
}

/** Each document within the size limit and its bytes of the type it declares (intake and later additions). */
export function checkDocuments(ctx: WorkflowContext, documents: UploadedDocument[]): void {
  const problems: FieldError[] = [];
  documents.forEach((d, i) => {
    if (d.bytes.length > ctx.maxDocumentBytes)
      problems.push({ pointer: `/documents/${i}`, detail: `is larger than ${ctx.maxDocumentBytes} bytes` });
    const p = documentTypeProblem(d.mediaType, d.bytes);
    if (p) problems.push({ pointer: `/documents/${i}`, detail: p });
  });
  if (!problems.length) return;
  const tooLarge = problems.every((p) => p.detail.startsWith('is larger'));
  throw new DomainError(
    tooLarge ? 'payload_too_large' : 'unsupported_media_type',
    problems.map((p) => `${p.pointer} ${p.detail}`).join('; '),
    problems,
  );
}

export async function intakeDemand(ctx: WorkflowContext, opts: IntakeDemandOptions): Promise<IntakeResult> {
  try {
    return await intakeOnce(ctx, opts);
  } catch (e) {
    // Two first demands from one new requester at once: the other created the requester; again.
    if (e instanceof RequesterRaced) return intakeOnce(ctx, opts);
    throw e;
  }
}

async function intakeOnce(ctx: WorkflowContext, opts: IntakeDemandOptions): Promise<IntakeResult> {
  const { input } = opts;
  const now = ctx.now();
  checkDemandIntake(input, now, { byAgency: opts.actor.kind === 'agency' });
  checkDocuments(ctx, opts.documents ?? []);

  const {
    demand: weighed,
    decision,
    requester,
    requesterIsNew,
    domainClass,
    agency,
    targetFacts,
    legalFacts,
  } = await weighDemand(ctx, input, now, { arrival: opts.arrival ?? {} });
  // An EU order the provider cannot execute as it stands is answered on the Annex III form, filed with it.
  const annex = await annexIIIDocument(weighed, agency, decision.record as Decision, legalFacts, now);
  const uploads: (UploadedDocument & { madeByProvider?: true })[] = [
    ...(opts.documents ?? []),
    ...(annex
      ? [{ filename: ANNEX_III_FILENAME, mediaType: 'application/pdf', bytes: annex, madeByProvider: true as const }]
      : []),
  ];
  // Bytes are stored only for a demand that will be written (an unknown target stores nothing).
  const docs = await Promise.all(
    uploads.map(async (d) => ({
      id: randomUUID(),
      filename: d.filename,
      mediaType: d.mediaType.toLowerCase(),
      sizeBytes: d.bytes.length,
      sha256: await ctx.documents.put(d.bytes),
      ...(d.madeByProvider ? { madeByProvider: true } : {}),
    })),
  );
  const demand: Demand = { ...weighed, documents: docs };
  // Timestamps go to the statement as ISO text: encoding a Date as JSON calls its toJSON each time.
  const nowIso = now.toISOString();
  const { events, jobs } = intakeEffects(
    demand,
    decision,
    { requesterVerification: requester.verification, domainClass },
    ctx.reminders,
    targetFacts,
  );

  const scope = `agency:${agency.id}`;
  // Canonical JSON (RFC 8785): a retry with the same content in another key order is the same
  // request. Only a request with an Idempotency-Key is hashed: the canonical form is not free.
  const idempotency = opts.idempotencyKey
    ? {
        scope,
        key: opts.idempotencyKey,
        requestHash: createHash('sha256')
          .update(canonicalJson({ input, docs: docs.map((d) => d.sha256) }))
          .digest('hex'),
      }
    : null;
  try {
    const written = await writeIntake(ctx.db, {
      demand: {
        id: demand.id,
        received_at: demand.receivedAt,
        channel: demand.channel,
        agency_id: agency.id,
        requester_id: requester.id,
        requester_verification: requester.verification,
        jurisdiction: demand.jurisdiction,
        jurisdiction_subdivision: demand.jurisdictionSubdivision,
        instrument: demand.instrument,
        issued_at: demand.issuedAt,
        issuing_court: demand.issuingCourt,
        case_number: demand.caseNumber,
        signed: demand.signed,
        data_categories: demand.dataCategories,
        date_from: demand.dateRange.from,
        date_to: demand.dateRange.to,
        emergency: demand.emergency ?? null,
        secrecy_order: demand.secrecyOrder ?? null,
        offence: input.offence ?? null,
        legal_facts: legalFacts,
        response_deadline: demand.responseDeadline,
        state: demand.state,
        notice_state: demand.noticeState,
        notice_held_until: demand.noticeHeldUntil,
        challenge_state: demand.challengeState,
        preservation_state: demand.preservationState,
        preserved_until: demand.preservedUntil,
        disposition: null,
        decision: decision.record,
        ...reportFactColumns(events),
        ...nextDeadlineColumns(demand, decision.record, now),
        created_at: nowIso,
        updated_at: nowIso,
      },
      requester,
      requesterIsNew,
      targets: demand.targets,
      documents: docs,
      idempotency,
      events: events.map(eventRow),
      actor: actorLabel(opts.actor),
      jobs,
    });
    return { demand: { ...demand, reference: written.reference, requesterId: written.requesterId }, created: true };
  } catch (e) {
    if (!(e instanceof IdempotencyKeyTaken) || !idempotency) throw e;
    const prior = (await findIdempotentDemand(ctx.db, scope, idempotency.key))!;
    if (prior.request_hash !== idempotency.requestHash)
      throw new DomainError('idempotency_conflict', 'This Idempotency-Key was used for a different demand');
    return { demand: (await findDemand(ctx.db, prior.demand_id))!, created: false };
  }
}

/** The report facts of the demand.received event, for the demand row (one source for both). */
function reportFactColumns(events: WritEvent[]) {
  const received = events.find((e) => e.type === 'demand.received');
  if (received?.type !== 'demand.received') throw new Error('intake effects lack demand.received');
  return {
    report_dimensions: reportDimensionsKey({ ...received, enterprise: received.enterpriseTargets > 0 }),
    report_target_count: received.targetCount,
    report_enterprise_targets: received.enterpriseTargets,
  };
}
