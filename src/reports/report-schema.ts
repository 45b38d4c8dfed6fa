/**
 * The JSON Schema (2020-12) of a published report, served at /api/v1/reports/schema.json and kept
 * in docs/report.schema.json (a test checks the two are the same).
 */
import { DATA_CATEGORIES, DISPOSITIONS, INSTRUMENTS, NATIONAL_SECURITY_INSTRUMENTS } from '../domain/vocabulary.ts';
import { REPORT_FORMAT } from './report-document.ts';

const count = { type: 'integer', minimum: 0 };
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
  ...extra,
});
const share = { $ref: '#/$defs/share' };
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const band = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)-[1-9][0-9]*$',
  description: 'a band such as "0-499"; never an exact number',
};
const reportable = INSTRUMENTS.filter((i) => !NATIONAL_SECURITY_INSTRUMENTS.has(i));

const figureProps = {
  received: count,
  accountsSpecified: count,
  accountsAffected: count,
  open: count,
  closed: count,
  someDataProduced: share,
  dispositions: obj(Object.fromEntries(DISPOSITIONS.map((d) => [d, share]))),
};

/** A requesting country: its code (ISO 3166-1, also CLDR) and English name. */
const country = { country: { type: 'string', pattern: '^[A-Z]{2}$' }, countryName: { type: 'string' } };

const countryProcess = obj({
  instrument: { enum: reportable },
  received: count,
  accountsSpecified: count,
  closed: count,
  someDataProduced: share,
});

/** The schema, as a plain object. */
export const REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://writ.example/api/v1/reports/schema.json',
  title: 'Writ transparency report',
  description:
    "Government demands for customer data received in a period, their outcomes, private parties' requests counted apart, the customer notices sent, and the ledger checkpoint the figures can be recomputed from.",
  ...obj({
    format: { const: REPORT_FORMAT },
    scope: { enum: ['provider', 'tenant'] },
    period: obj({
      label: { type: 'string' },
      kind: { enum: ['half', 'quarter', 'year', 'range'] },
      from: day,
      last: day,
    }),
    generatedAt: { type: 'string', format: 'date-time' },
    ledger: {
      oneOf: [
        { type: 'null' },
        obj({
          origin: { type: 'string' },
          treeSize: count,
          rootHash: { type: 'string', pattern: '^[A-Za-z0-9+/]{43}=$' },
          checkpoint: { type: 'string' },
          verifierKey: {
            oneOf: [{ type: 'null' }, { type: 'string', pattern: '^[^+\\s]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*$' }],
          },
        }),
      ],
    },
    totals: { $ref: '#/$defs/figures', description: 'government production demands' },
    privateRequests: obj(
      {
        ...figureProps,
        preservation: count,
        byCountry: {
          type: 'array',
          items: obj({ ...country, ...figureProps }),
        },
      },
      { description: "private parties' production requests (civil litigants), in no other figure of requests" },
    ),
    preservation: { $ref: '#/$defs/figures' },
    emergency: { $ref: '#/$defs/figures' },
    byCountry: {
      type: 'array',
      items: obj({
        ...country,
        ...figureProps,
        legalProcess: { type: 'array', items: countryProcess },
        preservation: { type: 'array', items: countryProcess },
      }),
    },
    byInstrument: {
      type: 'array',
      items: obj({ instrument: { enum: reportable }, label: { type: 'string' }, ...figureProps }),
    },
    byDataCategory: {
      type: 'array',
      items: obj({ category: { enum: [...DATA_CATEGORIES] }, label: { type: 'string' }, ...figureProps }),
    },
    enterprise: obj({
      demands: count,
      accountsSpecified: count,
      redirected: count,
      contentDisclosed: count,
      nonContentDisclosed: count,
      open: count,
      notice: obj({ atOnce: count, delayed: count, never: count }),
    }),
    notices: obj(
      { enterprise: { $ref: '#/$defs/noticeAudience' }, consumer: { $ref: '#/$defs/noticeAudience' } },
      { description: 'customer notices actually sent, of the demands received in the period (government and private)' },
    ),
    secrecyOrders: obj({
      demands: count,
      indefinite: count,
      overAYear: count,
      challenged: count,
      pending: count,
      upheld: count,
      narrowed: count,
      vacated: count,
    }),
    extraterritorial: obj({
      demands: count,
      byCountry: {
        type: 'array',
        items: obj({ ...country, demands: count }),
      },
    }),
    trend: { type: 'array', items: obj({ period: { type: 'string' }, received: count, disclosed: count }) },
    nationalSecurity: obj({
      statute: { type: 'string' },
      bandWidth: { const: 500 },
      delayDays: { const: 180 },
      status: { enum: ['reported', 'withheld', 'not_reported'] },
      publishableFrom: { oneOf: [{ type: 'null' }, day] },
      nationalSecurityLetters: { $ref: '#/$defs/banded' },
      fisaContent: { $ref: '#/$defs/banded' },
      fisaNonContent: { $ref: '#/$defs/banded' },
    }),
  }),
  $defs: {
    share: obj({ count, percent: { type: 'number', minimum: 0, maximum: 100 } }),
    figures: obj(figureProps),
    noticeAudience: obj({
      demands: { ...count, description: 'the base: demands naming an account of such a customer' },
      noticeSent: obj({ count, percent: { type: 'number', minimum: 0 } }),
      customersTold: count,
    }),
    banded: { oneOf: [{ type: 'null' }, obj({ demands: band, accounts: band })] },
  },
} as const;
