/**
 * The Annex III answer to a European order the provider cannot execute as it stands, made at intake
 * when the decision calls for it and filed as one of the demand's documents (sealed in the
 * document store like every other).
 */
import type { Demand } from '../../domain/demand.ts';
import type { Agency } from '../../domain/directory.ts';
import {
  annexIIIExplanation,
  annexIIIGrounds,
  annexIIIPreservation,
  renderAnnexIII,
} from '../../documents/eu-annex-iii.ts';
import type { Decision, EuInabilityGround } from '../../policy/index.ts';

/** Who answers: the provider's legal team, as the addressee of the order. */
export const ANNEX_III_ADDRESSEE = { name: 'The service provider, legal team (addressee of the order)', contact: null };

export const ANNEX_III_FILENAME = 'annex-iii-inability-to-execute.pdf';

/** The form's bytes, or null when the decision does not call for it. */
export async function annexIIIDocument(
  demand: Demand,
  agency: Agency,
  decision: Decision,
  legalFacts: Record<string, unknown>,
  now: Date,
): Promise<Buffer | null> {
  const certificate =
    demand.instrument === 'european_production_order'
      ? 'EPOC'
      : demand.instrument === 'european_preservation_order'
        ? 'EPOC-PR'
        : null;
  if (certificate === null) return null;
  const grounds = annexIIIGrounds(decision, legalFacts.euInability as EuInabilityGround | undefined);
  if (grounds.length === 0) return null;
  return renderAnnexIII({
    certificate,
    fileNumber: demand.caseNumber,
    issuedAt: demand.issuedAt,
    receivedAt: demand.receivedAt,
    issuingState: demand.jurisdiction,
    issuingAuthority: agency.name,
    issuingCourt: demand.issuingCourt,
    addresseeReference: demand.id,
    addressee: ANNEX_III_ADDRESSEE,
    grounds,
    explanation: annexIIIExplanation(decision),
    preservation: annexIIIPreservation(grounds),
    date: now.toISOString(),
  });
}
