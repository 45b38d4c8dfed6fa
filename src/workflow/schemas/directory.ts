/** Shapes for registering customers (tenants with their accounts) and agencies. */
import { type Static, Type as T } from '@sinclair/typebox';
import { AGENCY_KINDS, CUSTOMER_KINDS, IDENTIFIER_KINDS } from '../../domain/vocabulary.ts';
import './formats.ts';

const Str = (max: number) => T.String({ minLength: 1, maxLength: max });
const Country = T.String({ pattern: '^[A-Z]{2}$' });
const Domain = T.String({ pattern: '^[a-z0-9.-]+\\.[a-z]{2,}$', maxLength: 253 });

export const NewCustomerSchema = T.Object(
  {
    kind: T.Union(CUSTOMER_KINDS.map((k) => T.Literal(k))),
    name: Str(200),
    country: Country,
    usPerson: T.Optional(T.Union([T.Boolean(), T.Null()])),
    domains: T.Optional(T.Array(Domain, { maxItems: 50, uniqueItems: true })),
    shareLegalContact: T.Optional(T.Boolean()),
    /** The language of its notices (BCP 47: "en", "de", "fr"); English where the provider has no template for it. */
    language: T.Optional(T.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' })),
    contacts: T.Array(
      T.Object(
        {
          name: Str(200),
          email: T.String({ format: 'email', maxLength: 320 }),
          role: T.Union(['admin', 'legal', 'account_holder'].map((r) => T.Literal(r))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    accounts: T.Array(
      T.Object(
        {
          displayName: Str(200),
          dataLocation: Country,
          identifiers: T.Array(
            T.Object(
              { kind: T.Union(IDENTIFIER_KINDS.map((k) => T.Literal(k))), value: Str(320) },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 20 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10000 },
    ),
  },
  { additionalProperties: false, $id: 'NewCustomer' },
);
export type NewCustomer = Static<typeof NewCustomerSchema>;

export const NewAgencySchema = T.Object(
  {
    name: Str(300),
    country: Country,
    subdivision: T.Optional(T.Union([T.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), T.Null()])),
    kind: T.Union(AGENCY_KINDS.map((k) => T.Literal(k))),
    verifiedDomains: T.Array(Domain, { maxItems: 50, uniqueItems: true }),
    callbackPhone: T.Optional(T.Union([Str(40), T.Null()])),
    timeZone: T.Optional(
      T.Union([Str(64), T.Null()], {
        description: 'IANA time zone, e.g. "America/Los_Angeles": the days of a court\'s warrants count in it',
      }),
    ),
  },
  { additionalProperties: false, $id: 'NewAgency' },
);
export type NewAgency = Static<typeof NewAgencySchema>;
