/** Intake validation beyond the JSON shape, and the shape check the CLI uses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import { checkDemandIntake, parseDemandIntake } from '../../src/workflow/schemas/check-demand-intake.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';

const NOW = new Date('2026-11-02T09:00:00Z');
const valid: DemandIntake = {
  channel: 'email',
  agencyId: '00000000-0000-4000-8000-000000000001',
  requester: { name: 'Det. Stone', email: 'stone@pd.example' },
  jurisdiction: 'US',
  instrument: 'subpoena',
  signed: true,
  targets: [{ kind: 'email', value: 'a@b.example' }],
  dataCategories: ['subscriber'],
};

function pointers(fn: () => void): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, 'invalid_input');
    return e.fields.map((f) => f.pointer);
  }
  assert.fail('expected a validation error');
}

test('a valid demand passes', () => {
  assert.doesNotThrow(() => checkDemandIntake(valid, NOW));
});

test('a well-formed but unassigned country code is refused', () => {
  assert.deepEqual(
    pointers(() => checkDemandIntake({ ...valid, jurisdiction: 'QQ' }, NOW)),
    ['/jurisdiction'],
  );
});

test('a subdivision of another country is refused', () => {
  assert.deepEqual(
    pointers(() => checkDemandIntake({ ...valid, jurisdictionSubdivision: 'DE-BE' }, NOW)),
    ['/jurisdictionSubdivision'],
  );
});

test('a date range that ends before it starts is refused', () => {
  assert.deepEqual(
    pointers(() =>
      checkDemandIntake({ ...valid, dateRange: { from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } }, NOW),
    ),
    ['/dateRange/to'],
  );
});

test('a secrecy order that expires before it was issued is refused', () => {
  const secrecyOrder = {
    legalBasis: '18 U.S.C. 2705(b)',
    issuedAt: '2026-05-01T00:00:00Z',
    expiresAt: '2026-04-01T00:00:00Z',
    individualizedFindings: true,
  };
  assert.deepEqual(
    pointers(() => checkDemandIntake({ ...valid, secrecyOrder }, NOW)),
    ['/secrecyOrder/expiresAt'],
  );
});

test('an instrument issued after receipt, a receipt in the future and a duplicate target are all named at once', () => {
  const p = pointers(() =>
    checkDemandIntake(
      {
        ...valid,
        receivedAt: '2027-01-01T00:00:00Z',
        targets: [
          { kind: 'email', value: 'A@b.example' },
          { kind: 'email', value: 'a@b.example' },
        ],
      },
      NOW,
    ),
  );
  assert.deepEqual(p.sort(), ['/receivedAt', '/targets/1'].sort());
});

test('an emergency request must describe the emergency', () => {
  assert.deepEqual(
    pointers(() => checkDemandIntake({ ...valid, instrument: 'emergency_request' }, NOW)),
    ['/emergency'],
  );
});

test('the shape check names missing and unknown fields and wrong enums', () => {
  const { instrument: _, ...noInstrument } = valid;
  assert.ok(pointers(() => parseDemandIntake(noInstrument)).some((p) => p === '/instrument'));
  assert.ok(pointers(() => parseDemandIntake({ ...valid, instrument: 'letter_of_marque' })).includes('/instrument'));
  assert.ok(pointers(() => parseDemandIntake({ ...valid, surprise: 1 })).some((p) => p.includes('surprise')));
  assert.ok(pointers(() => parseDemandIntake({ ...valid, dataCategories: [] })).includes('/dataCategories'));
  assert.ok(
    pointers(() => parseDemandIntake({ ...valid, requester: { name: 'x', email: 'not-an-email' } })).includes(
      '/requester/email',
    ),
  );
});
