/** Field by field: does what was read equal the answer key? One definition for the test and the bench. */
import { type DemandFields, FIELD_KEYS } from '../../src/documents/demand-fields.ts';
import type { AnswerKey } from './legal-corpus.ts';

export const FIELD_NAMES = [...FIELD_KEYS, 'identifiers'] as const;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function compareFields(got: DemandFields, key: AnswerKey): [string, boolean][] {
  const v = <K extends keyof DemandFields>(k: K) => (got[k] as { value: unknown } | undefined)?.value ?? null;
  const ids = got.identifiers.map((i) => `${i.value.kind}:${i.value.value}`).sort();
  const keyIds = key.identifiers.map((i) => `${i.kind}:${i.value}`).sort();
  const secrecy = got.secrecyOrder?.value ?? null;
  return [
    ['instrument', v('instrument') === key.instrument],
    ['issuingAuthority', norm(String(v('issuingAuthority') ?? '')) === norm(key.issuingAuthority)],
    ['jurisdiction', v('jurisdiction') === key.jurisdiction],
    ['caseNumber', v('caseNumber') === key.caseNumber],
    ['issuedAt', v('issuedAt') === key.issuedAt],
    ['executeBy', (v('executeBy') ?? null) === key.executeBy],
    ['identifiers', JSON.stringify(ids) === JSON.stringify(keyIds)],
    ['dataCategories', JSON.stringify(v('dataCategories') ?? []) === JSON.stringify(key.dataCategories)],
    ['dateRange', JSON.stringify(v('dateRange')) === JSON.stringify(key.dateRange)],
    [
      'secrecyOrder',
      key.secrecyOrder === null
        ? secrecy === null
        : secrecy !== null &&
          secrecy.endsAt === key.secrecyOrder.endsAt &&
          secrecy.untilFurtherOrder === key.secrecyOrder.untilFurtherOrder,
    ],
    ['emergency', norm(String(v('emergency') ?? '')) === norm(key.emergency ?? '')],
    ['requesterName', norm(String(v('requesterName') ?? '')) === norm(key.requesterName)],
    ['requesterEmail', v('requesterEmail') === key.requesterEmail],
    ['requesterPhone', v('requesterPhone') === key.requesterPhone],
    ['signed', v('signed') === key.signed],
  ];
}
