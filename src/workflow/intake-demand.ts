/**
 * Intake: check a submitted demand, resolve its targets, let the policy engine weigh it, and store
 * it with its events and outbox jobs in ONE transaction. Either the whole demand is written or
 * nothing is. With an idempotency key, a retry returns the first demand instead of making another.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Demand } from '../domain/demand.ts';
import { classifyRequesterDomain } from '../domain/requester-domain.ts';
import { emailDomain, normalizeIdentifier, type Customer } from '../domain/directory.ts';
import { documentTypeProblem } from '../domain/document-types.ts';
import { DomainError, invalid, type FieldError } from '../domain/errors.ts';
import type { Actor, WritEvent } from '../domain/events.ts';
import { initialTracks } from '../domain/initial-tracks.ts';
import { findAgency, findCustomer, findOrCreateRequester, resolveIdentifiers } from '../store/directory-repository.ts';
import { claimIdempotencyKey, findDemand, findIdempotentDemand, insertDemand, nextReference } from '../store/demand-repository.ts';
import type { OutboxJob } from '../store/outbox-repository.ts';
import type { WorkflowContext } from './context.ts';
import { checkDemandIntake } from './schemas/check-demand-intake.ts';
import type { DemandIntake } from './schemas/demand-intake.ts';
import { recordChange } from './support/record.ts';
import { sql } from 'kysely';

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
}

export interface IntakeResult {
  demand: Demand;
  /** False when an earlier request with the same idempotency key made this demand. */
  created: boolean;
}

function requestHash(input: DemandIntake, docShas: string[]): string {
  return createHash('sha256').update(JSON.stringify({ input, docShas })).digest('hex');
}

export async function intakeDemand(ctx: WorkflowContext, opts: IntakeDemandOptions): Promise<IntakeResult> {
  const { input, actor } = opts;
  const now = ctx.now();
  checkDemandIntake(input, now);

  const docProblems: FieldError[] = [];
  (opts.documents ?? []).forEach((d, i) => {
    if (d.bytes.length > ctx.maxDocumentBytes) docProblems.push({ pointer: `/documents/${i}`, detail: `is larger than ${ctx.maxDocumentBytes} bytes` });
    const p = documentTypeProblem(d.mediaType, d.bytes);
    if (p) docProblems.push({ pointer: `/documents/${i}`, detail: p });
  });
  if (docProblems.length) {
    const tooLarge = docProblems.every((p) => p.detail.startsWith('is larger'));
    throw new DomainError(tooLarge ? 'payload_too_large' : 'unsupported_media_type', docProblems.map((p) => `${p.pointer} ${p.detail}`).join('; '), docProblems);
  }

  const agency = await findAgency(ctx.db, input.agencyId);
  if (!agency) throw invalid([{ pointer: '/agencyId', detail: 'names no agency in the directory' }]);

  const targets = input.targets.map((t) => ({ kind: t.kind, value: normalizeIdentifier(t.kind, t.value) }));
  const resolved = await resolveIdentifiers(ctx.db, targets);
  const unresolved = targets.flatMap((t, i) => (resolved.has(`${t.kind}:${t.value}`) ? [] : [{ pointer: `/targets/${i}`, detail: `${t.kind} "${t.value}" resolves to no customer account` }]));
  if (unresolved.length) throw invalid(unresolved);

  const docs = await Promise.all(
    (opts.documents ?? []).map(async (d) => ({ id: randomUUID(), filename: d.filename, mediaType: d.mediaType.toLowerCase(), sizeBytes: d.bytes.length, sha256: await ctx.documents.put(d.bytes) })),
  );
  const hash = requestHash(input, docs.map((d) => d.sha256));
  const scope = `agency:${input.agencyId}`;
  if (opts.idempotencyKey) {
    const prior = await findIdempotentDemand(ctx.db, scope, opts.idempotencyKey);
    if (prior) return replay(ctx, prior, hash);
  }

  const resolvedTargets = targets.map((t) => ({ ...t, ...resolved.get(`${t.kind}:${t.value}`)! }));
  const customerIds = [...new Set(resolvedTargets.map((t) => t.customerId))];
  const customers = (await Promise.all(customerIds.map((id) => findCustomer(ctx.db, id)))).filter((c): c is Customer => !!c);
  const accountIds = resolvedTargets.flatMap((t) => (t.accountId ? [t.accountId] : []));
  const locations = accountIds.length
    ? await ctx.db.selectFrom('accounts').select(['id', 'data_location']).where('id', 'in', accountIds).execute()
    : [];
  const allDomains = (await sql<{ d: string }>`select distinct unnest(verified_domains) as d from agencies`.execute(ctx.db)).rows.map((r) => r.d);
  const domainClass = classifyRequesterDomain(emailDomain(input.requester.email), agency.verifiedDomains, allDomains);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const id = randomUUID();

  try {
    return await ctx.db.transaction().execute(async (tx) => {
      // A portal officer's account exists only for a verified agency domain (issue: identity);
      // any other first contact starts unverified.
      const initial = input.channel === 'agency_portal' && domainClass === 'verified' ? 'verified' : 'unverified';
      const requester = await findOrCreateRequester(tx, agency.id, { name: input.requester.name, email: input.requester.email, phone: input.requester.phone ?? null }, initial);
      const reference = await nextReference(tx, receivedAt);
      const draft: Demand = {
        id,
        reference,
        receivedAt: receivedAt.toISOString(),
        channel: input.channel,
        agencyId: agency.id,
        requesterId: requester.id,
        requesterVerification: requester.verification,
        jurisdiction: input.jurisdiction,
        jurisdictionSubdivision: input.jurisdictionSubdivision ?? null,
        instrument: input.instrument,
        issuedAt: input.issuedAt ?? null,
        issuingCourt: input.issuingCourt ?? null,
        caseNumber: input.caseNumber ?? null,
        signed: input.signed,
        targets: resolvedTargets.map((t) => ({ kind: t.kind, value: t.value, accountId: t.accountId, customerId: t.customerId })),
        dataCategories: input.dataCategories,
        dateRange: { from: input.dateRange?.from ?? null, to: input.dateRange?.to ?? null },
        emergency: input.emergency ?? null,
        secrecyOrder: input.secrecyOrder ?? null,
        offence: input.offence ? { description: input.offence.description, maxSentenceYears: input.offence.maxSentenceYears } : null,
        documents: docs,
        responseDeadline: input.responseDeadline ?? null,
        state: 'received',
        noticeState: 'pending',
        noticeHeldUntil: null,
        challengeState: 'none',
        preservationState: 'none',
        preservedUntil: null,
        disposition: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const decision = ctx.decide(draft, {
        now,
        customers,
        accountLocations: Object.fromEntries(locations.map((l) => [l.id, l.data_location])),
        agencyKind: agency.kind,
        requesterDomainClass: domainClass,
        legalFacts: { ...(input.offence?.listedOffence !== undefined ? { listedOffence: input.offence.listedOffence } : {}), ...(input.legalFacts ?? {}) },
      });
      const tracks = initialTracks(requester.verification === 'verified', decision);
      const deadline = input.responseDeadline ?? decision.responseDeadline;

      await insertDemand(
        tx,
        {
          id,
          reference,
          received_at: receivedAt,
          channel: input.channel,
          agency_id: agency.id,
          requester_id: requester.id,
          requester_verification: requester.verification,
          jurisdiction: input.jurisdiction,
          jurisdiction_subdivision: draft.jurisdictionSubdivision,
          instrument: input.instrument,
          issued_at: draft.issuedAt,
          issuing_court: draft.issuingCourt,
          case_number: draft.caseNumber,
          signed: input.signed,
          data_categories: input.dataCategories,
          date_from: draft.dateRange.from,
          date_to: draft.dateRange.to,
          emergency: draft.emergency ? JSON.stringify(draft.emergency) : null,
          secrecy_order: draft.secrecyOrder ? JSON.stringify(draft.secrecyOrder) : null,
          offence: input.offence ? JSON.stringify(input.offence) : null,
          legal_facts: JSON.stringify(input.legalFacts ?? {}),
          response_deadline: deadline,
          state: tracks.state,
          notice_state: tracks.noticeState,
          notice_held_until: tracks.noticeHeldUntil,
          challenge_state: tracks.challengeState,
          preservation_state: tracks.preservationState,
          preserved_until: tracks.preservedUntil,
          disposition: null,
          decision: JSON.stringify(decision.record),
          created_at: now,
          updated_at: now,
        },
        draft.targets,
        docs,
      );
      if (opts.idempotencyKey && !(await claimIdempotencyKey(tx, scope, opts.idempotencyKey, hash, id))) {
        throw new IdempotentReplay();
      }

      const events: WritEvent[] = [
        {
          type: 'demand.received',
          reference,
          instrument: input.instrument,
          jurisdiction: input.jurisdiction,
          channel: input.channel,
          agencyId: agency.id,
          dataCategories: input.dataCategories,
          targetCount: draft.targets.length,
          customerIds,
          emergency: !!draft.emergency,
          secrecyOrder: !!draft.secrecyOrder,
        },
        { type: 'demand.decision_recorded', route: decision.route, flags: decision.flags, packs: packIds(decision.record) },
        tracks.state === 'verifying_requester'
          ? { type: 'demand.verification_requested', reason: `requester ${requester.verification}, e-mail domain ${domainClass}` }
          : { type: 'demand.review_started', requesterConfirmed: true, callbackNote: null },
      ];
      const jobs: OutboxJob[] = [];
      if (tracks.noticeState === 'held') {
        events.push({ type: 'notice.held', until: tracks.noticeHeldUntil, legalBasis: decision.notice.reason });
        if (tracks.noticeHeldUntil) jobs.push({ kind: 'notice.release', idempotencyKey: `notice.release:${id}:${tracks.noticeHeldUntil}`, demandId: id, payload: {}, runAt: new Date(tracks.noticeHeldUntil) });
      } else {
        events.push({ type: 'notice.queued', customerIds });
        jobs.push({ kind: 'notice.deliver', idempotencyKey: `notice:${id}`, demandId: id, payload: { customerIds } });
      }
      if (tracks.challengeState === 'flagged') {
        events.push({ type: 'challenge.changed', from: 'none', to: 'flagged', grounds: decision.flags.filter((f) => f === 'secrecy_order_challenge'), note: null });
      }
      if (tracks.preservedUntil) {
        events.push({ type: 'preservation.started', until: tracks.preservedUntil });
        jobs.push({ kind: 'preservation.expire', idempotencyKey: `preservation.expire:${id}:${tracks.preservedUntil}`, demandId: id, payload: {}, runAt: new Date(tracks.preservedUntil) });
      }
      await recordChange(tx, id, actor, now, { events, jobs });
      const demand = await findDemand(tx, id);
      return { demand: demand!, created: true };
    });
  } catch (e) {
    if (e instanceof IdempotentReplay) {
      const prior = await findIdempotentDemand(ctx.db, scope, opts.idempotencyKey!);
      return replay(ctx, prior!, hash);
    }
    throw e;
  }
}

/** Thrown inside the transaction to roll it back when a concurrent retry won the key. */
class IdempotentReplay extends Error {}

async function replay(ctx: WorkflowContext, prior: { request_hash: string; demand_id: string }, hash: string): Promise<IntakeResult> {
  if (prior.request_hash !== hash) throw new DomainError('idempotency_conflict', 'This Idempotency-Key was used for a different demand');
  const demand = await findDemand(ctx.db, prior.demand_id);
  return { demand: demand!, created: false };
}

function packIds(record: unknown): string[] {
  const packs = (record as { packs?: { id: string; version: string }[] } | null)?.packs;
  return Array.isArray(packs) ? packs.map((p) => `${p.id}@${p.version}`) : [];
}
