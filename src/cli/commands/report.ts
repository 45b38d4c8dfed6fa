/**
 * `writ report [--period P] [--format F] [--out FILE]`: the transparency report for a period,
 * bound to a signed ledger checkpoint; and `writ report verify REPORT.json [--file EXPORT]`: its
 * figures recomputed from the public ledger leaves up to that checkpoint (from the database, or
 * offline from a `writ ledger export` file). Verification exits with status 1 when anything
 * differs and names the first figure that does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { loadLedgerSigning } from '../../config/ledger-key.ts';
import { invalid } from '../../domain/errors.ts';
import { type NoteVerifier, parseVerifierKey } from '../../ledger/index.ts';
import { computeReport } from '../../reports/compute-report.ts';
import { lastCompleteHalfYear, parsePeriod } from '../../reports/period.ts';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../../reports/render-report.ts';
import { REPORT_FORMAT, type TransparencyReport } from '../../reports/report-document.ts';
import {
  type ReportVerification,
  verifyReportAgainstDatabase,
  verifyReportAgainstExport,
} from '../../reports/verify-report.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withRuntime } from '../with-runtime.ts';

/** Exits with `code` once standard output is flushed (an exit hook of the embedded server would end with 0). */
async function exitAfterOutput(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

async function readReport(file: string): Promise<TransparencyReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw invalid([{ pointer: 'REPORT', detail: `is not a JSON file: ${(e as Error).message}` }]);
  }
  if ((parsed as { format?: unknown } | null)?.format !== REPORT_FORMAT)
    throw invalid([{ pointer: 'REPORT', detail: `is not a ${REPORT_FORMAT} report` }]);
  return parsed as TransparencyReport;
}

function printVerification(v: ReportVerification): void {
  const where = v.source === 'database' ? 'the database' : 'the export file';
  if (v.ok) {
    console.log(
      `OK: every figure matches the public ledger leaves up to tree size ${v.treeSize?.toLocaleString('en-US')} (from ${where}); the checkpoint's signature and root hash check out`,
    );
    return;
  }
  console.log(`FAILED: the report does not match the ledger (from ${where})`);
  if (v.firstDifference) {
    const d = v.firstDifference;
    console.log(
      `  first figure that differs: ${d.figure}: the report says ${JSON.stringify(d.report)}, the ledger gives ${JSON.stringify(d.recomputed)}`,
    );
  }
  if (!v.checkpointVerified) console.log('  the checkpoint does not verify');
  else if (!v.rootMatches) console.log("  the leaves no longer hash to the checkpoint's root");
  for (const p of v.problems.slice(0, 10)) console.log(`  ${p}`);
}

export function registerReportCommand(program: Command): void {
  const report = program
    .command('report')
    .description('the transparency report for a period, bound to a signed ledger checkpoint')
    .option(
      '--period <period>',
      'a half-year (2026-H1), quarter (2026-Q1), year (2026) or range (2026-01-01..2026-06-30); default: the last complete half-year',
    )
    .option('--format <format>', `${REPORT_FORMATS.join(', ')} (csv is Google's layout)`, 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { period?: string; format: string; out?: string }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format))
        throw invalid([{ pointer: '--format', detail: `must be one of ${REPORT_FORMATS.join(', ')}` }]);
      const format = opts.format as ReportFormat;
      const now = new Date();
      const period = opts.period === undefined ? lastCompleteHalfYear(now) : parsePeriod(opts.period, '--period');
      const config = loadConfig();
      const bar = progressBar(`report ${period.label}`);
      let rendered: Awaited<ReturnType<typeof renderReport>>;
      try {
        bar.update(0, 3);
        const r = await withRuntime(async (rt) => {
          const signing = await loadLedgerSigning(config, { createDemoKey: false });
          if (!signing) console.error('no ledger key is configured: the report cannot be bound to a fresh checkpoint');
          bar.update(1, 3);
          return computeReport(rt.db, { period, now, origin: config.ledger.origin, signing });
        });
        bar.update(2, 3);
        rendered = await renderReport(r, format);
        bar.update(3, 3);
      } finally {
        bar.finish();
      }
      if (opts.out) {
        await writeFile(opts.out, rendered.body);
        console.error(`wrote the ${format} report for ${period.label} to ${opts.out}`);
      } else {
        process.stdout.write(rendered.body);
      }
    });

  report
    .command('verify <report>')
    .description(
      "recompute a JSON report's figures from the public ledger leaves up to its checkpoint and say whether they match",
    )
    .option('--file <export>', 'use this `writ ledger export` file instead of the database (offline)')
    .option(
      '--key <verifierKey>',
      'the verifier key to trust (default: the configured key, or the one in the export file)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { file?: string; key?: string; json?: boolean }) => {
      const r = await readReport(file);
      let pinned: NoteVerifier | undefined;
      if (opts.key !== undefined) {
        try {
          pinned = parseVerifierKey(opts.key);
        } catch (e) {
          throw invalid([{ pointer: '--key', detail: `is not a verifier key: ${(e as Error).message}` }]);
        }
      }
      const bar = progressBar('verifying');
      let v: ReportVerification;
      try {
        if (opts.file) {
          v = await verifyReportAgainstExport(opts.file, r, {
            ...(opts.key ? { verifierKey: opts.key } : {}),
            onProgress: bar.update,
          });
        } else {
          const config = loadConfig();
          v = await withRuntime(async (rt) => {
            const signing = pinned ? null : await loadLedgerSigning(config, { createDemoKey: false });
            const verifiers = pinned ? [pinned] : signing ? [signing.verifier] : [];
            return verifyReportAgainstDatabase(rt.db, r, { verifiers, onProgress: bar.update });
          });
        }
      } finally {
        bar.finish();
      }
      if (opts.json) printJson(v);
      else printVerification(v);
      if (!v.ok) await exitAfterOutput(1);
    });
}
