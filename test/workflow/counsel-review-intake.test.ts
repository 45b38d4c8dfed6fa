/**
 * The facts outside counsel's review added to a demand, through intake on a real PostgreSQL: a
 * private party's demand carries that it is a private request; a preservation renewal is linked to
 * the preservation it extends; execution days are counted in the issuing court's time zone from the
 * directory; the new facts are checked and stored.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import type { Decision } from '../../src/policy/types.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { registerAgency } from '../../src/workflow/register-agency.ts';
import { reweighDemand } from '../../src/workflow/reweigh-demand.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { testClock, testContext } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
let litigant: string;
let pacificPolice: string;
const clock = testClock('2026-11-20T09:00:00Z');
const docs = [{ filename: 'process.pdf', mediaType: 'application/pdf', bytes: PDF_BYTES }];

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  litigant = (
    await registerAgency(ctx, {
      actor: STAFF,
      input: {
        name: 'Harlow & Finch LLP (for plaintiff)',
        country: 'US',
        kind: 'civil_litigant',
        verifiedDomains: ['harlowfinch.example'],
        timeZone: 'America/Chicago',
      },
    })
  ).id;
  pacificPolice = (
    await registerAgency(ctx, {
      actor: STAFF,
      input: {
        name: 'San Mateo County Sheriff',
        country: 'US',
        kind: 'police',
        verifiedDomains: ['smcsheriff.example'],
        timeZone: 'America/Los_Angeles',
      },
    })
  ).id;
});
after(() => t.drop());

const ctx = () => testContext(t.db, clock);
const decisionOf = async (id: string) =>
  await t.db.selectFrom('demands').select(['decision', 'legal_facts']).where('id', '=', id).executeTakeFirstOrThrow();
/** Take in `input` as staff and return the stored decision. */
const decide = async (input: DemandIntake) => {
  const { demand } = await intakeDemand(ctx(), { input, documents: docs, actor: STAFF });
  return (await decisionOf(demand.id)).decision as unknown as Decision;
};
const refusedAt = async (p: Promise<unknown>, pointer: string) =>
  assert.rejects(p, (e: unknown) => e instanceof DomainError && e.fields.some((f) => f.pointer === pointer));

describe('private requests', () => {
  test('a civil litigant in the directory makes a private request: marked in the stored decision, content barred', async () => {
    const { demand } = await intakeDemand(ctx(), {
      input: warrantInput(dir, {
        agencyId: litigant,
        requester: { name: 'A. Harlow', email: 'a.harlow@harlowfinch.example' },
        instrument: 'civil_subpoena',
        jurisdictionSubdivision: null,
        issuingCourt: 'Superior Court of California, County of San Mateo',
        dataCategories: ['subscriber', 'content'],
      }),
      documents: docs,
      actor: STAFF,
    });
    const d = (await decisionOf(demand.id)).decision as unknown as Decision;
    assert.equal(d.requesterKind, 'private');
    assert.ok(d.flags.some((f) => f.code === 'private_request'));
    assert.equal(d.categories.find((c) => c.category === 'content')?.sufficient, false);
  });

  test('a police department makes a government demand', async () => {
    assert.equal((await decide(warrantInput(dir))).requesterKind, 'government');
  });
});

describe('preservation renewals', () => {
  const preservation = (over: Partial<DemandIntake> = {}) =>
    warrantInput(dir, {
      instrument: 'preservation_request',
      jurisdictionSubdivision: null,
      issuingCourt: null,
      issuedAt: '2026-09-01T00:00:00Z',
      dataCategories: ['subscriber', 'content'],
      ...over,
    });

  test('a renewal runs 90 days from the end of the first period, and a third request is flagged', async () => {
    clock.set('2026-09-03T09:00:00Z');
    const first = (await intakeDemand(ctx(), { input: preservation(), documents: docs, actor: STAFF })).demand;
    assert.equal(first.preservedUntil, '2026-12-02T09:00:00.000Z');
    clock.set('2026-11-20T09:00:00Z');
    const second = (
      await intakeDemand(ctx(), {
        input: preservation({ renewsReference: first.reference }),
        documents: docs,
        actor: STAFF,
      })
    ).demand;
    assert.equal(second.preservedUntil, '2027-03-02T09:00:00.000Z');
    const facts = (await decisionOf(second.id)).legal_facts as Record<string, unknown>;
    assert.deepEqual(
      { start: facts.preservationStartedAt, renewals: facts.preservationRenewals, renews: facts.renews },
      { start: '2026-09-03T09:00:00.000Z', renewals: 1, renews: first.reference },
    );
    clock.set('2027-02-20T09:00:00Z');
    const third = (
      await intakeDemand(ctx(), {
        input: preservation({ renewsReference: second.reference }),
        documents: docs,
        actor: STAFF,
      })
    ).demand;
    const d = (await decisionOf(third.id)).decision as unknown as Decision;
    assert.ok(d.flags.some((f) => f.code === 'preservation_extension_exhausted'));
    assert.equal(third.preservedUntil, '2027-03-02T09:00:00.000Z');
    // No notice at preservation time: held, with no release date, until the process that follows.
    assert.deepEqual([third.noticeState, third.noticeHeldUntil], ['held', null]);
    const jobs = await t.db.selectFrom('outbox').select('kind').where('demand_id', '=', third.id).execute();
    assert.ok(!jobs.some((j) => j.kind === 'notice.deliver'), 'no notice is sent');
  });

  test('a renewal must name a preservation of the same agency', async () => {
    clock.set('2026-11-20T09:00:00Z');
    const warrant = (await intakeDemand(ctx(), { input: warrantInput(dir), documents: docs, actor: STAFF })).demand;
    await refusedAt(
      intakeDemand(ctx(), {
        input: preservation({ renewsReference: warrant.reference }),
        documents: docs,
        actor: STAFF,
      }),
      '/renewsReference',
    );
    await refusedAt(
      intakeDemand(ctx(), {
        input: preservation({ renewsReference: 'WR-2026-999999' }),
        documents: docs,
        actor: STAFF,
      }),
      '/renewsReference',
    );
    const other = (
      await intakeDemand(ctx(), {
        input: preservation({
          agencyId: pacificPolice,
          requester: { name: 'Dep. Cruz', email: 'cruz@smcsheriff.example' },
        }),
        documents: docs,
        actor: STAFF,
      })
    ).demand;
    await refusedAt(
      intakeDemand(ctx(), { input: preservation({ renewsReference: other.reference }), documents: docs, actor: STAFF }),
      '/renewsReference',
    );
    await refusedAt(
      intakeDemand(ctx(), {
        input: preservation({ renewsReference: other.reference, legalFacts: { preservationRenewals: 1 } }),
        documents: docs,
        actor: STAFF,
      }),
      '/legalFacts/preservationRenewals',
    );
    await refusedAt(
      intakeDemand(ctx(), {
        input: warrantInput(dir, { renewsReference: other.reference }),
        documents: docs,
        actor: STAFF,
      }),
      '/renewsReference',
    );
  });
});

describe('the issuing court time zone comes from the directory', () => {
  const lateWarrant = (agencyId: string, email: string) =>
    warrantInput(dir, {
      agencyId,
      requester: { name: 'Dep. Cruz', email },
      jurisdictionSubdivision: null,
      issuingCourt: 'U.S. District Court for the Northern District of California',
      issuedAt: '2026-09-01T17:00:00Z',
      // 18:00 Pacific on the 14th day after issue; 01:00 UTC on the 15th.
      receivedAt: '2026-09-16T01:00:00Z',
    });

  test('served at 18:00 Pacific on the last day by an agency in the Pacific zone: in time', async () => {
    clock.set('2026-09-16T02:00:00Z');
    const { demand } = await intakeDemand(ctx(), {
      input: lateWarrant(pacificPolice, 'cruz@smcsheriff.example'),
      documents: docs,
      actor: STAFF,
    });
    const d = (await decisionOf(demand.id)).decision as unknown as Decision;
    assert.ok(!d.firedRules.includes('us.warrant.federal_execution_period'), d.firedRules.join(', '));
    // Weighed again later, the same directory zone counts the days.
    await reweighDemand(ctx(), { demand: demand.id, actor: STAFF });
    const again = (await decisionOf(demand.id)).decision as unknown as Decision;
    assert.ok(!again.firedRules.includes('us.warrant.federal_execution_period'), again.firedRules.join(', '));
  });

  test('a court in the directory gives its own zone, whoever serves its warrant', async () => {
    clock.set('2026-09-16T02:00:00Z');
    await registerAgency(ctx(), {
      actor: STAFF,
      input: {
        name: 'U.S. District Court for the Northern District of California',
        country: 'US',
        kind: 'court',
        verifiedDomains: ['cand.uscourts.example'],
        timeZone: 'America/Los_Angeles',
      },
    });
    // The Springfield police have no zone in the directory: the named court's decides.
    const d = await decide(lateWarrant(dir.usPolice, 'sam.stone@springfield-pd.example'));
    assert.ok(!d.firedRules.includes('us.warrant.federal_execution_period'), d.firedRules.join(', '));
  });

  test('with no zone in the directory, days are UTC days: the same warrant is stale', async () => {
    clock.set('2026-09-16T02:00:00Z');
    const d = await decide({
      ...lateWarrant(dir.usPolice, 'sam.stone@springfield-pd.example'),
      issuingCourt: 'U.S. District Court for the District of Nowhere',
    });
    assert.ok(d.firedRules.includes('us.warrant.federal_execution_period'));
  });

  test('an agency with an unknown time zone is refused', async () => {
    await refusedAt(
      registerAgency(ctx(), {
        actor: STAFF,
        input: { name: 'Nowhere PD', country: 'US', kind: 'police', verifiedDomains: [], timeZone: 'America/Atlantis' },
      }),
      '/timeZone',
    );
  });
});

describe('facts of the instrument', () => {
  test('NSL facts apply to an NSL only; a target location must be a country', async () => {
    await refusedAt(
      intakeDemand(ctx(), {
        input: warrantInput(dir, { legalFacts: { nondisclosureCertified: true } }),
        documents: docs,
        actor: STAFF,
      }),
      '/legalFacts/nondisclosureCertified',
    );
    await refusedAt(
      intakeDemand(ctx(), {
        input: warrantInput(dir, { targets: [{ kind: 'email', value: 'dana@writmail.example', locatedIn: 'XX' }] }),
        documents: docs,
        actor: STAFF,
      }),
      '/targets/0/locatedIn',
    );
  });

  test('a UK order for a person located in the United States is refused by the engine', async () => {
    clock.set('2026-10-01T10:00:00Z');
    const { demand } = await intakeDemand(ctx(), {
      input: {
        channel: 'staff_entry',
        agencyId: dir.ukPolice,
        requester: { name: 'DC Jones', email: 'jones@tvp.police.example' },
        jurisdiction: 'GB',
        instrument: 'overseas_production_order',
        issuedAt: '2026-09-15T00:00:00Z',
        issuingCourt: 'Crown Court at Reading',
        signed: true,
        targets: [{ kind: 'email', value: 'dana@writmail.example', locatedIn: 'US' }],
        dataCategories: ['content'],
        dateRange: { from: '2026-01-01T00:00:00Z', to: '2026-06-30T00:00:00Z' },
        offence: { description: 'fraud', maxSentenceYears: 10 },
      },
      documents: docs,
      actor: STAFF,
    });
    const row = await decisionOf(demand.id);
    const d = row.decision as unknown as Decision;
    assert.equal(d.route.route, 'reject');
    assert.ok(d.firedRules.includes('uk.opo.us_person_target'));
    assert.deepEqual((row.legal_facts as Record<string, unknown>).targetLocations, ['US']);
  });
});
