/**
 * What a legal document says, as the fields of a draft demand, each with its evidence (the page
 * and the span of text it was read from) and a confidence. Pure: the text comes from
 * read-document.ts, and matching identifiers against customer accounts happens in the use case.
 *
 * Written by hand because no library reads legal process: the patterns are the labels and
 * phrases that US, UK and EU instruments use (AO 93 warrants, AO 110 subpoenas, § 2703(d)
 * orders, § 2703(f) letters, emergency disclosure forms, NSLs under § 2709, EPOC and EPOC-PR
 * certificates under Reg. (EU) 2023/1543, overseas production orders, MLAT requests).
 */
import type { DataCategory, IdentifierKind, Instrument } from '../domain/vocabulary.ts';
import { addDays, DATE_PATTERN, parseDate } from './dates-in-text.ts';
import type { PageText } from './page-text.ts';

/** The single-valued fields, in the order a reviewer reads them (identifiers are a list apart). */
export const FIELD_KEYS = [
  'instrument',
  'issuingAuthority',
  'jurisdiction',
  'caseNumber',
  'issuedAt',
  'executeBy',
  'dataCategories',
  'dateRange',
  'secrecyOrder',
  'emergency',
  'requesterName',
  'requesterEmail',
  'requesterPhone',
  'signed',
] as const;

export interface Evidence {
  page: number;
  start: number;
  end: number;
  text: string;
}

export interface Field<T> {
  value: T;
  evidence: Evidence[];
  /** 0..1 */
  confidence: number;
}

export interface SecrecyOrderFound {
  legalBasis: string;
  /** ISO date the order ends, or null. */
  endsAt: string | null;
  untilFurtherOrder: boolean;
}

export interface DemandFields {
  instrument?: Field<Instrument>;
  issuingAuthority?: Field<string>;
  jurisdiction?: Field<string>;
  caseNumber?: Field<string>;
  issuedAt?: Field<string>;
  executeBy?: Field<string>;
  identifiers: Field<{ kind: IdentifierKind; value: string }>[];
  dataCategories?: Field<DataCategory[]>;
  dateRange?: Field<{ from: string | null; to: string | null }>;
  secrecyOrder?: Field<SecrecyOrderFound>;
  emergency?: Field<string>;
  requesterName?: Field<string>;
  requesterEmail?: Field<string>;
  requesterPhone?: Field<string>;
  signed?: Field<boolean>;
}

interface Hit {
  page: PageText;
  index: number;
  match: RegExpExecArray;
}

/** Every match of `re` (made global) in page order. */
function all(pages: PageText[], re: RegExp): Hit[] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: Hit[] = [];
  for (const page of pages) {
    g.lastIndex = 0;
    for (let m = g.exec(page.text); m; m = g.exec(page.text)) {
      out.push({ page, index: m.index, match: m });
      if (m[0].length === 0) g.lastIndex++;
    }
  }
  return out;
}

const first = (pages: PageText[], re: RegExp): Hit | null => all(pages, re)[0] ?? null;

/** Evidence for capture group `group` of a hit (the whole match when the group is absent). */
function evidence(h: Hit, group = 0): Evidence {
  const m = h.match;
  const text = m[group] ?? m[0];
  const offset = group && m[group] !== undefined ? m[0].indexOf(m[group]!) : 0;
  const start = h.index + Math.max(0, offset);
  return { page: h.page.page, start, end: start + text.length, text };
}

function field<T>(value: T, hits: Evidence[], strength: number, pages: PageText[]): Field<T> {
  const pageConf = hits.length
    ? Math.min(...hits.map((e) => pages.find((p) => p.page === e.page)?.confidence ?? 1))
    : 1;
  return { value, evidence: hits, confidence: Math.round(strength * pageConf * 100) / 100 };
}

const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s:.,;-]+|[\s:,;-]+$/g, '')
    .trim();

// ---------- the instrument

const INSTRUMENT_PATTERNS: [Instrument, RegExp][] = [
  ['european_preservation_order', /EUROPEAN\s+PRESERVATION\s+ORDER|EPOC-PR\b/i],
  ['european_production_order', /EUROPEAN\s+PRODUCTION\s+ORDER|\bEPOC\b/i],
  ['overseas_production_order', /OVERSEAS\s+PRODUCTION\s+ORDER/i],
  ['national_security_letter', /NATIONAL\s+SECURITY\s+LETTER|U\.?\s?S\.?\s?C\.?\s*§*\s*2709\b/i],
  ['fisa_order', /FOREIGN\s+INTELLIGENCE\s+SURVEILLANCE\s+COURT|50\s+U\.?S\.?C\.?\s*§*\s*18(?:61|81a)/i],
  ['mlat_request', /MUTUAL\s+LEGAL\s+ASSISTANCE/i],
  ['emergency_request', /EMERGENCY\s+DISCLOSURE|EMERGENCY\s+REQUEST|EXIGENT|2702\s*\(\s*[bc]\s*\)\s*\(\s*[48]\s*\)/i],
  ['preservation_request', /PRESERVATION\s+(?:REQUEST|LETTER)|REQUEST\s+TO\s+PRESERVE|2703\s*\(\s*f\s*\)/i],
  ['court_order_2703d', /2703\s*\(\s*d\s*\)/i],
  ['search_warrant', /SEARCH\s+(?:AND\s+SEIZURE\s+)?WARRANT/i],
  ['grand_jury_subpoena', /GRAND\s+JURY/i],
  ['civil_subpoena', /SUBPOENA[\s\S]{0,400}CIVIL\s+ACTION|CIVIL\s+ACTION[\s\S]{0,400}SUBPOENA|PLAINTIFF/i],
  ['subpoena', /SUBPOENA/i],
  ['foreign_court_order', /\bORDER\b/i],
];

function instrumentOf(pages: PageText[]): Field<Instrument> | undefined {
  // The first two pages carry the heading; later pages quote statutes of other instruments.
  const head = pages.slice(0, 2);
  for (const [instrument, re] of INSTRUMENT_PATTERNS) {
    const h = first(head, re);
    if (h) return field(instrument, [evidence(h)], instrument === 'foreign_court_order' ? 0.5 : 0.95, pages);
  }
  return undefined;
}

// ---------- who issued it

const LABELLED_AUTHORITY =
  /(?:Issuing\s+(?:judicial\s+)?authority|Issuing\s+court|Requesting\s+(?:authority|agency)|Agency|Issued\s+by|Court)\s*:\s*([^\n]{3,200})/i;
const COURT_LINE =
  /^(?:(?:THE\s+)?UNITED\s+STATES\s+DISTRICT\s+COURT[^\n]*|[^\n]*\b(?:SUPERIOR|CIRCUIT|DISTRICT|CROWN|MAGISTRATES'?|SUPREME)\s+COURT\b[^\n]*|(?:Amtsgericht|Landgericht|Tribunal\s+judiciaire|Rechtbank|Sąd\s+\w+)\b[^\n]*)$/imu;

/** A name cut at the end of its line: it ends with a word that cannot end a court's name. */
const DANGLING = /(?:\b(?:of|for|the|and|in|at|de|du|des|la|le|von|der|für|w|i)|,)$/iu;

function authorityOf(pages: PageText[]): Field<string> | undefined {
  const labelled = first(pages, LABELLED_AUTHORITY);
  if (labelled) {
    let value = clean(labelled.match[1]!);
    const ev = [evidence(labelled, 1)];
    // "Issuing court: … Northern District of" / "California": the name runs on to the next line.
    const after = labelled.page.text.slice(labelled.index + labelled.match[0].length);
    const next = /^\n([^\n:]{2,120})(?=\n|$)/u.exec(after);
    if (next && DANGLING.test(value)) {
      value = `${value} ${clean(next[1]!)}`;
      const start = labelled.index + labelled.match[0].length + 1;
      ev.push({ page: labelled.page.page, start, end: start + next[1]!.length, text: next[1]! });
    }
    return field(value, ev, 0.9, pages);
  }
  const h = first(pages.slice(0, 2), COURT_LINE);
  if (!h) {
    const fbi = first(pages.slice(0, 1), /Federal\s+Bureau\s+of\s+Investigation/i);
    return fbi ? field('Federal Bureau of Investigation', [evidence(fbi)], 0.8, pages) : undefined;
  }
  // AO forms set the court over three lines: "UNITED STATES DISTRICT COURT" / "for the" / "District of …".
  let value = clean(h.match[0]).replace(/^IN\s+THE\s+/i, '');
  const ev = [evidence(h)];
  const after = h.page.text.slice(h.index + h.match[0].length);
  const next = /^\n(for\s+the)\n([^\n]*District[^\n]*)/i.exec(after);
  if (next && !/\bfor\s+the\b/i.test(value)) {
    value = `${value} for the ${clean(next[2]!)}`;
    const start = h.index + h.match[0].length + 1 + next[1]!.length + 1;
    ev.push({ page: h.page.page, start, end: start + next[2]!.length, text: next[2]! });
  }
  return field(value, ev, 0.85, pages);
}

const COUNTRY_HINTS: [string, RegExp][] = [
  [
    'US',
    /United\s+States|U\.S\.C\.|\bU\.S\.\s|\bState\s+of\s+[A-Z]|County\b|Federal\s+Bureau|Police\s+Department|District\s+Attorney|Sheriff/i,
  ],
  ['GB', /Crown\s+Court|England\s+and\s+Wales|United\s+Kingdom|Crime\s+\(Overseas\s+Production\s+Orders\)/i],
  ['DE', /Amtsgericht|Landgericht|Bundes|Staatsanwaltschaft|Germany|Deutschland/i],
  ['FR', /Tribunal\s+judiciaire|Parquet|France|République/i],
  ['NL', /Rechtbank|Openbaar\s+Ministerie|Netherlands/i],
  ['PL', /Sąd|Prokuratura|Poland|Polska/iu],
  ['IE', /Ireland|An\s+Garda/i],
  ['ES', /Juzgado|España|Spain/i],
  ['IT', /Tribunale|Procura|Italy|Italia/i],
];

function jurisdictionOf(pages: PageText[]): Field<string> | undefined {
  const issuing = first(pages, /Issuing\s+State\s*:\s*([A-Z]{2})\b/);
  if (issuing) return field(issuing.match[1]!, [evidence(issuing, 1)], 0.95, pages);
  for (const [cc, re] of COUNTRY_HINTS) {
    const h = first(pages.slice(0, 2), re);
    if (h) return field(cc, [evidence(h)], 0.7, pages);
  }
  return undefined;
}

// ---------- numbers and dates

const CASE_NUMBER =
  /(?:Case|Docket|File|Matter|Criminal|Misc\.?|Reference|Our\s+ref(?:erence)?|Ref\.?|Aktenzeichen|Az\.|Investigation)\s*(?:No\.?|Number|#|ID)?\s*[:.]?\s*((?=[A-Za-z0-9:/.-]*\d)[A-Za-z0-9][A-Za-z0-9:/.-]{2,40}[A-Za-z0-9])/i;

const labelDate = (label: string) => new RegExp(`(?:${label})[^\\n\\d]{0,40}?(${DATE_PATTERN.source})`, 'iu');

const ISSUED = labelDate(
  'Date\\s+and\\s+time\\s+issued|Date\\s+issued|Date\\s+of\\s+issu(?:e|ing|ance)|Issued\\s+(?:on|this)|Dated|Entered|SO\\s+ORDERED|Date\\s*:|Signed\\s+(?:on|this)|Ordered\\s+this',
);
const EXECUTE_BY = labelDate(
  'on\\s+or\\s+before|execute\\s+by|to\\s+be\\s+executed\\s+by|no\\s+later\\s+than|produce[^\\n]{0,60}?by|Return\\s+date|respond\\s+by|Deadline',
);

function dateField(pages: PageText[], re: RegExp, monthFirst: boolean): Field<string> | undefined {
  for (const h of all(pages, re)) {
    const value = parseDate(h.match[1]!, monthFirst);
    if (value) return field(value, [evidence(h, 1)], 0.9, pages);
  }
  return undefined;
}

// ---------- identifiers

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** An address as a text layer may break it: after a hyphen, at the end of a line. */
const WRAPPED_EMAIL = /[A-Za-z0-9._%+-]+(?:-\n[A-Za-z0-9._%+-]+)*@[A-Za-z0-9.-]+(?:-\n[A-Za-z0-9.-]+)*\.[A-Za-z]{2,}/;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,5}){1,4}/;
const ACCOUNT_ID =
  /\b(?:acct-\d{4,}|Account\s+(?:ID\b|No\.|Number)\s*[:#]?\s*((?=[A-Za-z-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,40}))/i;
/** A labelled line about the person or office asking, not about the account asked about. */
const CONTACT_LINE =
  /^\s*(?:E-?mail|Electronic\s+mail|Phone|Tel\.?|Telephone|Fax|Contact(?:\s+person)?|Requesting\s+\w+|Requested\s+by|Officer|Applicant|Signature|Signed|Issued\s+by|Agency|Investigator|From|Sender)\b[^:\n]{0,30}:/i;

/** E.164 for a phone number as written; national numbers take the document's country code. */
export function toE164(raw: string, country: string | undefined): string | null {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return /^\+\d{8,15}$/.test(digits) ? digits : null;
  if (digits.startsWith('00')) return /^00\d{8,15}$/.test(digits) ? `+${digits.slice(2)}` : null;
  const cc = { US: '1', CA: '1', GB: '44', DE: '49', FR: '33', NL: '31', PL: '48', IE: '353', ES: '34', IT: '39' }[
    country ?? 'US'
  ];
  if (!cc) return null;
  if (cc === '1')
    return digits.length === 10 ? `+1${digits}` : digits.length === 11 && digits[0] === '1' ? `+${digits}` : null;
  const national = digits.replace(/^0/, '');
  return national.length >= 6 && national.length <= 12 ? `+${cc}${national}` : null;
}

function lineAt(page: PageText, index: number): string {
  const s = page.text.lastIndexOf('\n', index - 1) + 1;
  const e = page.text.indexOf('\n', index);
  return page.text.slice(s, e < 0 ? undefined : e);
}

function identifiersOf(pages: PageText[], country: string | undefined, requesterEmail?: string) {
  const out: Field<{ kind: IdentifierKind; value: string }>[] = [];
  const seen = new Set<string>();
  const add = (kind: IdentifierKind, value: string, ev: Evidence, strength: number) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) {
      out.find((f) => `${f.value.kind}:${f.value.value}` === key)?.evidence.push(ev);
      return;
    }
    seen.add(key);
    out.push(field({ kind, value }, [ev], strength, pages));
  };
  for (const h of all(pages, WRAPPED_EMAIL)) {
    const email = h.match[0].replace(/\n/g, '').toLowerCase().replace(/\.$/, '');
    if (email === requesterEmail || CONTACT_LINE.test(lineAt(h.page, h.index))) continue;
    add('email', email, evidence(h), 0.9);
  }
  for (const h of all(pages, ACCOUNT_ID)) {
    const value = (h.match[1] ?? h.match[0]).trim();
    add('account_id', value, evidence(h, h.match[1] ? 1 : 0), 0.85);
  }
  for (const h of all(pages, PHONE)) {
    const line = lineAt(h.page, h.index);
    if (CONTACT_LINE.test(line) || !/phone|telephone|mobile|number|msisdn|account|subscriber/i.test(line)) continue;
    if (DATE_PATTERN.test(h.match[0]) || /\b(?:U\.?S\.?C|§|Case|No\.)/i.test(line.slice(0, 12))) continue;
    const e164 = toE164(h.match[0], country);
    if (e164) add('phone', e164, evidence(h), 0.8);
  }
  return out;
}

// ---------- what is asked for

const CATEGORY_PATTERNS: [DataCategory, RegExp][] = [
  [
    'subscriber',
    /subscriber\s+(?:information|data|records)|basic\s+subscriber|name,?\s+(?:and\s+)?(?:postal\s+)?address|length\s+of\s+service|identity\s+of\s+the\s+(?:user|subscriber)/i,
  ],
  [
    'non_content',
    /(?:IP|internet\s+protocol)\s+(?:address\s+)?(?:logs?|records|history)|traffic\s+data|transactional\s+records|connection\s+(?:logs|records|data)|non-content|message\s+headers|header\s+information|toll\s+billing|metadata|access\s+logs/i,
  ],
  [
    'content',
    /contents?\s+of\s+(?:all\s+|any\s+)?(?:e-?mails?|communications|files|messages|documents|the\s+account)|stored\s+(?:communications|files|content)|content\s+data|the\s+contents\b/i,
  ],
  [
    'real_time',
    /real[-\s]time|pen\s+register|trap\s+and\s+trace|prospective(?:ly)?\s+(?:collect|intercept)|interception/i,
  ],
];
const NOT_CONTENT =
  /(?:not|no|excluding|without)\s+(?:including\s+|seek(?:ing)?\s+|request(?:ing)?\s+)?(?:the\s+|any\s+)?content/i;

function categoriesOf(pages: PageText[]): Field<DataCategory[]> | undefined {
  const found: DataCategory[] = [];
  const ev: Evidence[] = [];
  for (const [cat, re] of CATEGORY_PATTERNS) {
    const hits = all(pages, re).filter(
      (h) => !(cat === 'content' && NOT_CONTENT.test(h.page.text.slice(Math.max(0, h.index - 40), h.index + 20))),
    );
    if (!hits.length) continue;
    found.push(cat);
    ev.push(evidence(hits[0]!));
  }
  return found.length ? field(found, ev, 0.85, pages) : undefined;
}

const DATE_RANGE = new RegExp(
  // Named: DATE_PATTERN has groups of its own (the month names), numbered after these.
  `(?:from|between|for\\s+the\\s+period)\\s+(?<from>${DATE_PATTERN.source})\\s*(?:,\\s*)?(?:to|through|until|and|-|–)\\s+(?<to>${DATE_PATTERN.source}|(?:the\\s+)?present|today|the\\s+date\\s+of\\s+this\\s+\\w+)`,
  'iu',
);

function dateRangeOf(
  pages: PageText[],
  monthFirst: boolean,
): Field<{ from: string | null; to: string | null }> | undefined {
  const h = first(pages, DATE_RANGE);
  if (!h) return undefined;
  const from = parseDate(h.match.groups!.from!, monthFirst);
  const toText = h.match.groups!.to!;
  const to = /present|today|date\s+of/i.test(toText) ? null : parseDate(toText, monthFirst);
  if (!from) return undefined;
  return field({ from, to }, [evidence(h)], 0.85, pages);
}

// ---------- secrecy, emergency, who asks, signature

const SECRECY_BASIS =
  /18\s+U\.?\s?S\.?\s?C\.?\s*§*\s*(?:2705\s*\(\s*b\s*\)|2709\s*\(\s*c\s*\)|3123\s*\(\s*d\s*\))|Art(?:icle|\.)\s*(?:11|13)\b[^\n]{0,40}Regulation|section\s+8\s+of\s+the\s+Crime\s+\(Overseas\s+Production\s+Orders\)\s+Act\s+2019/i;
const SECRECY_PRESENT =
  /shall\s+not\s+disclose|not\s+(?:to\s+)?(?:disclose|notify|inform)|non-?disclosure|refrain\s+from\s+informing|delay(?:ed)?\s+notice|prohibited\s+from\s+disclosing/i;
const PERIOD = /for\s+(?:a\s+period\s+of\s+)?(\w+|\d+)\s*(?:\(\d+\)\s*)?(days?|months?|years?)/i;
const UNTIL_DATE = new RegExp(`until\\s+(${DATE_PATTERN.source})`, 'iu');
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  six: 6,
  nine: 9,
  twelve: 12,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  'one hundred eighty': 180,
};

function secrecyOf(
  pages: PageText[],
  issuedAt: string | undefined,
  monthFirst: boolean,
): Field<SecrecyOrderFound> | undefined {
  const present = first(pages, SECRECY_PRESENT);
  const basisHit = first(pages, SECRECY_BASIS);
  if (!present) return undefined;
  // Without a provision, only a command is an order ("please do not disclose" in a letter is not).
  const sentence = present.page.text.slice(Math.max(0, present.index - 200), present.index + 200);
  if (!basisHit && !/ORDERED|prohibited|directed/i.test(sentence)) return undefined;
  const ev = [evidence(present)];
  if (basisHit) ev.push(evidence(basisHit));
  const legalBasis = basisHit ? clean(basisHit.match[0]).replace(/\s+/g, ' ') : 'not stated';
  // Where the order's duration is said: the sentences around the prohibition.
  const around = present.page.text.slice(present.index, present.index + 600);
  let endsAt: string | null = null;
  let untilFurtherOrder = false;
  if (/until\s+further\s+order/i.test(around)) untilFurtherOrder = true;
  else {
    const until = UNTIL_DATE.exec(around);
    const period = PERIOD.exec(around);
    if (until) endsAt = parseDate(until[1]!, monthFirst);
    else if (period && issuedAt) {
      const n = Number.isNaN(+period[1]!) ? NUMBER_WORDS[period[1]!.toLowerCase()] : +period[1]!;
      if (n) {
        const unit = period[2]!.toLowerCase();
        const days = unit.startsWith('day') ? n : unit.startsWith('month') ? n * 30 : n * 365;
        endsAt = unit.startsWith('year') ? `${+issuedAt.slice(0, 4) + n}${issuedAt.slice(4)}` : addDays(issuedAt, days);
      }
    } else untilFurtherOrder = !/\bend|expire|lapse/i.test(around);
  }
  return field({ legalBasis, endsAt, untilFurtherOrder }, ev, basisHit ? 0.9 : 0.6, pages);
}

const LABEL_LINE = /^[A-Z][A-Za-z ()/'-]{2,60}:/;

function emergencyOf(pages: PageText[]): Field<string> | undefined {
  const h = first(
    pages,
    /(?:Nature\s+of\s+the\s+emergency|Description\s+of\s+the\s+emergency|Describe\s+the\s+emergency|Facts\s+of\s+the\s+emergency|Emergency\s+circumstances)[^:\n]*:\s*/i,
  );
  if (!h) return undefined;
  const rest = h.page.text.slice(h.index + h.match[0].length);
  const lines: string[] = [];
  for (const line of rest.split('\n')) {
    if (lines.length && LABEL_LINE.test(line)) break;
    lines.push(line);
    if (lines.join(' ').length > 2000) break;
  }
  const value = clean(lines.join(' '));
  if (!value) return undefined;
  const start = h.index + h.match[0].length;
  return field(
    value,
    [{ page: h.page.page, start, end: start + lines.join('\n').length, text: lines.join('\n') }],
    0.85,
    pages,
  );
}

const NAME_LABEL =
  /(?:Requesting\s+(?:officer|agent|official|prosecutor)|Requested\s+by|Officer|Contact\s+person|Name\s+of\s+(?:the\s+)?(?:requesting\s+)?(?:officer|official|contact)|Special\s+Agent|Applicant)\s*(?:name)?\s*:\s*([^\n,]{3,80})/i;
const EMAIL_LABEL = new RegExp(`(?:E-?mail|Electronic\\s+mail)\\s*(?:address)?\\s*:\\s*(${EMAIL.source})`, 'i');
const PHONE_LABEL = new RegExp(
  `(?:Phone|Telephone|Tel\\.?|Direct\\s+line)\\s*(?:number)?\\s*:\\s*(${PHONE.source})`,
  'i',
);

const SIGNED =
  /\/s\/\s*\S|Digitally\s+signed\s+by|\(signed\)|^Signed\s*:\s*[A-Z]|Signature\s*:\s*(?:\/s\/\s*)?[A-Z][a-z]/im;
const UNSIGNED = /Signature\s*:?\s*_{3,}|^_{6,}\s*$|\(unsigned\)/im;

export interface ExtractOptions {
  /** The document's country when already known (numeric dates are month first only in the US). */
  country?: string;
}

/** Read the fields of a demand from the pages of its document. */
export function extractDemandFields(pages: PageText[], o: ExtractOptions = {}): DemandFields {
  const jurisdiction = jurisdictionOf(pages);
  const country = o.country ?? jurisdiction?.value;
  const monthFirst = (country ?? 'US') === 'US';
  const f: DemandFields = { identifiers: [] };
  f.instrument = instrumentOf(pages);
  f.issuingAuthority = authorityOf(pages);
  f.jurisdiction = jurisdiction;
  const caseNo = first(pages, CASE_NUMBER);
  if (caseNo) f.caseNumber = field(caseNo.match[1]!, [evidence(caseNo, 1)], 0.9, pages);
  f.issuedAt = dateField(pages, ISSUED, monthFirst);
  f.executeBy = dateField(pages, EXECUTE_BY, monthFirst);

  const name = first(pages, NAME_LABEL);
  if (name) f.requesterName = field(clean(name.match[1]!), [evidence(name, 1)], 0.8, pages);
  const email = first(pages, EMAIL_LABEL);
  if (email) f.requesterEmail = field(email.match[1]!.toLowerCase(), [evidence(email, 1)], 0.9, pages);
  const phone = first(pages, PHONE_LABEL);
  const e164 = phone ? toE164(phone.match[1]!, country) : null;
  if (phone && e164) f.requesterPhone = field(e164, [evidence(phone, 1)], 0.85, pages);

  f.identifiers = identifiersOf(pages, country, f.requesterEmail?.value);
  f.dataCategories = categoriesOf(pages);
  f.dateRange = dateRangeOf(pages, monthFirst);
  f.secrecyOrder = secrecyOf(pages, f.issuedAt?.value, monthFirst);
  f.emergency = emergencyOf(pages);
  const unsigned = first(pages, UNSIGNED);
  const signed = first(pages, SIGNED);
  if (signed && (!unsigned || signed.page.page > unsigned.page.page || signed.index > unsigned.index))
    f.signed = field(true, [evidence(signed)], 0.8, pages);
  else f.signed = field(false, unsigned ? [evidence(unsigned)] : [], unsigned ? 0.8 : 0.5, pages);
  return f;
}
