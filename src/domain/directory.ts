/** Customers (tenants), their accounts and contacts, and the agencies that send demands. */
import type { AgencyKind, CustomerKind, IdentifierKind, RequesterVerification } from './vocabulary.ts';

export interface CustomerContact {
  id: string;
  name: string;
  email: string;
  /** admin: enterprise administrator; legal: designated legal contact; account_holder: a consumer. */
  role: 'admin' | 'legal' | 'account_holder';
  /** Receives customer notices. */
  designated: boolean;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  /** Country of residence or establishment (ISO 3166-1). */
  country: string;
  /** US person for 50 USC 1801(i) / CLOUD Act comity purposes; null when unknown. */
  usPerson: boolean | null;
  domains: string[];
  /** May a redirect letter give agencies the customer's legal contact? */
  shareLegalContact: boolean;
  notificationPrefs: { email?: boolean; webhook?: boolean };
  /** The language its notices are written in (BCP 47: "en", "de", "fr"); English where no template exists. */
  language: string;
  contacts: CustomerContact[];
  createdAt: string;
}

export interface Account {
  id: string;
  customerId: string;
  displayName: string;
  /** Country where the account's data is stored (matters for CLOUD Act and GDPR Art. 48). */
  dataLocation: string;
  identifiers: { kind: IdentifierKind; value: string }[];
}

export interface Agency {
  id: string;
  name: string;
  country: string;
  subdivision: string | null;
  kind: AgencyKind;
  /** E-mail domains confirmed to belong to the agency. */
  verifiedDomains: string[];
  /** Call-back number from an independent directory, never taken from a request. */
  callbackPhone: string | null;
  /** IANA time zone (e.g. "America/Los_Angeles"); execution days of a court's warrants count in it. */
  timeZone?: string | null;
  createdAt: string;
}

export interface Requester {
  id: string;
  agencyId: string;
  name: string;
  email: string;
  phone: string | null;
  verification: RequesterVerification;
}

/** Identifiers are compared in one canonical form: trimmed, and lower case for e-mail and domains. */
export function normalizeIdentifier(kind: IdentifierKind, value: string): string {
  const v = value.trim();
  if (kind === 'email' || kind === 'domain') return v.toLowerCase();
  if (kind === 'phone') return v.replace(/[\s().-]/g, '');
  return v;
}

/** The domain part of an e-mail address, lower case. */
export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}
