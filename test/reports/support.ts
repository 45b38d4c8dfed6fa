/**
 * The crafted data set of the report tests, built with the real use cases on a test clock: every
 * disposition once among US and German demands, a preservation demand, an open emergency demand,
 * an enterprise demand under an indefinite secrecy order whose challenge was won, a national
 * security letter, a law firm's civil subpoena (a private request, counted apart), one demand of
 * the previous half-year, and a country (GB) that sent nothing.
 */
import type { Demand } from '../../src/domain/demand.ts';
import type { Actor } from '../../src/domain/events.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { approveDisclosure } from '../../src/workflow/approve-disclosure.ts';
import { changeChallenge } from '../../src/workflow/change-challenge.ts';
import { closeDemand } from '../../src/workflow/close-demand.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { prepareDisclosurePackage } from '../../src/workflow/prepare-disclosure-package.ts';
import { produceDisclosure } from '../../src/workflow/produce-disclosure.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { registerAgency } from '../../src/workflow/register-agency.ts';
import { rejectDemand } from '../../src/workflow/reject-demand.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import type { TestClock } from '../support/context.ts';
import { STAFF, type Directory, warrantInput } from '../support/factories.ts';

const A1: Actor = { kind: 'staff', id: 'approver-1' };
const A2: Actor = { kind: 'staff', id: 'approver-2' };

/** The demands of the crafted set, by role. */
export interface CraftedSet {
  contentDisclosed: Demand;
  rejected: Demand;
  enterpriseRedirected: Demand;
  secret: Demand;
  /** A law firm's civil subpoena for a consumer's subscriber data, closed with no data found. */
  privateSubpoena: Demand;
}

export const signing = generateLedgerSigning('reports.test.example/ledger').signing;

/** Builds the set; the clock ends in March 2026. */
export async function craftDataSet(ctx: WorkflowContext, clock: TestClock, dir: Directory): Promise<CraftedSet> {
  const intake = async (over: Partial<DemandIntake>) =>
    (
      await intakeDemand(ctx, {
        input: warrantInput(dir, { issuedAt: new Date(clock.now().getTime() - 86_400_000).toISOString(), ...over }),
        actor: STAFF,
      })
    ).demand;
  const disclose = async (d: Demand, disposition: 'content_disclosed' | 'non_content_disclosed') => {
    await acceptDemand(ctx, {
      demand: d.id,
      actor: STAFF,
      overrideReason: 'Report fixture: the disposition this row needs, whatever the advice',
    });
    await prepareDisclosurePackage(ctx, {
      demand: d.id,
      actor: STAFF,
      files: [{ name: 'records.txt', mediaType: 'text/plain', bytes: Buffer.from('records') }],
      signer: signing.signer,
    });
    await approveDisclosure(ctx, { demand: d.id, actor: A1 });
    await approveDisclosure(ctx, { demand: d.id, actor: A2 });
    await produceDisclosure(ctx, { demand: d.id, actor: A1 });
    return closeDemand(ctx, { demand: d.id, actor: STAFF, disposition });
  };

  // The previous half-year: one warrant, content disclosed.
  clock.set('2025-10-01T10:00:00Z');
  await disclose(await intake({}), 'content_disclosed');

  clock.set('2026-03-02T09:00:00Z');
  const contentDisclosed = await disclose(await intake({}), 'content_disclosed');
  await disclose(await intake({ dataCategories: ['non_content'] }), 'non_content_disclosed');
  const r = await intake({});
  await rejectDemand(ctx, {
    demand: r.id,
    actor: STAFF,
    reason: 'overbroad',
    overrideReason: 'Report fixture: the disposition this row needs, whatever the advice',
  });
  const rejected = await closeDemand(ctx, { demand: r.id, actor: STAFF, disposition: 'rejected' });
  await closeDemand(ctx, { demand: (await intake({})).id, actor: STAFF, disposition: 'withdrawn' });
  await closeDemand(ctx, { demand: (await intake({})).id, actor: STAFF, disposition: 'no_data_found' });
  const e = await intake({ targets: [{ kind: 'email', value: 'bob@acme.example' }] });
  await redirectDemand(ctx, {
    demand: e.id,
    actor: STAFF,
    note: 'enterprise data',
    overrideReason: 'Report fixture: the disposition this row needs, whatever the advice',
  });
  const enterpriseRedirected = await closeDemand(ctx, {
    demand: e.id,
    actor: STAFF,
    disposition: 'redirected_to_customer',
  });
  await recordNoticeSent(ctx, { demand: e.id, actor: STAFF, recipients: 1, channels: ['email'] });
  // Germany: an enterprise account whose data is in Ireland.
  const de = await intake({
    agencyId: dir.dePolice,
    jurisdiction: 'DE',
    jurisdictionSubdivision: undefined,
    requester: { name: 'KHK Weber', email: 'weber@lka.berlin.example' },
    issuingCourt: 'Amtsgericht Tiergarten',
    targets: [{ kind: 'email', value: 'carol@acme.example' }],
  });
  await closeDemand(ctx, { demand: de.id, actor: STAFF, disposition: 'preserved_only' });
  // A preservation demand, counted apart.
  const p = await intake({ instrument: 'preservation_request', issuingCourt: null });
  await closeDemand(ctx, { demand: p.id, actor: STAFF, disposition: 'preserved_only' });
  // An emergency, still open.
  await intake({
    channel: 'email',
    instrument: 'emergency_request',
    dataCategories: ['subscriber'],
    emergency: { description: 'Threat to life' },
    issuingCourt: null,
  });
  // An enterprise demand under a secrecy order without end, challenged and vacated; still open.
  const secret = await intake({
    targets: [{ kind: 'email', value: 'bob@acme.example' }],
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-03-01T00:00:00Z',
      expiresAt: null,
      individualizedFindings: false,
    },
  });
  let s = secret;
  if (s.challengeState === 'none')
    s = await changeChallenge(ctx, { demand: s.id, actor: STAFF, action: 'flag', grounds: ['no end date'] });
  s = await changeChallenge(ctx, { demand: s.id, actor: STAFF, action: 'file' });
  s = await changeChallenge(ctx, { demand: s.id, actor: STAFF, action: 'rule_vacated' });
  // A law firm's civil subpoena: a private party's request, not a government demand.
  const lawFirm = await registerAgency(ctx, {
    actor: STAFF,
    input: {
      name: 'Hale & Ward LLP',
      country: 'US',
      subdivision: 'US-IL',
      kind: 'civil_litigant',
      verifiedDomains: ['haleward.example'],
      callbackPhone: '+1 312 555 0199',
    },
  });
  const civil = await intake({
    agencyId: lawFirm.id,
    requester: { name: 'J. Ward', email: 'j.ward@haleward.example' },
    instrument: 'civil_subpoena',
    issuingCourt: null,
    caseNumber: '2026-CV-0107',
    dataCategories: ['subscriber'],
  });
  const privateSubpoena = await closeDemand(ctx, { demand: civil.id, actor: STAFF, disposition: 'no_data_found' });
  // Its consumer is told: a notice actually sent (the secret demand's stays held, planned only).
  await recordNoticeSent(ctx, { demand: civil.id, actor: STAFF, recipients: 1, channels: ['email'] });
  // National-security process: never in the figures, only in bands.
  await intake({
    instrument: 'national_security_letter',
    caseNumber: 'NSL-1',
    issuingCourt: undefined,
    dataCategories: ['subscriber'],
  });
  return { contentDisclosed, rejected, enterpriseRedirected, secret: s, privateSubpoena };
}
