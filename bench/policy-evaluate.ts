/**
 * Policy evaluations per second on one core, for a realistic mix of demands: mostly US
 * subpoenas and warrants, some emergencies and preservations, EU and UK orders, foreign requests,
 * enterprise targets and secrecy orders. Runs for about three seconds and prints the figure.
 *
 *   node --import tsx bench/policy-evaluate.ts
 */
import { evaluate } from '../src/policy/evaluate.ts';
import { loadPacks } from '../src/policy/load-packs.ts';
import type { PolicyInput } from '../src/policy/types.ts';
import { enterprise, eu, foreign, uk, us } from '../test/policy/fixtures.ts';

const TARGET_PER_SECOND = 50_000;
const RUN_MS = 3_000;

const gag = {
  legalBasis: '18 U.S.C. 2705(b)',
  issuedAt: '2026-09-01T00:00:00Z',
  expiresAt: null,
  individualizedFindings: false,
};

/** Weighted roughly like a provider's inbound mix: [demand, how many of each in the rotation]. */
const MIX: [PolicyInput, number][] = [
  [us({ instrument: 'subpoena', dataCategories: ['subscriber'] }), 8],
  [us({ instrument: 'grand_jury_subpoena', dataCategories: ['subscriber', 'non_content'] }), 3],
  [us({ instrument: 'court_order_2703d', dataCategories: ['subscriber', 'non_content'] }), 3],
  [us(), 5],
  [us({ targets: [enterprise()], secrecyOrder: gag }), 1],
  [us({ issuedAt: '2026-08-01T00:00:00Z' }), 1],
  [
    us({
      instrument: 'emergency_request',
      emergency: { description: 'threat to life' },
      requester: { callbackConfirmed: false },
    }),
    2,
  ],
  [us({ instrument: 'preservation_request', preservationRenewals: 1 }), 3],
  [us({ instrument: 'national_security_letter', dataCategories: ['subscriber'] }), 1],
  [us({ target: { residenceCountry: 'GB', usPerson: false, storageCountry: 'IE' } }), 1],
  [eu(), 2],
  [eu({ dataCategories: ['content'], eu: { offenceCommittedInIssuingState: false } }), 1],
  [eu({ instrument: 'european_preservation_order' }), 1],
  [uk(), 1],
  [foreign(), 2],
  [foreign({ dataCategories: ['content'] }), 2],
];

const rotation: PolicyInput[] = MIX.flatMap(([input, weight]) => Array.from({ length: weight }, () => input));
const packs = loadPacks();

// Warm up so the figure measures steady state, not compilation.
for (let i = 0; i < 20_000; i++) evaluate(rotation[i % rotation.length]!, packs);

let count = 0;
let sink = 0;
const start = process.hrtime.bigint();
const deadline = start + BigInt(RUN_MS) * 1_000_000n;
while (process.hrtime.bigint() < deadline) {
  for (let i = 0; i < 1_000; i++) {
    sink += evaluate(rotation[(count + i) % rotation.length]!, packs).firedRules.length;
  }
  count += 1_000;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const perSecond = Math.round(count / seconds);

console.log(
  `policy evaluate: ${perSecond.toLocaleString('en-US')} evaluations/s on one core (${count} in ${seconds.toFixed(2)} s, ${rotation.length}-demand mix; checksum ${sink})`,
);
console.log(
  perSecond >= TARGET_PER_SECOND
    ? `target of ${TARGET_PER_SECOND.toLocaleString('en-US')}/s met`
    : `BELOW target of ${TARGET_PER_SECOND.toLocaleString('en-US')}/s`,
);
if (perSecond < TARGET_PER_SECOND) process.exitCode = 1;
