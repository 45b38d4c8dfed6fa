/**
 * A draft demand read from an e-mail, as staff review it: the sender's authentication in plain
 * words, the documents, each field with its evidence (page, span, and the boxes of the lines it
 * was found on, for the viewer to highlight), and a demand pre-filled from the fields for the
 * confirmation form.
 */
import { FIELD_KEYS, type Field } from '../../documents/demand-fields.ts';
import { boxesOf, type PageText } from '../../documents/page-text.ts';
import { SENDER_VERDICT_LABELS, type SenderCheck } from '../../domain/mail-sender.ts';
import type { DraftListItem, DraftRow } from '../../store/mail-intake-repository.ts';
import type { DraftDocument, DraftFields } from '../../workflow/read-demand-draft.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function withBoxes<T>(f: Field<T> | undefined, pages: PageText[]) {
  if (!f) return null;
  return {
    value: f.value,
    confidence: f.confidence,
    evidence: f.evidence.map((e) => {
      const page = pages.find((p) => p.page === e.page);
      return { ...e, boxes: page ? boxesOf(page, e.start, e.end) : [] };
    }),
  };
}

/**
 * The fields read, each with its evidence and the boxes it was found in; each identifier with the
 * customer account it names, only where the reader may know (`match`, never for an officer).
 */
export function presentFields(f: DraftFields, pages: PageText[], o: { matches: boolean }) {
  return {
    ...Object.fromEntries(FIELD_KEYS.map((k) => [k, withBoxes(f[k] as Field<unknown> | undefined, pages)])),
    identifiers: f.identifiers.map((id, i) => ({
      ...withBoxes(id, pages)!,
      ...(o.matches ? { match: f.matches[i] ?? null } : {}),
    })),
    from: f.from,
  };
}

/** The pages' text as read, for a reader to see where each field was found. */
export function presentPages(pages: PageText[]) {
  return pages.map((p) => ({
    page: p.page,
    source: p.source,
    confidence: p.confidence,
    width: p.width,
    height: p.height,
    text: p.text,
    lines: p.lines,
  }));
}

/**
 * The fields as a demand to submit, for staff (or the officer whose form it fills) to correct; only
 * what was found is filled in.
 */
export function suggestedIntake(
  f: DraftFields | null,
  agencyId: string | null,
  channel: 'email' | 'agency_portal' = 'email',
) {
  if (!f) return { agencyId, targets: [] as { kind: string; value: string }[] };
  const dayStart = (d: string | null | undefined) => (d ? `${d}T00:00:00.000Z` : null);
  return {
    channel,
    agencyId,
    requester: {
      name: f.requesterName?.value ?? '',
      email: f.requesterEmail?.value ?? '',
      phone: f.requesterPhone?.value ?? null,
    },
    jurisdiction: f.jurisdiction?.value ?? null,
    instrument: f.instrument?.value ?? null,
    issuedAt: dayStart(f.issuedAt?.value),
    issuingCourt: f.issuingAuthority?.value ?? null,
    caseNumber: f.caseNumber?.value ?? null,
    signed: f.signed?.value ?? false,
    targets: f.identifiers.filter((_, i) => f.matches[i]).map((i) => i.value),
    dataCategories: f.dataCategories?.value ?? [],
    dateRange: f.dateRange ? { from: dayStart(f.dateRange.value.from), to: dayStart(f.dateRange.value.to) } : undefined,
    emergency: f.emergency ? { description: f.emergency.value } : null,
    secrecyOrder: f.secrecyOrder
      ? {
          legalBasis: f.secrecyOrder.value.legalBasis,
          issuedAt: dayStart(f.issuedAt?.value),
          expiresAt: dayStart(f.secrecyOrder.value.endsAt),
          individualizedFindings: false,
        }
      : null,
    responseDeadline: f.executeBy ? `${f.executeBy.value}T23:59:59.000Z` : null,
  };
}

export function presentSender(s: SenderCheck) {
  return { ...s, label: SENDER_VERDICT_LABELS[s.verdict] };
}

export function presentDraft(d: DraftRow) {
  const pages = (d.pages as PageText[] | null) ?? [];
  const f = d.fields as DraftFields | null;
  const fields = f ? presentFields(f, pages, { matches: true }) : null;
  return {
    id: d.id,
    state: d.state,
    receivedAt: iso(d.received_at),
    via: d.via,
    messageId: d.message_id,
    subject: d.subject,
    from: d.from_address,
    sizeBytes: d.size_bytes === null ? null : Number(d.size_bytes),
    sender: presentSender(d.sender as SenderCheck),
    documents: (d.documents as DraftDocument[]) ?? [],
    fields,
    pages: presentPages(pages),
    problems: d.problems,
    demand: d.demand_reference ? { reference: d.demand_reference } : null,
    decidedBy: d.decided_by,
    decidedAt: iso(d.decided_at),
    discardReason: d.discard_reason,
    suggested: suggestedIntake(f, d.agency_id),
  };
}

export function presentDraftSummary(d: DraftListItem) {
  const s = d.sender as SenderCheck;
  return {
    id: d.id,
    state: d.state,
    receivedAt: iso(d.created_at),
    subject: d.subject,
    from: d.from_address,
    sender: { verdict: s.verdict, label: SENDER_VERDICT_LABELS[s.verdict] },
    instrument: d.instrument,
    problems: d.problems.length,
    demand: d.demand_reference ? { reference: d.demand_reference } : null,
  };
}
