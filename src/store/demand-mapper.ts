/** Row ↔ domain mapping for demands. The only place that knows both shapes. */
import type { Demand, DemandDocument, Target } from '../domain/demand.ts';
import type { ChallengeState, MatterState, NoticeState, PreservationState } from '../domain/matter-state.ts';
import type {
  Channel,
  DataCategory,
  Disposition,
  IdentifierKind,
  Instrument,
  RequesterVerification,
} from '../domain/vocabulary.ts';
import type { DemandRow } from './schema.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toDemand(
  r: DemandRow,
  targets: { kind: string; value: string; account_id: string | null; customer_id: string }[],
  documents: {
    id: string;
    filename: string;
    media_type: string;
    size_bytes: string;
    sha256: string;
    internal?: boolean;
    made_by_provider?: boolean;
  }[],
): Demand {
  return {
    id: r.id,
    reference: r.reference,
    receivedAt: iso(r.received_at)!,
    channel: r.channel as Channel,
    agencyId: r.agency_id,
    requesterId: r.requester_id,
    requesterVerification: r.requester_verification as RequesterVerification,
    jurisdiction: r.jurisdiction,
    jurisdictionSubdivision: r.jurisdiction_subdivision,
    instrument: r.instrument as Instrument,
    issuedAt: iso(r.issued_at),
    issuingCourt: r.issuing_court,
    caseNumber: r.case_number,
    signed: r.signed,
    targets: targets.map(
      (t): Target => ({
        kind: t.kind as IdentifierKind,
        value: t.value,
        accountId: t.account_id,
        customerId: t.customer_id,
      }),
    ),
    dataCategories: r.data_categories as DataCategory[],
    dateRange: { from: iso(r.date_from), to: iso(r.date_to) },
    emergency: r.emergency as Demand['emergency'],
    secrecyOrder: r.secrecy_order as Demand['secrecyOrder'],
    offence: r.offence as Demand['offence'],
    documents: documents.map(
      (d): DemandDocument => ({
        id: d.id,
        filename: d.filename,
        mediaType: d.media_type,
        sizeBytes: Number(d.size_bytes),
        sha256: d.sha256,
        ...(d.internal ? { internal: true } : {}),
        ...(d.made_by_provider ? { madeByProvider: true } : {}),
      }),
    ),
    responseDeadline: iso(r.response_deadline),
    state: r.state as MatterState,
    noticeState: r.notice_state as NoticeState,
    noticeHeldUntil: iso(r.notice_held_until),
    challengeState: r.challenge_state as ChallengeState,
    preservationState: r.preservation_state as PreservationState,
    preservedUntil: iso(r.preserved_until),
    disposition: r.disposition as Disposition | null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
