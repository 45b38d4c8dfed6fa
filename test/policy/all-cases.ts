/** Every policy case, from all tables. */
import { COUNSEL_REVIEW_CASES } from './cases-counsel-review.ts';
import { EU_CASES } from './cases-eu.ts';
import { INTERACTION_CASES } from './cases-interactions.ts';
import { PROVIDER_CASES } from './cases-provider.ts';
import { FOREIGN_CASES, UK_CASES } from './cases-uk-foreign.ts';
import { US_CASES } from './cases-us.ts';
import type { PolicyCase } from './harness.ts';

export const ALL_CASES: readonly PolicyCase[] = [
  ...US_CASES,
  ...EU_CASES,
  ...UK_CASES,
  ...FOREIGN_CASES,
  ...PROVIDER_CASES,
  ...INTERACTION_CASES,
  ...COUNSEL_REVIEW_CASES,
];
