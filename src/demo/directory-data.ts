/**
 * The demo directory: agencies from fifteen countries and fictional customers. Every domain is
 * under the reserved .example top-level domain and every phone number is a fictional one, so
 * nothing in the demo points at a real mailbox or line.
 */
import type { AgencyKind } from '../domain/vocabulary.ts';

export interface DemoAgency {
  name: string;
  country: string;
  subdivision?: string;
  kind: AgencyKind;
  domain: string;
  phone: string;
}

/**
 * Time zones of the demo directory: by subdivision where a country spans several, else by country
 * (US federal agencies sit in Washington, D.C.).
 */
const ZONES: Record<string, string> = {
  'US-CA': 'America/Los_Angeles',
  'US-TX': 'America/Chicago',
  US: 'America/New_York',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  DE: 'Europe/Berlin',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  MX: 'America/Mexico_City',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
};

/** The IANA time zone the demo directory records for an agency. */
export function demoTimeZone(a: Pick<DemoAgency, 'country' | 'subdivision'>): string | null {
  return (a.subdivision ? ZONES[a.subdivision] : undefined) ?? ZONES[a.country] ?? null;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    name: 'Federal Bureau of Investigation, Cyber Division',
    country: 'US',
    kind: 'police',
    domain: 'fbi.gov.example',
    phone: '+1 202 555 0101',
  },
  {
    name: 'U.S. Attorney’s Office, Southern District of New York',
    country: 'US',
    kind: 'prosecutor',
    domain: 'usdoj.gov.example',
    phone: '+1 212 555 0102',
  },
  {
    name: 'Los Angeles Police Department',
    country: 'US',
    subdivision: 'US-CA',
    kind: 'police',
    domain: 'lapd.example',
    phone: '+1 213 555 0103',
  },
  {
    name: 'Superior Court of California, County of San Francisco',
    country: 'US',
    subdivision: 'US-CA',
    kind: 'court',
    domain: 'sfsuperiorcourt.example',
    phone: '+1 415 555 0104',
  },
  {
    name: 'FBI National Security Branch',
    country: 'US',
    kind: 'national_security',
    domain: 'nsb.fbi.gov.example',
    phone: '+1 202 555 0105',
  },
  {
    name: 'Texas Department of Public Safety',
    country: 'US',
    subdivision: 'US-TX',
    kind: 'police',
    domain: 'dps.texas.gov.example',
    phone: '+1 512 555 0106',
  },
  {
    name: 'Harlow & Finch LLP (for plaintiff)',
    country: 'US',
    kind: 'civil_litigant',
    domain: 'harlowfinch.example',
    phone: '+1 312 555 0107',
  },
  { name: 'Bundeskriminalamt', country: 'DE', kind: 'police', domain: 'bka.bund.example', phone: '+49 30 5550 0108' },
  {
    name: 'Staatsanwaltschaft Berlin',
    country: 'DE',
    subdivision: 'DE-BE',
    kind: 'prosecutor',
    domain: 'sta.berlin.example',
    phone: '+49 30 5550 0109',
  },
  {
    name: 'Amtsgericht München',
    country: 'DE',
    subdivision: 'DE-BY',
    kind: 'court',
    domain: 'ag-muenchen.example',
    phone: '+49 89 5550 0110',
  },
  {
    name: 'Parquet de Paris',
    country: 'FR',
    kind: 'prosecutor',
    domain: 'parquet-paris.justice.example',
    phone: '+33 1 5550 0111',
  },
  {
    name: 'Tribunal judiciaire de Lyon',
    country: 'FR',
    kind: 'court',
    domain: 'tj-lyon.justice.example',
    phone: '+33 4 5550 0112',
  },
  { name: 'Openbaar Ministerie', country: 'NL', kind: 'prosecutor', domain: 'om.example', phone: '+31 70 555 0113' },
  { name: 'An Garda Síochána', country: 'IE', kind: 'police', domain: 'garda.example', phone: '+353 1 555 0114' },
  {
    name: 'Juzgado de Instrucción nº 3 de Madrid',
    country: 'ES',
    kind: 'court',
    domain: 'justicia-madrid.example',
    phone: '+34 91 555 0115',
  },
  {
    name: 'Procura della Repubblica di Milano',
    country: 'IT',
    kind: 'prosecutor',
    domain: 'procura-milano.example',
    phone: '+39 02 5550 0116',
  },
  {
    name: 'Prokuratura Krajowa',
    country: 'PL',
    kind: 'prosecutor',
    domain: 'pk.gov.example',
    phone: '+48 22 555 0117',
  },
  {
    name: 'Metropolitan Police Service',
    country: 'GB',
    kind: 'police',
    domain: 'met.police.example',
    phone: '+44 20 5550 0118',
  },
  {
    name: 'Crown Prosecution Service',
    country: 'GB',
    kind: 'prosecutor',
    domain: 'cps.gov.example',
    phone: '+44 20 5550 0119',
  },
  { name: 'Polícia Federal', country: 'BR', kind: 'police', domain: 'pf.gov.example', phone: '+55 61 5550 0120' },
  {
    name: 'Central Bureau of Investigation',
    country: 'IN',
    kind: 'police',
    domain: 'cbi.gov.example',
    phone: '+91 11 5550 0121',
  },
  { name: 'National Police Agency', country: 'JP', kind: 'police', domain: 'npa.go.example', phone: '+81 3 5550 0122' },
  {
    name: 'Australian Federal Police',
    country: 'AU',
    kind: 'police',
    domain: 'afp.gov.example',
    phone: '+61 2 5550 0123',
  },
  {
    name: 'Royal Canadian Mounted Police',
    country: 'CA',
    kind: 'police',
    domain: 'rcmp.gc.example',
    phone: '+1 613 555 0124',
  },
  {
    name: 'Fiscalía General de la República',
    country: 'MX',
    kind: 'prosecutor',
    domain: 'fgr.example',
    phone: '+52 55 5550 0125',
  },
];

export const ENTERPRISES: { name: string; country: string; domain: string }[] = [
  { name: 'Aldergrove Logistics Inc.', country: 'US', domain: 'aldergrove.example' },
  { name: 'Brightwater Health Partners', country: 'US', domain: 'brightwater-health.example' },
  { name: 'Cobalt Ridge Energy', country: 'CA', domain: 'cobaltridge.example' },
  { name: 'Delmar & Rowe LLP', country: 'US', domain: 'delmarrowe.example' },
  { name: 'Everlight Media GmbH', country: 'DE', domain: 'everlight-media.example' },
  { name: 'Fjordline Analytics AS', country: 'NO', domain: 'fjordline.example' },
  { name: 'Granite Peak Bank', country: 'US', domain: 'granitepeak.example' },
  { name: 'Helios Biotech SE', country: 'FR', domain: 'helios-bio.example' },
  { name: 'Ironbark Mining Pty Ltd', country: 'AU', domain: 'ironbark.example' },
  { name: 'Juniper Schools Trust', country: 'GB', domain: 'juniperschools.example' },
  { name: 'Kestrel Aerospace', country: 'US', domain: 'kestrel-aero.example' },
  { name: 'Lumen Retail SA', country: 'ES', domain: 'lumenretail.example' },
  { name: 'Meridian Mutual Insurance', country: 'IE', domain: 'meridianmutual.example' },
  { name: 'Nordlicht Energie AG', country: 'DE', domain: 'nordlicht.example' },
  { name: 'Orchard Foods B.V.', country: 'NL', domain: 'orchardfoods.example' },
  { name: 'Pinecrest Municipal Utilities', country: 'US', domain: 'pinecrest-utilities.example' },
];

export const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kai',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Uma',
  'Viktor',
  'Wei',
  'Yara',
  'Zoe',
];
export const LAST_NAMES = [
  'Adler',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hughes',
  'Ito',
  'Jansen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Varga',
  'Walsh',
  'Young',
];

/** Countries consumers live in, weighted towards the agencies' countries. */
export const CONSUMER_COUNTRIES = [
  'US',
  'US',
  'US',
  'DE',
  'FR',
  'GB',
  'NL',
  'IE',
  'ES',
  'IT',
  'PL',
  'BR',
  'IN',
  'JP',
  'AU',
  'CA',
  'MX',
];

/** Where the provider stores data, by customer country (EU data stays in the EU). */
export function storageFor(country: string): string {
  if (['DE', 'FR', 'NL', 'IE', 'ES', 'IT', 'PL', 'NO'].includes(country))
    return country === 'NO' ? 'IE' : country === 'DE' ? 'DE' : 'IE';
  if (country === 'GB') return 'GB';
  if (country === 'AU') return 'AU';
  if (country === 'JP') return 'JP';
  return 'US';
}

export const OFFENCES: { description: string; years: number }[] = [
  { description: 'Fraud', years: 5 },
  { description: 'Money laundering', years: 10 },
  { description: 'Ransomware extortion', years: 8 },
  { description: 'Child sexual abuse material', years: 10 },
  { description: 'Drug trafficking', years: 15 },
  { description: 'Harassment', years: 2 },
  { description: 'Identity theft', years: 5 },
  { description: 'Terrorism financing', years: 20 },
  { description: 'Theft', years: 2 },
];
