/**
 * Test fixtures in one place: a small directory (agencies in three legal regimes, an enterprise
 * and a consumer customer) and a valid demand to vary field by field.
 */
import type { Actor } from '../../src/domain/events.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { registerAgency } from '../../src/workflow/register-agency.ts';
import { registerCustomer } from '../../src/workflow/register-customer.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';

export const STAFF: Actor = { kind: 'staff', id: 'test-staff' };

export interface Directory {
  usPolice: string;
  dePolice: string;
  ukPolice: string;
  enterprise: string;
  consumer: string;
}

export async function seedDirectory(ctx: WorkflowContext): Promise<Directory> {
  const usPolice = await registerAgency(ctx, {
    actor: STAFF,
    input: {
      name: 'Springfield Police Department',
      country: 'US',
      subdivision: 'US-IL',
      kind: 'police',
      verifiedDomains: ['springfield-pd.example'],
      callbackPhone: '+1 217 555 0100',
    },
  });
  const dePolice = await registerAgency(ctx, {
    actor: STAFF,
    input: {
      name: 'Landeskriminalamt Berlin',
      country: 'DE',
      kind: 'police',
      verifiedDomains: ['lka.berlin.example'],
      callbackPhone: '+49 30 5550 0200',
    },
  });
  const ukPolice = await registerAgency(ctx, {
    actor: STAFF,
    input: {
      name: 'Thames Valley Police',
      country: 'GB',
      kind: 'police',
      verifiedDomains: ['tvp.police.example'],
      callbackPhone: '+44 1865 555 030',
    },
  });
  const enterprise = await registerCustomer(ctx, {
    actor: STAFF,
    input: {
      kind: 'enterprise',
      name: 'Acme Widgets Inc.',
      country: 'US',
      usPerson: true,
      domains: ['acme.example'],
      shareLegalContact: true,
      contacts: [
        { name: 'Alice Admin', email: 'admin@acme.example', role: 'admin' },
        { name: 'Larry Legal', email: 'legal@acme.example', role: 'legal' },
      ],
      accounts: [
        { displayName: 'Bob', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'bob@acme.example' }] },
        { displayName: 'Carol', dataLocation: 'IE', identifiers: [{ kind: 'email', value: 'carol@acme.example' }] },
      ],
    },
  });
  const consumer = await registerCustomer(ctx, {
    actor: STAFF,
    input: {
      kind: 'consumer',
      name: 'Dana Doe',
      country: 'US',
      usPerson: true,
      contacts: [{ name: 'Dana Doe', email: 'dana@writmail.example', role: 'account_holder' }],
      accounts: [
        {
          displayName: 'Dana',
          dataLocation: 'US',
          identifiers: [
            { kind: 'email', value: 'dana@writmail.example' },
            { kind: 'account_id', value: 'acct-1' },
          ],
        },
      ],
    },
  });
  return {
    usPolice: usPolice.id,
    dePolice: dePolice.id,
    ukPolice: ukPolice.id,
    enterprise: enterprise.id,
    consumer: consumer.id,
  };
}

/** A valid US search warrant for a consumer's content, received through the portal. */
export function warrantInput(dir: Directory, over: Partial<DemandIntake> = {}): DemandIntake {
  return {
    channel: 'agency_portal',
    agencyId: dir.usPolice,
    requester: { name: 'Det. Sam Stone', email: 'sam.stone@springfield-pd.example' },
    jurisdiction: 'US',
    // A state warrant outside California now waits for counsel on its state's execution period
    // (us.warrant.other_state_period); the fixture is a federal magistrate's warrant, which does not.
    jurisdictionSubdivision: null,
    instrument: 'search_warrant',
    issuedAt: '2026-11-01T15:00:00Z',
    issuingCourt: 'United States District Court for the Central District of Illinois',
    caseNumber: '2026-CR-0042',
    signed: true,
    targets: [{ kind: 'email', value: 'dana@writmail.example' }],
    dataCategories: ['content'],
    dateRange: { from: '2026-01-01T00:00:00Z', to: '2026-10-31T00:00:00Z' },
    ...over,
  };
}

/** An emergency request for a consumer's subscriber records, no court: spread into warrantInput's `over`. */
export const EMERGENCY = {
  instrument: 'emergency_request',
  issuingCourt: null,
  issuedAt: null,
  emergency: { description: 'A credible threat to a named person, expected within hours.' },
  dataCategories: ['subscriber'],
} as Partial<DemandIntake>;

/** The smallest valid PDF-looking bytes (intake checks the signature, not the whole file). */
export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
