/**
 * Reading fields from a document's text: cases the generated corpus met only in some seeds. A
 * period whose end is written in words ("to May 25, 2026") and a labelled court whose name runs
 * on to the next line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDemandFields } from '../../src/documents/demand-fields.ts';
import type { PageText } from '../../src/documents/page-text.ts';

const page = (text: string): PageText[] => [
  { page: 1, source: 'text', confidence: 1, text, lines: [], width: 612, height: 792 },
];

test('a period from one written date to another keeps both ends', () => {
  for (const [text, range] of [
    ['for the period from January 21, 2026 to May 25, 2026.', { from: '2026-01-21', to: '2026-05-25' }],
    ['records between 3 March 2026 and 9 April 2026', { from: '2026-03-03', to: '2026-04-09' }],
    ['from 2026-02-01 through 2026-02-28', { from: '2026-02-01', to: '2026-02-28' }],
    ['from May 31, 2025 to the present.', { from: '2025-05-31', to: null }],
  ] as const)
    assert.deepEqual(extractDemandFields(page(`United States District Court\n${text}`)).dateRange?.value, range, text);
});

test('a labelled court name cut at the end of its line is read whole', () => {
  const f = extractDemandFields(
    page(
      'Issuing court: United States District Court for the Northern District of\nCalifornia\nMisc. No.: 3:26-mj-01039',
    ),
  );
  assert.equal(f.issuingAuthority?.value, 'United States District Court for the Northern District of California');
  assert.deepEqual(
    f.issuingAuthority?.evidence.map((e) => e.text),
    ['United States District Court for the Northern District of', 'California'],
  );
  // A name that ends where its line does is left alone.
  const whole = extractDemandFields(page('Issuing court: Amtsgericht Tiergarten\nAktenzeichen: 351 Gs 12/26'));
  assert.equal(whole.issuingAuthority?.value, 'Amtsgericht Tiergarten');
});
