/** What a report says in words, the same in the HTML page and the PDF. */
import { DISPOSITIONS, DISPOSITION_LABELS } from '../domain/vocabulary.ts';
import type { Figures } from './figures.ts';
import type { TransparencyReport } from './report-document.ts';

/** A table column: its header, the group label it sits under (if any), its share of the width. */
export interface Column {
  header: string;
  /** A label over consecutive columns that share it (e.g. a disposition over its number and %). */
  group?: string;
  /** Share of the width left after fixed columns; fixed width in points when `fixed`. */
  width: number;
  fixed?: boolean;
  align?: 'left' | 'right';
}

const n = (v: number) => v.toLocaleString('en-US');
const accounts = (v: number) => `${n(v)} account${v === 1 ? '' : 's'}`;
/** A share in percent; a no-break space keeps the sign with its number. */
const pct = (v: number) => `${v.toFixed(1)}\u00a0%`;

/** The columns of a figures table: counts, then each disposition's number and share of the closed. */
export function figureColumns(first: string): Column[] {
  return [
    { header: first, width: 130, fixed: true, align: 'left' },
    { header: 'Received', width: 1.4 },
    { header: 'Accounts specified', width: 1.4 },
    { header: 'Accounts with data disclosed', width: 1.4 },
    { header: 'Still open', width: 1.4 },
    { header: 'Closed (the base of each %)', width: 1.4 },
    ...DISPOSITIONS.flatMap((d): Column[] => [
      { header: 'Count', group: DISPOSITION_LABELS[d], width: 0.85 },
      { header: '% of closed', group: DISPOSITION_LABELS[d], width: 1.15 },
    ]),
  ];
}

/** A figures table's row. */
export function figureRow(name: string, f: Figures): string[] {
  return [
    name,
    n(f.received),
    n(f.accountsSpecified),
    n(f.accountsAffected),
    n(f.open),
    n(f.closed),
    ...DISPOSITIONS.flatMap((d) => [n(f.dispositions[d].count), pct(f.dispositions[d].percent)]),
  ];
}

export function reportTitle(r: TransparencyReport): string {
  return `${r.scope === 'tenant' ? 'Your organisation’s' : 'Transparency'} report ${r.period.label}`;
}

/** The headline figures, one line each. */
export function summaryLines(r: TransparencyReport): string[] {
  const t = r.totals;
  const p = r.privateRequests;
  return [
    `Requests received from government authorities: ${n(t.received)}, naming ${accounts(t.accountsSpecified)}. Every figure below is of these, unless it says otherwise.`,
    `Requests received from private parties (civil litigants), counted apart: ${n(p.received)}, naming ${accounts(p.accountsSpecified)}.`,
    `Closed: ${n(t.closed)}; still open: ${n(t.open)}.`,
    `Some data produced: ${n(t.someDataProduced.count)} of the ${n(t.closed)} closed requests (${pct(t.someDataProduced.percent)}), for ${n(t.accountsAffected)} accounts.`,
    `Preservation requests (to keep data, not to hand it over), counted apart: ${n(r.preservation.received)}.`,
    `Customer notices sent: to enterprise customers for ${n(r.notices.enterprise.noticeSent.count)} of the ${n(r.notices.enterprise.demands)} requests about them (${pct(r.notices.enterprise.noticeSent.percent)}), to consumers for ${n(r.notices.consumer.noticeSent.count)} of the ${n(r.notices.consumer.demands)} requests naming a consumer's account (${pct(r.notices.consumer.noticeSent.percent)}).`,
  ];
}

/** The private-requests section: what it counts, and its table's rows (all of them, then per country). */
export function privateRequestsText(r: TransparencyReport): { intro: string; rows: { name: string; f: Figures }[] } {
  const p = r.privateRequests;
  return {
    intro: `Requests from private parties, such as a civil subpoena a litigant's lawyer serves, are not government demands: they are counted here and in no other figure of requests (not in the totals, countries, legal processes, data categories or trend). ${n(p.received)} were received${p.preservation ? `, and ${n(p.preservation)} preservation requests` : ''}.`,
    rows: [
      { name: 'All private requests', f: p },
      ...p.byCountry.map((c) => ({ name: `${c.countryName} (${c.country})`, f: c })),
    ],
  };
}

/** The columns of the notices-sent table. */
export const NOTICE_COLUMNS: readonly Column[] = [
  { header: 'Customers', width: 2, align: 'left' },
  { header: 'Requests naming their accounts (the base)', width: 1.4 },
  { header: 'Notice sent', width: 1 },
  { header: '% of the base', width: 1 },
  { header: 'Customers told', width: 1 },
];

/** The notices-sent section: what it counts, and its rows. */
export function noticesText(r: TransparencyReport): { intro: string; rows: string[][] } {
  const row = (label: string, a: TransparencyReport['notices']['enterprise']) => [
    label,
    n(a.demands),
    n(a.noticeSent.count),
    pct(a.noticeSent.percent),
    n(a.customersTold),
  ];
  return {
    intro:
      'Customer notices actually sent (not planned) about the requests received in the period, government and private, to enterprise customers and to consumers, each as a share of the requests that named an account of such a customer. A notice held under a secrecy order is counted once it is sent; notices sent before Writ recorded these figures are not counted.',
    rows: [row('Enterprise customers', r.notices.enterprise), row('Consumers', r.notices.consumer)],
  };
}

/** Abbreviations and terms the report uses, spelled out. */
export const GLOSSARY: readonly (readonly [string, string])[] = [
  ['UTC', 'Coordinated Universal Time; a request belongs to the period of the day (UTC) it was received.'],
  ['ISO 3166-1 code', 'the two-letter country code of the International Organization for Standardization.'],
  [
    'Government / private requests',
    'a government request comes from a court, prosecutor, police or other public authority; a private request from a party to a civil case (a civil litigant), which is counted apart.',
  ],
  ['Accounts specified', 'the accounts a request named (an identifier naming a whole organisation counts once).'],
  ['Accounts with data disclosed', 'every account a request named, when it ended with data disclosed.'],
  [
    'Content / non-content',
    'content is stored communications and documents; non-content is subscriber information and traffic records (headers, logs, connection data).',
  ],
  ['2703(d) court order', 'an order under 18 U.S.C. § 2703(d) (United States Code), for non-content records.'],
  ['MLAT', 'mutual legal assistance treaty: one government asks another to obtain evidence for it.'],
  ['CLOUD Act', 'the United States Clarifying Lawful Overseas Use of Data Act, 2018, and its executive agreements.'],
  ['NSL', 'national security letter, under 18 U.S.C. § 2709.'],
  ['FISA', 'the United States Foreign Intelligence Surveillance Act, 50 U.S.C. § 1801 and following.'],
  ['50 U.S.C. § 1874', 'the statute that lets a provider report national-security process only in bands, and late.'],
];

/**
 * What the provider may not report, and so what the figures leave out or coarsen (Ranking Digital
 * Rights, indicator P11a): said in every report, beside the figures.
 */
export const MAY_NOT_REPORT: readonly string[] = [
  'National security letters and Foreign Intelligence Surveillance Act (FISA) orders: United States law (50 U.S.C. § 1874) lets a provider report them only in bands of 500, for a half-year, and no earlier than 180 days after it ends. They appear in no other figure, so no exact number can be worked out by subtraction, and the public ledger shows them no more finely than their band.',
  'A request that came with a secrecy (non-disclosure) order is counted like any other, but its customer is not told while the order runs; the report names no customer, account or agency for any request.',
  'Where a law or a court order forbids the provider to say that it received a request at all, the request is reported only as that law allows. The provider cannot say in this report whether it received such requests beyond what the national-security bands show.',
];

/** The columns of the national-security table. */
export const NATIONAL_SECURITY_COLUMNS: readonly Column[] = [
  { header: 'Process', width: 2, align: 'left' },
  { header: 'Received (band)', width: 1 },
  { header: 'Customer accounts targeted (band)', width: 1 },
];

/** The national-security section: an introduction, and its rows or why there are none. */
export function nationalSecurityText(r: TransparencyReport): {
  intro: string;
  status: string;
  rows: string[][] | null;
} {
  const ns = r.nationalSecurity;
  const intro = `Reported under ${ns.statute}: semiannually, in bands of ${ns.bandWidth} starting with 0–${ns.bandWidth - 1}, no earlier than ${ns.delayDays} days after the half-year ends. Exact numbers are never published. National security letters (NSL) and Foreign Intelligence Surveillance Act (FISA) orders appear in no other figure.`;
  if (ns.status === 'not_reported')
    return { intro, status: 'Not reported for this period: the statute permits half-year reports only.', rows: null };
  if (ns.status === 'withheld') return { intro, status: `Withheld until ${ns.publishableFrom ?? ''}.`, rows: null };
  const row = (label: string, b: { demands: string; accounts: string } | null) => [
    label,
    b?.demands ?? '',
    b?.accounts ?? '',
  ];
  return {
    intro,
    status: 'Reported.',
    rows: [
      row('National security letters', ns.nationalSecurityLetters),
      row('FISA orders for content', ns.fisaContent),
      row('FISA orders for non-content', ns.fisaNonContent),
    ],
  };
}

/** How to recompute the figures: the words, then the checkpoint and the key to pin. */
export function checkingText(r: TransparencyReport): { text: string; values: [string, string][] } {
  const l = r.ledger;
  if (!l) return { text: 'This report is not bound to a ledger checkpoint.', values: [] };
  return {
    text: `Every figure but the national-security bands can be recomputed from the public ledger leaves up to tree size ${n(l.treeSize)} (root hash ${l.rootHash}) with writ report verify, or any tool that reads the log's tiles. Check the checkpoint's signature with the verifying key below, and compare that key with the one the provider publishes elsewhere.`,
    values: [
      ...(l.verifierKey ? ([['Ledger verifying key', l.verifierKey]] as [string, string][]) : []),
      ['Signed checkpoint', l.checkpoint],
    ],
  };
}
