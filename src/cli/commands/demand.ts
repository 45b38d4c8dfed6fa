/** `writ demand add|list|show`. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { findDemand, listDemands } from '../../store/demand-repository.ts';
import { listDemandEvents } from '../../store/event-repository.ts';
import { intakeDemand } from '../../workflow/intake-demand.ts';
import { parseDemandIntake } from '../../workflow/schemas/check-demand-intake.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { printJson, printTable } from '../output.ts';
import { withRuntime } from '../with-runtime.ts';
import { MATTER_STATES, type MatterState } from '../../domain/matter-state.ts';
import { INSTRUMENTS, isOneOf } from '../../domain/vocabulary.ts';

async function readJson(file: string): Promise<unknown> {
  const text =
    file === '-'
      ? await new Promise<string>((res) => {
          let s = '';
          process.stdin.on('data', (c) => (s += c)).on('end', () => res(s));
        })
      : await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid([{ pointer: '/', detail: `not valid JSON: ${(e as Error).message}` }]);
  }
}

export function registerDemandCommands(program: Command): void {
  const demand = program.command('demand').description('work with demands');

  demand
    .command('add <file>')
    .description('submit a demand from a JSON file ("-" for standard input), as staff entry')
    .option('--json', 'print the stored demand as JSON')
    .option('--idempotency-key <key>', 'the same key returns the first demand instead of adding another')
    .action(async (file: string, opts: { json?: boolean; idempotencyKey?: string }) => {
      const input = parseDemandIntake(await readJson(file));
      await withRuntime(async (rt) => {
        const { demand: d, created } = await intakeDemand(rt.ctx, {
          input,
          actor: { kind: 'staff', id: 'cli' },
          ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
        });
        if (opts.json) return printJson(d);
        console.log(
          `${created ? 'added' : 'already there'}: ${d.reference} (${d.instrument}, ${d.jurisdiction}) state=${d.state} notice=${d.noticeState}${d.noticeHeldUntil ? ` until ${d.noticeHeldUntil}` : ''}`,
        );
      });
    });

  demand
    .command('list')
    .description('list demands, newest first')
    .option('--state <state>', `one of: ${MATTER_STATES.join(', ')}`)
    .option('--country <cc>', 'ISO country of the issuing authority')
    .option('--instrument <instrument>')
    .option('--customer <id>')
    .option('--limit <n>', 'how many', '50')
    .option('--json')
    .action(
      async (opts: {
        state?: string;
        country?: string;
        instrument?: string;
        customer?: string;
        limit: string;
        json?: boolean;
      }) => {
        if (opts.state && !isOneOf(MATTER_STATES, opts.state))
          throw invalid([{ pointer: '--state', detail: `must be one of ${MATTER_STATES.join(', ')}` }]);
        if (opts.instrument && !isOneOf(INSTRUMENTS, opts.instrument))
          throw invalid([{ pointer: '--instrument', detail: `must be one of ${INSTRUMENTS.join(', ')}` }]);
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10000)
          throw invalid([{ pointer: '--limit', detail: 'must be a whole number from 1 to 10000' }]);
        await withRuntime(async (rt) => {
          const rows = await listDemands(
            rt.db,
            {
              ...(opts.state ? { state: opts.state as MatterState } : {}),
              ...(opts.country ? { country: opts.country.toUpperCase() } : {}),
              ...(opts.instrument ? { instrument: opts.instrument as never } : {}),
              ...(opts.customer ? { customerId: opts.customer } : {}),
            },
            limit,
          );
          if (opts.json) return printJson(rows);
          printTable(
            rows.map((r) => ({
              reference: r.reference,
              received: r.receivedAt.slice(0, 10),
              country: r.jurisdiction,
              instrument: r.instrument,
              state: r.state,
              notice: r.noticeState,
              deadline: r.responseDeadline?.slice(0, 16) ?? '',
              agency: r.agencyName,
            })),
          );
        });
      },
    );

  demand
    .command('show <ref>')
    .description('one demand with its timeline')
    .option('--json')
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const d = await findDemand(rt.db, ref);
        if (!d) throw new DomainError('not_found', `No demand ${ref}`);
        const events = await listDemandEvents(rt.db, d.id);
        if (opts.json) return printJson({ ...d, timeline: events });
        console.log(`${d.reference}  ${d.instrument} from ${d.jurisdiction}, received ${d.receivedAt}`);
        console.log(
          `state ${d.state}; notice ${d.noticeState}${d.noticeHeldUntil ? ` until ${d.noticeHeldUntil}` : ''}; challenge ${d.challengeState}; preservation ${d.preservationState}${d.disposition ? `; disposition ${d.disposition}` : ''}`,
        );
        console.log(
          `data: ${d.dataCategories.join(', ')}; targets: ${d.targets.map((t) => `${t.kind}:${t.value}`).join(', ')}`,
        );
        if (d.responseDeadline) console.log(`respond by ${d.responseDeadline}`);
        console.log('\ntimeline:');
        printTable(events.map((e) => ({ at: new Date(e.occurred_at).toISOString(), event: e.type, actor: e.actor })));
      });
    });
}
