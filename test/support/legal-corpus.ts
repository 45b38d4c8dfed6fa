/**
 * A corpus of legal process made for the tests and the accuracy bench: warrants, subpoenas,
 * § 2703(d) orders, preservation letters, emergency forms, NSLs, EPOC and EPOC-PR certificates,
 * UK overseas production orders and MLAT requests, each kind in layouts that differ as real
 * courts' and agencies' do (labels, order, date styles, headings, columns), with its answer key.
 * A scanned variant is the same document drawn to an image, tilted and speckled, in a PDF with no
 * text layer. Deterministic for a seed.
 */
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FONTS, newPdf, pdfBytes } from '../../src/documents/pdf.ts';
import type { DataCategory, IdentifierKind, Instrument } from '../../src/domain/vocabulary.ts';

export interface AnswerKey {
  instrument: Instrument;
  issuingAuthority: string;
  jurisdiction: string;
  caseNumber: string;
  issuedAt: string;
  executeBy: string | null;
  identifiers: { kind: IdentifierKind; value: string }[];
  dataCategories: DataCategory[];
  dateRange: { from: string | null; to: string | null } | null;
  secrecyOrder: { legalBasis: string; endsAt: string | null; untilFurtherOrder: boolean } | null;
  emergency: string | null;
  requesterName: string;
  requesterEmail: string;
  requesterPhone: string;
  signed: boolean;
}

export interface CorpusDocument {
  name: string;
  kind: Instrument;
  layout: number;
  scanned: boolean;
  pdf: Buffer;
  key: AnswerKey;
}

/** A small seeded generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONATE = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

function isoDate(r: Rng, from = '2026-01-05', spanDays = 300): string {
  const t = new Date(`${from}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + r.int(0, spanDays));
  return t.toISOString().slice(0, 10);
}
const plusDays = (iso: string, n: number) => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/** A date as a document of `style` writes it. */
function written(
  iso: string,
  style: 'us_long' | 'us_num' | 'day_month' | 'iso' | 'de_num' | 'de_long' | 'ordinal',
): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const ord = (n: number) =>
    `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  switch (style) {
    case 'us_long':
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    case 'us_num':
      return `${mm}/${dd}/${y}`;
    case 'day_month':
      return `${d} ${MONTHS[m - 1]} ${y}`;
    case 'iso':
      return iso;
    case 'de_num':
      return `${dd}.${mm}.${y}`;
    case 'de_long':
      return `${d}. ${MONATE[m - 1]} ${y}`;
    case 'ordinal':
      return `${ord(d)} day of ${MONTHS[m - 1]}, ${y}`;
  }
}

const FIRST = ['Dana', 'Miguel', 'Priya', 'Tomasz', 'Claire', 'Jonas', 'Aoife', 'Samuel', 'Elena', 'Kofi'];
const LAST = ['Whitfield', 'Okafor', 'Brennan', 'Kowalski', 'Lefèvre', 'Schmidt', 'Murphy', 'Reyes', 'Novak', 'Haddad'];
const USERS = ['jane.doe', 'm.alvarez', 'ops-team', 'k.nakamura', 'finance', 'r.obrien', 'lena.fischer', 'admin'];
const CUSTOMER_DOMAINS = ['aldergrove.example', 'bluewharf.example', 'northfield-logistics.example', 'mail.example'];

interface Agency {
  name: string;
  domain: string;
  country: string;
  phoneLocal: () => string;
  phoneE164: string;
}

function usAgency(r: Rng): Agency {
  const a = r.pick([
    { name: 'Metropolitan Police Department', domain: 'mpdc.dc.example', area: '202' },
    { name: 'Federal Bureau of Investigation, Washington Field Office', domain: 'fbi.example', area: '202' },
    { name: 'Los Angeles Police Department', domain: 'lapd.example', area: '213' },
    { name: 'Office of the District Attorney, Travis County', domain: 'traviscountyda.example', area: '512' },
  ]);
  const line = `555-01${r.int(10, 99)}`;
  return {
    name: a.name,
    domain: a.domain,
    country: 'US',
    phoneLocal: () => r.pick([`(${a.area}) ${line}`, `${a.area}-${line}`, `+1 ${a.area} ${line.replace('-', ' ')}`]),
    phoneE164: `+1${a.area}${line.replace('-', '')}`,
  };
}

function targetsFor(r: Rng, n: number): { kind: IdentifierKind; value: string }[] {
  const out: { kind: IdentifierKind; value: string }[] = [];
  const used = new Set<string>();
  while (out.length < n) {
    const t: { kind: IdentifierKind; value: string } = r.chance(0.7)
      ? { kind: 'email', value: `${r.pick(USERS)}@${r.pick(CUSTOMER_DOMAINS)}` }
      : { kind: 'account_id', value: `acct-${r.int(100000, 100499)}` };
    if (used.has(t.value)) continue;
    used.add(t.value);
    out.push(t);
  }
  return out;
}

/** A page as lines, each with how it is set. */
type Line =
  | { t: 'h'; text: string; size?: number; align?: 'center' | 'left' }
  | { t: 'p'; text: string }
  | { t: 'kv'; label: string; value: string; tab?: boolean }
  | { t: 'gap' }
  | { t: 'rule' }
  | { t: 'page' };

interface Built {
  lines: Line[];
  key: AnswerKey;
}

const CATEGORY_TEXT: Record<DataCategory, string[]> = {
  subscriber: ['subscriber information, including name, address and length of service', 'basic subscriber information'],
  non_content: ['IP address logs and message header information', 'connection logs and other transactional records'],
  content: [
    'the contents of all e-mails and stored files',
    'stored communications, including the contents of all messages',
  ],
  real_time: ['real-time interception of communications', 'pen register and trap and trace data'],
};

function categories(r: Rng, allowed: DataCategory[]): DataCategory[] {
  const n = r.int(1, Math.min(3, allowed.length));
  const set = new Set<DataCategory>();
  while (set.size < n) set.add(r.pick(allowed));
  return allowed.filter((c) => set.has(c));
}

function requester(r: Rng, agency: Agency) {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  return {
    name: `${first} ${last}`,
    email: `${first[0]!.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@${agency.domain}`,
  };
}

// ---------- the kinds

function searchWarrant(r: Rng, layout: number): Built {
  const agency = usAgency(r);
  const who = requester(r, agency);
  const court = r.pick([
    ['UNITED STATES DISTRICT COURT', 'District of Columbia'],
    ['UNITED STATES DISTRICT COURT', 'Eastern District of Virginia'],
    ['UNITED STATES DISTRICT COURT', 'Northern District of California'],
  ] as const);
  const issued = isoDate(r);
  const execute = plusDays(issued, 14);
  const targets = targetsFor(r, r.int(1, 2));
  const cats = categories(r, ['subscriber', 'non_content', 'content']);
  const from = plusDays(issued, -r.int(60, 400));
  const to = plusDays(issued, -r.int(1, 30));
  const caseNo = `${r.int(1, 3)}:26-mj-${String(r.int(100, 9999)).padStart(5, '0')}`;
  const signed = r.chance(0.8);
  const style = r.pick(['us_long', 'us_num'] as const);
  const sealed = r.chance(0.5);
  const days = r.pick([90, 180, 365]);
  const key: AnswerKey = {
    instrument: 'search_warrant',
    issuingAuthority: `United States District Court for the ${court[1]}`,
    jurisdiction: 'US',
    caseNumber: caseNo,
    issuedAt: issued,
    executeBy: execute,
    identifiers: targets,
    dataCategories: cats,
    dateRange: { from, to },
    secrecyOrder: sealed
      ? {
          legalBasis: '18 U.S.C. § 2705(b)',
          endsAt: days === 365 ? `${+issued.slice(0, 4) + 1}${issued.slice(4)}` : plusDays(issued, days),
          untilFurtherOrder: false,
        }
      : null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: agency.phoneE164,
    signed,
  };
  const items = targets.map((t) =>
    t.kind === 'email' ? `the account associated with ${t.value}` : `Account ID: ${t.value}`,
  );
  const lines: Line[] =
    layout === 0
      ? [
          { t: 'h', text: court[0], align: 'center', size: 14 },
          { t: 'p', text: 'for the' },
          { t: 'p', text: court[1] },
          { t: 'gap' },
          { t: 'kv', label: 'Case No.', value: caseNo },
          { t: 'h', text: 'SEARCH AND SEIZURE WARRANT', align: 'center' },
          { t: 'p', text: 'To: Any authorized law enforcement officer' },
          {
            t: 'p',
            text: `An application by a federal law enforcement officer requests the search of the following property held by the provider: ${items.join('; ')}.`,
          },
          {
            t: 'p',
            text: `The provider shall disclose ${cats.map((c) => CATEGORY_TEXT[c][0]).join('; ')}, for the period from ${written(from, style)} to ${written(to, style)}.`,
          },
          {
            t: 'p',
            text: `YOU ARE COMMANDED to execute this warrant on or before ${written(execute, style)} (not to exceed 14 days).`,
          },
        ]
      : [
          {
            t: 'h',
            text: `IN THE UNITED STATES DISTRICT COURT FOR THE ${court[1].toUpperCase()}`,
            align: 'left',
            size: 12,
          },
          { t: 'rule' },
          { t: 'kv', label: 'Misc. No.', value: caseNo, tab: true },
          { t: 'h', text: 'WARRANT FOR SEARCH AND SEIZURE OF STORED ELECTRONIC DATA', size: 12 },
          { t: 'h', text: '(SEARCH WARRANT)', size: 10 },
          { t: 'p', text: 'Property to be searched (Attachment A):' },
          ...targets.map(
            (t): Line => ({
              t: 'p',
              text: `• ${t.kind === 'email' ? `E-mail account ${t.value}` : `Account ID: ${t.value}`}`,
            }),
          ),
          { t: 'p', text: 'Items to be seized (Attachment B):' },
          ...cats.map((c): Line => ({ t: 'p', text: `• ${CATEGORY_TEXT[c][1]}` })),
          { t: 'p', text: `Time period: from ${written(from, style)} through ${written(to, style)}.` },
          { t: 'p', text: `This warrant must be executed no later than ${written(execute, style)}.` },
        ];
  if (sealed)
    lines.push({
      t: 'p',
      text: `IT IS FURTHER ORDERED under 18 U.S.C. § 2705(b) that the provider shall not disclose the existence of this warrant to any person for a period of ${days === 365 ? 'one year' : `${days} days`} from the date of this order.`,
    });
  lines.push(
    { t: 'gap' },
    {
      t: 'kv',
      label: 'Date and time issued',
      value: `${written(issued, style)} at ${r.int(9, 16)}:${r.pick(['00', '15', '30'])}`,
    },
    {
      t: 'kv',
      label: signed ? 'Signature' : 'Judge\u2019s signature',
      value: signed ? `/s/ Hon. ${r.pick(LAST)}` : '______________________',
    },
    { t: 'kv', label: 'City and state', value: r.pick(['Washington, DC', 'Alexandria, VA', 'San Francisco, CA']) },
    { t: 'gap' },
    { t: 'p', text: 'Return to the provider\u2019s legal process team. Questions about service:' },
    { t: 'kv', label: 'Requesting officer', value: who.name },
    { t: 'kv', label: 'Agency', value: agency.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Phone', value: agency.phoneLocal() },
  );
  // The labelled agency is the serving agency; the key's issuer is the court: put the court label first.
  lines.splice(0, 0, { t: 'kv', label: 'Issuing court', value: key.issuingAuthority });
  return { lines, key };
}

function subpoena(r: Rng, layout: number): Built {
  const agency = usAgency(r);
  const who = requester(r, agency);
  const grandJury = r.chance(0.5);
  const issued = isoDate(r);
  const due = plusDays(issued, r.int(10, 30));
  const targets = targetsFor(r, 1);
  const cats = categories(r, ['subscriber', 'non_content']);
  const style = r.pick(['us_long', 'us_num', 'ordinal'] as const);
  const court = r.pick(['Eastern District of Virginia', 'District of Columbia', 'Southern District of New York']);
  const caseNo = `GJ-${r.int(2025, 2026)}-${r.int(100, 999)}`;
  const signed = r.chance(0.85);
  const key: AnswerKey = {
    instrument: grandJury ? 'grand_jury_subpoena' : 'subpoena',
    issuingAuthority: grandJury ? `United States District Court for the ${court}` : agency.name,
    jurisdiction: 'US',
    caseNumber: caseNo,
    issuedAt: issued,
    executeBy: due,
    identifiers: targets,
    dataCategories: cats,
    dateRange: null,
    secrecyOrder: null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: agency.phoneE164,
    signed,
  };
  const lines: Line[] = [
    grandJury
      ? {
          t: 'h',
          text: `UNITED STATES DISTRICT COURT FOR THE ${court.toUpperCase()}`,
          align: layout ? 'left' : 'center',
        }
      : { t: 'h', text: agency.name.toUpperCase(), align: 'left' },
    { t: 'h', text: grandJury ? 'SUBPOENA TO TESTIFY BEFORE A GRAND JURY' : 'ADMINISTRATIVE SUBPOENA', size: 13 },
    { t: 'kv', label: grandJury ? 'Issuing court' : 'Issued by', value: key.issuingAuthority },
    { t: 'kv', label: layout ? 'File No.' : 'Case No.', value: caseNo },
    {
      t: 'p',
      text: `To: Custodian of Records. You are commanded to produce ${cats.map((c) => CATEGORY_TEXT[c][layout % 2]).join(' and ')} for the account ${targets[0]!.value}.`,
    },
    { t: 'p', text: `Produce the records on or before ${written(due, style)}. Content is not requested.` },
    { t: 'kv', label: 'Dated', value: written(issued, style) },
    {
      t: 'kv',
      label: 'Signature',
      value: signed ? `/s/ ${r.pick(FIRST)} ${r.pick(LAST)}, Assistant U.S. Attorney` : '____________________',
    },
    { t: 'kv', label: 'Requested by', value: who.name },
    { t: 'kv', label: 'Email', value: who.email },
    { t: 'kv', label: 'Telephone', value: agency.phoneLocal() },
  ];
  return { lines, key };
}

function order2703d(r: Rng, layout: number): Built {
  const agency = usAgency(r);
  const who = requester(r, agency);
  const court = r.pick(['District of Columbia', 'Western District of Washington', 'District of Massachusetts']);
  const issued = isoDate(r);
  const targets = targetsFor(r, r.int(1, 2));
  const style = r.pick(['us_long', 'us_num'] as const);
  const from = plusDays(issued, -r.int(90, 300));
  const caseNo = `${r.int(1, 2)}:26-mc-${String(r.int(10, 999)).padStart(4, '0')}`;
  const gag = r.pick(['period', 'further', 'none'] as const);
  const key: AnswerKey = {
    instrument: 'court_order_2703d',
    issuingAuthority: `United States District Court for the ${court}`,
    jurisdiction: 'US',
    caseNumber: caseNo,
    issuedAt: issued,
    executeBy: null,
    identifiers: targets,
    dataCategories: ['subscriber', 'non_content'],
    dateRange: { from, to: null },
    secrecyOrder:
      gag === 'none'
        ? null
        : {
            legalBasis: '18 U.S.C. § 2705(b)',
            endsAt: gag === 'period' ? plusDays(issued, 180) : null,
            untilFurtherOrder: gag === 'further',
          },
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: agency.phoneE164,
    signed: true,
  };
  const lines: Line[] = [
    { t: 'h', text: 'IN THE UNITED STATES DISTRICT COURT', align: 'center' },
    { t: 'p', text: 'for the' },
    { t: 'p', text: court },
    { t: 'kv', label: 'Case Number', value: caseNo },
    { t: 'h', text: 'ORDER PURSUANT TO 18 U.S.C. § 2703(d)', size: 13 },
    {
      t: 'p',
      text: `The United States has submitted an application for an order under 18 U.S.C. § 2703(d) directing the provider to disclose records for ${targets.map((t) => t.value).join(', ')}.`,
    },
    {
      t: 'p',
      text: `The provider shall disclose subscriber information, including name, address and length of service, and IP address logs, for the period from ${written(from, style)} to the present.`,
    },
  ];
  if (gag === 'period')
    lines.push({
      t: 'p',
      text: 'It is further ordered under 18 U.S.C. § 2705(b) that the provider shall not disclose the existence of this order for a period of 180 days.',
    });
  if (gag === 'further')
    lines.push({
      t: 'p',
      text: 'It is further ordered under 18 U.S.C. § 2705(b) that the provider shall not disclose the existence of this order until further order of the Court.',
    });
  lines.push(
    { t: 'kv', label: 'SO ORDERED', value: written(issued, style) },
    { t: 'kv', label: 'Signature', value: `/s/ ${r.pick(LAST)}, United States Magistrate Judge` },
    ...(layout ? [{ t: 'page' } as Line] : []),
    { t: 'kv', label: 'Applicant', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Tel.', value: agency.phoneLocal() },
  );
  return { lines, key };
}

function preservation(r: Rng, layout: number): Built {
  const agency = usAgency(r);
  const who = requester(r, agency);
  const issued = isoDate(r);
  const targets = targetsFor(r, r.int(1, 3));
  const style = r.pick(['us_long', 'us_num'] as const);
  const caseNo = `${r.pick(['INV', 'CR', 'Case'])}-${r.int(10000, 99999)}`;
  const key: AnswerKey = {
    instrument: 'preservation_request',
    issuingAuthority: agency.name,
    jurisdiction: 'US',
    caseNumber: caseNo,
    issuedAt: issued,
    executeBy: null,
    identifiers: targets,
    dataCategories: ['subscriber', 'non_content', 'content'],
    dateRange: null,
    secrecyOrder: null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: agency.phoneE164,
    signed: true,
  };
  const lines: Line[] = [
    { t: 'h', text: agency.name, align: layout ? 'center' : 'left', size: 13 },
    { t: 'kv', label: 'Date', value: written(issued, style) },
    { t: 'kv', label: 'Agency', value: agency.name },
    { t: 'h', text: 'Re: Request to preserve records under 18 U.S.C. § 2703(f)', size: 11 },
    { t: 'kv', label: 'Reference', value: caseNo },
    { t: 'p', text: 'Dear Custodian of Records:' },
    {
      t: 'p',
      text: 'This letter is a formal PRESERVATION REQUEST under 18 U.S.C. § 2703(f). Please preserve, for 90 days, all records and other evidence in your possession for the following accounts:',
    },
    ...targets.map((t): Line => ({ t: 'p', text: `    ${t.value}` })),
    {
      t: 'p',
      text: 'including subscriber information, connection logs and other transactional records, and the contents of all e-mails and stored files.',
    },
    { t: 'p', text: 'Please do not disclose this request to the subscriber; legal process will follow.' },
    { t: 'p', text: 'Sincerely,' },
    { t: 'p', text: `/s/ ${who.name}` },
    { t: 'kv', label: 'Requesting officer', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Phone', value: agency.phoneLocal() },
  ];
  // "do not disclose" in a letter is a request, not an order: the key has no secrecy order.
  return { lines, key };
}

function emergency(r: Rng, layout: number): Built {
  const agency = usAgency(r);
  const who = requester(r, agency);
  const issued = isoDate(r);
  const targets = targetsFor(r, 1);
  const narrative = r.pick([
    'A 15-year-old reported missing last night sent messages from this account saying she intends to harm herself. Her location is unknown.',
    'The account holder posted a specific threat to detonate a device at a school this morning. We need subscriber data and recent IP logs to locate him.',
    'A kidnapping victim contacted family from this account; the suspect is armed. Recent log-in IP addresses may show where she is held.',
  ]);
  const key: AnswerKey = {
    instrument: 'emergency_request',
    issuingAuthority: agency.name,
    jurisdiction: 'US',
    caseNumber: `EDR-${r.int(1000, 9999)}`,
    issuedAt: issued,
    executeBy: null,
    identifiers: targets,
    dataCategories: ['subscriber', 'non_content'],
    dateRange: null,
    secrecyOrder: null,
    emergency: narrative,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: agency.phoneE164,
    signed: true,
  };
  const lines: Line[] = [
    {
      t: 'h',
      text: layout ? 'EXIGENT CIRCUMSTANCES REQUEST' : 'EMERGENCY DISCLOSURE REQUEST',
      size: 14,
      align: 'center',
    },
    { t: 'p', text: 'Under 18 U.S.C. § 2702(b)(8) and (c)(4)' },
    { t: 'kv', label: 'Agency', value: agency.name },
    { t: 'kv', label: 'Case No.', value: key.caseNumber },
    { t: 'kv', label: 'Date', value: written(issued, 'us_num') },
    { t: 'kv', label: 'Account identifier', value: targets[0]!.value },
    { t: 'kv', label: 'Nature of the emergency', value: narrative },
    {
      t: 'kv',
      label: 'Information requested',
      value: 'basic subscriber information and IP address logs for the last 7 days',
    },
    { t: 'kv', label: 'Requesting officer', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Phone', value: agency.phoneLocal() },
    { t: 'kv', label: 'Signature', value: `/s/ ${who.name}` },
  ];
  return { lines, key };
}

function nsl(r: Rng, layout: number): Built {
  const who = { name: `${r.pick(FIRST)} ${r.pick(LAST)}`, email: `nsl-${r.int(10, 99)}@fbi.example` };
  const issued = isoDate(r);
  const targets = targetsFor(r, 1);
  const certified = r.chance(0.6);
  const key: AnswerKey = {
    instrument: 'national_security_letter',
    issuingAuthority: 'Federal Bureau of Investigation',
    jurisdiction: 'US',
    caseNumber: `NSL-${r.int(26, 26)}-${r.int(1000, 9999)}`,
    issuedAt: issued,
    executeBy: null,
    identifiers: targets,
    dataCategories: ['subscriber'],
    dateRange: null,
    secrecyOrder: certified ? { legalBasis: '18 U.S.C. § 2709(c)', endsAt: null, untilFurtherOrder: true } : null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: '+12025550199',
    signed: true,
  };
  const lines: Line[] = [
    { t: 'h', text: 'U.S. Department of Justice', align: 'left' },
    { t: 'h', text: 'Federal Bureau of Investigation', align: 'left', size: 12 },
    { t: 'kv', label: 'Issued by', value: 'Federal Bureau of Investigation' },
    { t: 'kv', label: layout ? 'Our reference' : 'File No.', value: key.caseNumber },
    { t: 'kv', label: 'Date', value: written(issued, 'us_long') },
    { t: 'h', text: 'NATIONAL SECURITY LETTER', size: 13 },
    {
      t: 'p',
      text: `Under 18 U.S.C. § 2709 you are directed to provide the name, address and length of service for the account ${targets[0]!.value}. This letter does not seek the content of any communication.`,
    },
  ];
  if (certified)
    lines.push({
      t: 'p',
      text: 'In accordance with 18 U.S.C. § 2709(c), I certify that disclosure may endanger national security. You are prohibited from disclosing that the FBI has sought this information.',
    });
  lines.push(
    { t: 'kv', label: 'Signature', value: `/s/ ${who.name}, Special Agent in Charge` },
    { t: 'kv', label: 'Contact person', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Telephone', value: '(202) 555-0199' },
  );
  return { lines, key };
}

const EU_AUTHORITIES = [
  {
    name: 'Staatsanwaltschaft Berlin',
    country: 'DE',
    domain: 'sta.berlin.example',
    phone: ['030 5550 0201', '+493055500201'],
    style: 'de_num' as const,
  },
  {
    name: 'Parquet de Paris',
    country: 'FR',
    domain: 'justice.fr.example',
    phone: ['01 55 50 02 02', '+33155500202'],
    style: 'day_month' as const,
  },
  {
    name: 'Prokuratura Okręgowa w Warszawie',
    country: 'PL',
    domain: 'prokuratura.example',
    phone: ['22 555 02 03', '+48225550203'],
    style: 'iso' as const,
  },
  {
    name: 'Openbaar Ministerie',
    country: 'NL',
    domain: 'om.example',
    phone: ['070 555 0204', '+31705550204'],
    style: 'day_month' as const,
  },
];

function epoc(r: Rng, layout: number, preservation: boolean): Built {
  const a = r.pick(EU_AUTHORITIES);
  const who = {
    name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
    email: `${r.pick(['e.evidence', 'epoc', 'cyber'])}@${a.domain}`,
  };
  const issued = isoDate(r, '2026-08-20', 100);
  const targets = targetsFor(r, r.int(1, 2));
  const cats: DataCategory[] = preservation
    ? ['subscriber', 'non_content', 'content']
    : categories(r, ['subscriber', 'non_content', 'content']);
  const refrain = !preservation && r.chance(0.4);
  const caseNo = `${a.country}-${r.int(100, 999)}/${r.int(2025, 2026)}`;
  const key: AnswerKey = {
    instrument: preservation ? 'european_preservation_order' : 'european_production_order',
    issuingAuthority: a.name,
    jurisdiction: a.country,
    caseNumber: caseNo,
    issuedAt: issued,
    executeBy: preservation ? null : plusDays(issued, 10),
    identifiers: targets,
    dataCategories: cats,
    dateRange: null,
    secrecyOrder: refrain ? { legalBasis: 'Art. 13 Regulation', endsAt: null, untilFurtherOrder: true } : null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: a.phone[1]!,
    signed: true,
  };
  const title = preservation
    ? 'EUROPEAN PRESERVATION ORDER CERTIFICATE (EPOC-PR)'
    : 'EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)';
  const lines: Line[] = [
    { t: 'h', text: `ANNEX ${preservation ? 'II' : 'I'}`, align: 'center', size: 11 },
    { t: 'h', text: title, align: 'center', size: 13 },
    { t: 'p', text: 'Regulation (EU) 2023/1543 of the European Parliament and of the Council' },
    { t: 'kv', label: 'Issuing State', value: a.country },
    { t: 'kv', label: 'Issuing authority', value: a.name },
    { t: 'kv', label: 'File number', value: caseNo },
    { t: 'kv', label: 'Date of issuing', value: written(issued, a.style) },
    { t: 'p', text: 'SECTION C: User and data sought' },
    ...targets.map((t): Line => ({ t: 'kv', label: 'Identifier', value: t.value })),
    { t: 'p', text: `Data requested: ${cats.map((c) => CATEGORY_TEXT[c][0]).join('; ')}.` },
  ];
  if (!preservation)
    lines.push({
      t: 'p',
      text: `Time limit: the data shall be produced no later than ${written(plusDays(issued, 10), a.style)} (10 days, Art. 10(2)).`,
    });
  else
    lines.push({
      t: 'p',
      text: 'The data shall be preserved for 60 days (Art. 11(1)); a subsequent request for production will follow.',
    });
  if (refrain)
    lines.push({
      t: 'p',
      text: 'The issuing authority requests the addressee to refrain from informing the person whose data are sought (Art. 13 Regulation (EU) 2023/1543).',
    });
  lines.push(
    ...(layout ? [{ t: 'page' } as Line] : []),
    { t: 'p', text: 'SECTION L: Details of the issuing authority' },
    { t: 'kv', label: 'Contact person', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Tel.', value: a.phone[0]! },
    { t: 'kv', label: 'Signature', value: `Digitally signed by ${who.name}` },
  );
  return { lines, key };
}

function overseasProduction(r: Rng, layout: number): Built {
  const who = { name: `DC ${r.pick(FIRST)} ${r.pick(LAST)}`, email: `opo.unit@met.police.example` };
  const issued = isoDate(r);
  const targets = targetsFor(r, 1);
  const cats = categories(r, ['subscriber', 'non_content', 'content']);
  const key: AnswerKey = {
    instrument: 'overseas_production_order',
    issuingAuthority: 'Crown Court at Southwark',
    jurisdiction: 'GB',
    caseNumber: `T${r.int(2026, 2026)}${r.int(1000, 9999)}`,
    issuedAt: issued,
    executeBy: plusDays(issued, 7),
    identifiers: targets,
    dataCategories: cats,
    dateRange: null,
    secrecyOrder: null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: '+442075550205',
    signed: true,
  };
  const lines: Line[] = [
    { t: 'h', text: 'IN THE CROWN COURT AT SOUTHWARK', align: 'center' },
    { t: 'h', text: 'OVERSEAS PRODUCTION ORDER', align: 'center', size: 13 },
    { t: 'p', text: 'Crime (Overseas Production Orders) Act 2019, section 1' },
    { t: 'kv', label: 'Court', value: 'Crown Court at Southwark' },
    { t: 'kv', label: 'Case number', value: key.caseNumber },
    {
      t: 'p',
      text: `The respondent shall produce ${cats.map((c) => CATEGORY_TEXT[c][layout % 2]).join(' and ')} relating to ${targets[0]!.value} no later than ${written(key.executeBy!, 'day_month')}.`,
    },
    { t: 'kv', label: 'Dated', value: written(issued, 'day_month') },
    { t: 'kv', label: 'Signed', value: `HHJ ${r.pick(LAST)}` },
    { t: 'kv', label: 'Officer', value: who.name },
    { t: 'kv', label: 'Email', value: who.email },
    { t: 'kv', label: 'Telephone', value: '020 7555 0205' },
  ];
  return { lines, key };
}

function mlat(r: Rng, layout: number): Built {
  const a = r.pick(EU_AUTHORITIES);
  const who = { name: `${r.pick(FIRST)} ${r.pick(LAST)}`, email: `mla@${a.domain}` };
  const issued = isoDate(r);
  const targets = targetsFor(r, 1);
  const cats = categories(r, ['subscriber', 'content']);
  const key: AnswerKey = {
    instrument: 'mlat_request',
    issuingAuthority: a.name,
    jurisdiction: a.country,
    caseNumber: `MLA-${r.int(100, 999)}-${r.int(2025, 2026)}`,
    issuedAt: issued,
    executeBy: null,
    identifiers: targets,
    dataCategories: cats,
    dateRange: null,
    secrecyOrder: null,
    emergency: null,
    requesterName: who.name,
    requesterEmail: who.email,
    requesterPhone: a.phone[1]!,
    signed: r.chance(0.9),
  };
  const lines: Line[] = [
    {
      t: 'h',
      text: 'REQUEST FOR MUTUAL LEGAL ASSISTANCE IN CRIMINAL MATTERS',
      align: layout ? 'left' : 'center',
      size: 12,
    },
    { t: 'kv', label: 'Requesting authority', value: a.name },
    { t: 'kv', label: 'Our reference', value: key.caseNumber },
    { t: 'kv', label: 'Date', value: written(issued, a.style) },
    {
      t: 'p',
      text: `Assistance requested: ${cats.map((c) => CATEGORY_TEXT[c][0]).join(' and ')} held for the account ${targets[0]!.value}.`,
    },
    { t: 'kv', label: 'Contact person', value: who.name },
    { t: 'kv', label: 'E-mail', value: who.email },
    { t: 'kv', label: 'Tel.', value: a.phone[0]! },
    { t: 'kv', label: 'Signature', value: key.signed ? `Digitally signed by ${who.name}` : '______________' },
  ];
  return { lines, key };
}

export const CORPUS_KINDS: { kind: Instrument; layouts: number; build: (r: Rng, layout: number) => Built }[] = [
  { kind: 'search_warrant', layouts: 2, build: searchWarrant },
  { kind: 'subpoena', layouts: 2, build: subpoena },
  { kind: 'court_order_2703d', layouts: 2, build: order2703d },
  { kind: 'preservation_request', layouts: 2, build: preservation },
  { kind: 'emergency_request', layouts: 2, build: emergency },
  { kind: 'national_security_letter', layouts: 2, build: nsl },
  { kind: 'european_production_order', layouts: 2, build: (r, l) => epoc(r, l, false) },
  { kind: 'european_preservation_order', layouts: 2, build: (r, l) => epoc(r, l, true) },
  { kind: 'overseas_production_order', layouts: 2, build: overseasProduction },
  { kind: 'mlat_request', layouts: 2, build: mlat },
];

/** Set the lines on A4 or US Letter pages with the layout's fonts and spacing. */
async function render(lines: Line[], r: Rng, title: string): Promise<Buffer> {
  const size = r.chance(0.5) ? 'LETTER' : 'A4';
  const doc = newPdf({ title, size, margin: r.int(50, 72), createdAt: new Date('2026-12-01T00:00:00Z') });
  const body = r.pick([10, 10.5, 11]);
  const labelWidth = r.int(130, 170);
  for (const l of lines) {
    switch (l.t) {
      case 'h':
        doc
          .moveDown(0.4)
          .font(FONTS.bold)
          .fontSize(l.size ?? 12)
          .text(l.text, { align: l.align ?? 'left' });
        doc.font(FONTS.regular).fontSize(body);
        break;
      case 'p':
        doc.fontSize(body).text(l.text, { align: 'left' }).moveDown(0.3);
        break;
      case 'kv': {
        const y = doc.y;
        if (l.tab) {
          doc.font(FONTS.bold).text(`${l.label}:`, doc.page.margins.left, y, { width: labelWidth, continued: false });
          doc.font(FONTS.regular).text(l.value, doc.page.margins.left + labelWidth, y);
        } else doc.font(FONTS.bold).text(`${l.label}: `, { continued: true }).font(FONTS.regular).text(l.value);
        doc.x = doc.page.margins.left;
        doc.moveDown(0.2);
        break;
      }
      case 'gap':
        doc.moveDown(1);
        break;
      case 'rule':
        doc
          .moveTo(doc.page.margins.left, doc.y)
          .lineTo(doc.page.width - doc.page.margins.right, doc.y)
          .stroke()
          .moveDown(0.5);
        break;
      case 'page':
        doc.addPage();
        break;
    }
  }
  return pdfBytes(doc);
}

/** The same document as a scan: each page drawn at 150 dpi, slightly turned, speckled, in a PDF of images. */
export async function scanOf(pdf: Buffer, seed: number): Promise<Buffer> {
  const r = rng(seed);
  const src = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const out = newPdf({ title: 'scan', margin: 0, createdAt: new Date('2026-12-01T00:00:00Z'), autoFirstPage: false });
  for (let n = 1; n <= src.numPages; n++) {
    const page = await src.getPage(n);
    const vp = page.getViewport({ scale: 150 / 72 });
    const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const angle = ((r.next() - 0.5) * 1.2 * Math.PI) / 180;
    ctx.translate(canvas.width / 2, canvas.height / 2);
    ctx.rotate(angle);
    ctx.translate(-canvas.width / 2, -canvas.height / 2);
    await page.render({ canvasContext: ctx as never, viewport: vp, canvas: canvas as never }).promise;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = 'rgba(0,0,0,0.5)';
    for (let i = 0; i < 600; i++) ctx.fillRect(r.int(0, canvas.width), r.int(0, canvas.height), 1.5, 1.5);
    out.addPage({ size: [vp.width / (150 / 72), vp.height / (150 / 72)], margin: 0 });
    out.image(canvas.toBuffer('image/jpeg', 80), 0, 0, { width: out.page.width, height: out.page.height });
  }
  await src.destroy();
  return pdfBytes(out);
}

/** `perKind` documents of every kind (layouts in turn); `scans` of them also as scans. */
export async function makeCorpus(o: { seed: number; perKind: number; scans?: number }): Promise<CorpusDocument[]> {
  const r = rng(o.seed);
  const docs: CorpusDocument[] = [];
  for (const k of CORPUS_KINDS) {
    for (let i = 0; i < o.perKind; i++) {
      const layout = i % k.layouts;
      const built = k.build(r, layout);
      const pdf = await render(built.lines, r, `${k.kind} ${i}`);
      docs.push({ name: `${k.kind}-${i}`, kind: k.kind, layout, scanned: false, pdf, key: built.key });
    }
  }
  const scans = o.scans ?? 0;
  const text = docs.slice();
  for (let i = 0; i < scans && i < text.length; i++) {
    const d = text[Math.floor((i * text.length) / scans)]!;
    docs.push({ ...d, name: `${d.name}-scan`, scanned: true, pdf: await scanOf(d.pdf, o.seed + i) });
  }
  return docs;
}
