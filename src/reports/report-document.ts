/**
 * DATA CONTRACT: the transparency report as published (JSON; its schema is report-schema.ts and
 * docs/report.schema.json). Every other format is rendered from this object.
 */
import type { TrendPoint } from './fact-rows.ts';
import type { NationalSecuritySection } from './national-security.ts';
import type { Period } from './period.ts';
import type { ReportSections } from './report-sections.ts';

/** The format tag of a report. */
export const REPORT_FORMAT = 'writ-transparency-report/1';

/** The signed checkpoint the figures were computed from. */
export interface LedgerBinding {
  origin: string;
  treeSize: number;
  /** Standard base64 of the tree's root hash. */
  rootHash: string;
  /** The signed note (c2sp.org/tlog-checkpoint), exactly as published. */
  checkpoint: string;
  /** The key that verifies the checkpoint (`<name>+<id>+<base64>`), published with every report; null when the report was made without it. */
  verifierKey: string | null;
}

/** A transparency report. */
export interface TransparencyReport extends ReportSections {
  format: typeof REPORT_FORMAT;
  /** "provider": the provider's public report; "tenant": one enterprise customer's own demands. */
  scope: 'provider' | 'tenant';
  period: Pick<Period, 'label' | 'kind' | 'from' | 'last'>;
  generatedAt: string;
  /** The checkpoint the figures can be recomputed from; null for a tenant's report. */
  ledger: LedgerBinding | null;
  /** Received and disclosing production demands of the six half-years ending with this period. */
  trend: TrendPoint[];
  nationalSecurity: NationalSecuritySection;
}

/** The part of a report that the public ledger determines, in the order it is compared. */
export const VERIFIABLE_SECTIONS = [
  'totals',
  'privateRequests',
  'byCountry',
  'byInstrument',
  'byDataCategory',
  'emergency',
  'preservation',
  'enterprise',
  'notices',
  'secrecyOrders',
  'extraterritorial',
  'trend',
] as const satisfies readonly (keyof TransparencyReport)[];
