/**
 * The shape of a demand as an agency, a staff member or a script submits it. One schema for the
 * HTTP edge (Fastify validates and documents it), the CLI and the tests.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { CHANNELS, DATA_CATEGORIES, IDENTIFIER_KINDS, INSTRUMENTS } from '../../domain/vocabulary.ts';
import { EU_INABILITY_GROUNDS } from '../../policy/codes.ts';
import './formats.ts';

const Str = (max: number, extra: object = {}) => T.String({ minLength: 1, maxLength: max, ...extra });
const Nullable = <S extends ReturnType<typeof T.String> | ReturnType<typeof T.Object> | ReturnType<typeof T.Number>>(
  s: S,
) => T.Union([s, T.Null()]);
const DateTime = T.String({ format: 'date-time', description: 'RFC 3339 timestamp' });

export const TargetInput = T.Object(
  {
    kind: T.Union(
      IDENTIFIER_KINDS.map((k) => T.Literal(k)),
      { description: 'What the value is' },
    ),
    value: Str(320, { description: 'The identifier as the demand states it' }),
    locatedIn: T.Optional(
      T.Union([T.String({ pattern: '^[A-Z]{2}$' }), T.Null()], {
        description:
          'ISO 3166-1 country where the person is located, as the order states (the US-UK Agreement excludes persons located in the US)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SecrecyOrderInput = T.Object(
  {
    legalBasis: Str(300, { description: 'e.g. "18 U.S.C. 2705(b)"' }),
    issuedAt: DateTime,
    expiresAt: T.Union([DateTime, T.Null()], { description: 'null when the order states no end date' }),
    individualizedFindings: T.Boolean({ description: 'Did the court make findings specific to this case?' }),
    enterpriseNoticeRisk: T.Optional(
      T.Boolean({
        description:
          'Does the order find that telling the enterprise customer itself (its officers) would put the investigation at risk?',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Facts the law turns on that have no field of their own. All optional. */
export const LegalFactsInput = T.Object(
  {
    issuingAuthority: T.Optional(
      T.Union(
        ['judge', 'court', 'investigating_judge', 'prosecutor', 'police', 'administrative', 'other'].map((k) =>
          T.Literal(k),
        ),
      ),
    ),
    validatedByJudge: T.Optional(T.Boolean()),
    validatedBy: T.Optional(
      T.Union(
        ['judge', 'court', 'investigating_judge', 'prosecutor'].map((k) => T.Literal(k)),
        { description: 'EU: who validated an order issued by another authority (Art. 4(1)(b), 4(2)(b), 4(3)(b))' },
      ),
    ),
    identificationOnly: T.Optional(
      T.Boolean({ description: 'EU: subscriber data requested only to identify the user' }),
    ),
    offenceCommittedInIssuingState: T.Optional(T.Boolean()),
    personResidesInIssuingState: T.Optional(T.Boolean()),
    enforcingStateAnswer: T.Optional(T.Union(['none', 'no_objection', 'ground_for_refusal'].map((k) => T.Literal(k)))),
    preservationRenewals: T.Optional(T.Integer({ minimum: 0, maximum: 10 })),
    noDataFound: T.Optional(T.Boolean()),
    nondisclosureCertified: T.Optional(
      T.Boolean({
        description:
          "National security letter: does it carry the FBI's non-disclosure certification (18 U.S.C. 2709(c)(1))?",
      }),
    ),
    tollBillingRecordsOnly: T.Optional(
      T.Boolean({ description: 'National security letter: the records asked for are toll billing records only' }),
    ),
    controllerNotToBeInformed: T.Optional(
      T.Boolean({
        description: 'EU: the issuing authority asked the provider not to inform the controller (Art. 5(6))',
      }),
    ),
    euInability: T.Optional(
      T.Union(
        EU_INABILITY_GROUNDS.map((k) => T.Literal(k)),
        { description: 'EU: why the provider cannot execute the order as it stands (answered on the Annex III form)' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DemandIntakeSchema = T.Object(
  {
    channel: T.Union(CHANNELS.map((c) => T.Literal(c))),
    receivedAt: T.Optional(DateTime),
    agencyId: T.String({ format: 'uuid' }),
    requester: T.Object(
      { name: Str(200), email: T.String({ format: 'email', maxLength: 320 }), phone: T.Optional(Nullable(Str(40))) },
      { additionalProperties: false },
    ),
    jurisdiction: T.String({
      pattern: '^[A-Z]{2}$',
      description: 'ISO 3166-1 alpha-2 country of the issuing authority',
    }),
    jurisdictionSubdivision: T.Optional(Nullable(T.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }))),
    instrument: T.Union(INSTRUMENTS.map((i) => T.Literal(i))),
    issuedAt: T.Optional(T.Union([DateTime, T.Null()])),
    issuingCourt: T.Optional(Nullable(Str(300))),
    caseNumber: T.Optional(Nullable(Str(100))),
    signed: T.Boolean(),
    targets: T.Array(TargetInput, { minItems: 1, maxItems: 1000 }),
    dataCategories: T.Array(T.Union(DATA_CATEGORIES.map((c) => T.Literal(c))), {
      minItems: 1,
      maxItems: 4,
      uniqueItems: true,
    }),
    dateRange: T.Optional(
      T.Object(
        { from: T.Union([DateTime, T.Null()]), to: T.Union([DateTime, T.Null()]) },
        { additionalProperties: false },
      ),
    ),
    emergency: T.Optional(T.Union([T.Object({ description: Str(5000) }, { additionalProperties: false }), T.Null()])),
    secrecyOrder: T.Optional(T.Union([SecrecyOrderInput, T.Null()])),
    offence: T.Optional(
      T.Union([
        T.Object(
          {
            description: Str(1000),
            maxSentenceYears: T.Union([T.Number({ minimum: 0, maximum: 200 }), T.Null()]),
            listedOffence: T.Optional(T.Boolean({ description: 'EU Reg. 2023/1543 Art. 5(4) list' })),
          },
          { additionalProperties: false },
        ),
        T.Null(),
      ]),
    ),
    legalFacts: T.Optional(LegalFactsInput),
    renewsReference: T.Optional(
      T.String({
        pattern: '^WR-[0-9]{4}-[0-9]{6}$',
        description: 'A preservation renewal: the reference of the preservation it extends (same agency)',
      }),
    ),
    responseDeadline: T.Optional(
      T.Union([DateTime, T.Null()], { description: 'Deadline the instrument itself states' }),
    ),
  },
  { additionalProperties: false, $id: 'DemandIntake' },
);
export type DemandIntake = Static<typeof DemandIntakeSchema>;
