/**
 * `writ report verify`: recompute a report's figures from the public ledger leaves up to the
 * checkpoint it names, and say whether they match. The checkpoint's signature must verify with a
 * trusted key and the leaves must hash to its root; the first figure that differs is named.
 *
 * From the database, each leaf is rebuilt from its event row and salt (as ledger verification
 * does), so an event changed after the checkpoint shows up both as a root that no longer matches
 * and as figures that no longer add up. From an export file, the leaves are read as published.
 * The national-security bands are checked against the bands the log published for the half-year
 * once 50 U.S.C. § 1874(c) allowed (report.national_security_banded).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  bytesEqual,
  decodeBase64,
  hashLeaf,
  type NoteVerifier,
  parseVerifierKey,
  verifyCheckpoint,
} from '../ledger/index.ts';
import {
  type ExportHeader,
  headerProblem,
  isClosingLine,
  parseHeaderLine,
  parseLeafLine,
} from '../ledger/export-format.ts';
import { encodeLeaf, leafTextBytes, parseLeaf, reportView } from '../ledger/leaf.ts';
import { StreamingTree } from '../ledger/streaming-tree.ts';
import type { Db } from '../store/database.ts';
import { readLeafChecks } from '../store/ledger-repository.ts';
import { type FigureDifference, firstDifference } from './first-difference.ts';
import { TREND_HALVES } from './compute-report.ts';
import { type Period, halfYearsUpTo, nextDay } from './period.ts';
import { type TransparencyReport, VERIFIABLE_SECTIONS } from './report-document.ts';
import { nationalSecuritySection } from './national-security.ts';
import { reportSections } from './report-sections.ts';
import { LeafFacts, MalformedReportLeaf } from './rows-from-leaves.ts';

/** The outcome of checking a report. */
export interface ReportVerification {
  ok: boolean;
  source: 'database' | 'file';
  treeSize: number | null;
  /** The checkpoint verified with a trusted key and names the report's tree size and root. */
  checkpointVerified: boolean;
  /** The leaves up to the tree size hash to the checkpoint's root. */
  rootMatches: boolean;
  /** The first figure that differs, or null. */
  firstDifference: FigureDifference | null;
  /** Everything else that went wrong, first first. */
  problems: string[];
}

export interface VerifyReportOptions {
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 4096;

function periodOf(r: TransparencyReport): Period {
  return { ...r.period, to: nextDay(r.period.last) };
}

/** Checks the report's checkpoint; returns its root, or records why not. */
function checkBinding(
  report: TransparencyReport,
  verifiers: readonly NoteVerifier[],
  problems: string[],
): { treeSize: number; root: Uint8Array } | null {
  const b = report.ledger;
  if (!b) {
    problems.push('the report names no checkpoint: its figures are not bound to the ledger');
    return null;
  }
  try {
    const { checkpoint } = verifyCheckpoint(b.checkpoint, verifiers, b.origin);
    const stated = decodeBase64(b.rootHash);
    if (checkpoint.treeSize !== b.treeSize || stated === undefined || !bytesEqual(checkpoint.rootHash, stated)) {
      problems.push('the signed checkpoint does not name the tree size and root hash the report states');
      return null;
    }
    if (b.verifierKey) {
      // The key a reader copies from the report must be one that verifies its checkpoint.
      try {
        verifyCheckpoint(b.checkpoint, [parseVerifierKey(b.verifierKey)], b.origin);
      } catch {
        problems.push('the verifying key the report publishes does not verify its checkpoint');
      }
    }
    return { treeSize: checkpoint.treeSize, root: checkpoint.rootHash };
  } catch (e) {
    problems.push(`the report's checkpoint does not verify: ${(e as Error).message}`);
    return null;
  }
}

/**
 * The national-security section against the bands the log published for the half-year: a
 * reported section must carry exactly those bands; a section withheld or not reported must say so
 * for the reason its period gives (checked against the statute's delay, not taken on trust).
 */
function compareBands(
  report: TransparencyReport,
  bands: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): FigureDifference | null {
  const ns = report.nationalSecurity;
  const period = periodOf(report);
  const expected = nationalSecuritySection(period, report.generatedAt.slice(0, 10), null);
  if (ns.status === 'not_reported' || expected.status === 'not_reported')
    return firstDifference(ns.status, expected.status, 'nationalSecurity.status');
  const published = bands.get(period.label);
  if (ns.status === 'withheld') {
    if (report.generatedAt.slice(0, 10) >= expected.publishableFrom!)
      return { figure: 'nationalSecurity.status', report: 'withheld', recomputed: 'reported' };
    return firstDifference(ns.publishableFrom, expected.publishableFrom, 'nationalSecurity.publishableFrom');
  }
  if (!published)
    return { figure: 'nationalSecurity', report: 'reported', recomputed: 'no bands in the log for this half-year' };
  for (const k of ['nationalSecurityLetters', 'fisaContent', 'fisaNonContent'] as const) {
    const d = firstDifference(ns[k], published[k], `nationalSecurity.${k}`);
    if (d) return d;
  }
  return null;
}

/** Compares the recomputed figures with the report's. */
function compare(report: TransparencyReport, facts: LeafFacts): FigureDifference | null {
  const { rows, countries, trend, bands } = facts.result();
  const recomputed = { ...reportSections(rows, countries), trend } as Record<string, unknown>;
  for (const section of VERIFIABLE_SECTIONS) {
    const d = firstDifference((report as unknown as Record<string, unknown>)[section], recomputed[section], section);
    if (d) return d;
  }
  return compareBands(report, bands);
}

function finish(
  source: 'database' | 'file',
  treeSize: number | null,
  checkpointVerified: boolean,
  rootMatches: boolean,
  diff: FigureDifference | null,
  problems: string[],
): ReportVerification {
  return {
    ok: checkpointVerified && rootMatches && diff === null && problems.length === 0,
    source,
    treeSize,
    checkpointVerified,
    rootMatches,
    firstDifference: diff,
    problems,
  };
}

/** Verifies `report` against the ledger in the database, rebuilding each leaf from its event. */
export async function verifyReportAgainstDatabase(
  db: Db,
  report: TransparencyReport,
  o: VerifyReportOptions & { verifiers: readonly NoteVerifier[] },
): Promise<ReportVerification> {
  const problems: string[] = [];
  const bound = checkBinding(report, o.verifiers, problems);
  if (!bound) return finish('database', report.ledger?.treeSize ?? null, false, false, null, problems);
  const period = periodOf(report);
  const facts = new LeafFacts(period, halfYearsUpTo(period, TREND_HALVES));
  const tree = new StreamingTree();
  for (let from = 0; from < bound.treeSize; ) {
    const rows = await readLeafChecks(db, from, Math.min(BATCH, bound.treeSize - from));
    if (rows.length === 0) break;
    const hashes: Uint8Array[] = [];
    for (const r of rows) {
      if (r.index !== from) problems.push(`leaf ${from} is missing`);
      from = r.index + 1;
      if (r.event === null || r.salt === null) {
        problems.push(`leaf ${r.index}: its event or salt is gone`);
        hashes.push(r.leafHash);
        continue;
      }
      const bytes = encodeLeaf(r.index, r.event, r.salt, r.sealed, r.format);
      const hash = hashLeaf(bytes);
      if (!bytesEqual(hash, r.leafHash) && problems.length < 20)
        problems.push(`leaf ${r.index} no longer matches its event (event ${r.eventId} was changed)`);
      hashes.push(hash);
      try {
        facts.add(reportView(parseLeaf(bytes)));
      } catch (e) {
        if (!(e instanceof MalformedReportLeaf)) throw e;
        problems.push(e.message);
      }
    }
    tree.append(hashes);
    o.onProgress?.(from, bound.treeSize);
  }
  if (tree.size !== bound.treeSize)
    problems.push(`the log holds ${tree.size} leaves, fewer than the checkpoint's ${bound.treeSize}`);
  const rootMatches = tree.size === bound.treeSize && bytesEqual(tree.root(), bound.root);
  return finish('database', bound.treeSize, true, rootMatches, compare(report, facts), problems);
}

/** Verifies `report` offline against a `writ ledger export` file (streaming layout). */
export async function verifyReportAgainstExport(
  file: string,
  report: TransparencyReport,
  o: VerifyReportOptions & { verifierKey?: string },
): Promise<ReportVerification> {
  const problems: string[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  try {
    const first = await it.next();
    const header = first.done ? undefined : parseHeaderLine(first.value);
    const headerIssue = headerProblem(header);
    if (headerIssue !== undefined) {
      problems.push(`not a ledger export: ${headerIssue}`);
      return finish('file', null, false, false, null, problems);
    }
    const h = header as ExportHeader;
    const key = o.verifierKey ?? h.verifierKey;
    if (key === null) {
      problems.push('the file names no verifier key: give the key to trust');
      return finish('file', null, false, false, null, problems);
    }
    const bound = checkBinding(report, [parseVerifierKey(key)], problems);
    if (!bound) return finish('file', report.ledger?.treeSize ?? null, false, false, null, problems);
    const period = periodOf(report);
    const facts = new LeafFacts(period, halfYearsUpTo(period, TREND_HALVES));
    const tree = new StreamingTree();
    let hashes: Uint8Array[] = [];
    let index = 0;
    for (let r = await it.next(); !r.done && index < bound.treeSize; r = await it.next()) {
      if (isClosingLine(r.value)) break;
      const text = parseLeafLine(r.value);
      if (text === undefined) {
        problems.push(`line of leaf ${index} is not a leaf`);
        break;
      }
      const bytes = leafTextBytes(text);
      hashes.push(hashLeaf(bytes));
      try {
        const leaf = parseLeaf(bytes);
        if (leaf.seq !== index) problems.push(`leaf ${index} says it is leaf ${leaf.seq}`);
        facts.add(reportView(leaf));
      } catch (e) {
        problems.push(`leaf ${index}: ${(e as Error).message}`);
      }
      index++;
      if (hashes.length === BATCH) {
        tree.append(hashes);
        hashes = [];
        o.onProgress?.(index, bound.treeSize);
      }
    }
    tree.append(hashes);
    o.onProgress?.(index, bound.treeSize);
    if (tree.size < bound.treeSize)
      problems.push(`the file holds ${tree.size} leaves, fewer than the checkpoint's ${bound.treeSize}`);
    const rootMatches = tree.size === bound.treeSize && bytesEqual(tree.root(), bound.root);
    return finish('file', bound.treeSize, true, rootMatches, compare(report, facts), problems);
  } finally {
    lines.close();
  }
}
