/** `writ evaluate FILE`: the policy engine on the facts of one demand, without storing anything. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { invalid } from '../../domain/errors.ts';
import { assertValidInput, evaluate, explainDecision, loadPacks, type PolicyInput } from '../../policy/index.ts';
import { printJson } from '../output.ts';

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate <file>')
    .description(
      'evaluate the facts of a demand (a policy-input JSON file) against the jurisdiction packs; stores nothing',
    )
    .option('--json', 'print the decision as JSON')
    .option('--now <time>', 'evaluation clock (RFC 3339); default: the "now" in the file, else the current time')
    .action(async (file: string, opts: { json?: boolean; now?: string }) => {
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      } catch (e) {
        throw invalid([{ pointer: '/', detail: `cannot read ${file} as JSON: ${(e as Error).message}` }]);
      }
      const input = { ...raw, now: opts.now ?? raw.now ?? new Date().toISOString() } as PolicyInput;
      assertValidInput(input);
      const decision = evaluate(input, loadPacks());
      if (opts.json) printJson(decision);
      else process.stdout.write(explainDecision(decision) + '\n');
    });
}
