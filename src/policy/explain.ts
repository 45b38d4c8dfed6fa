/**
 * Renders a Decision as plain text for the command line: the recommendation first, then each
 * point with its rule and citation, then the reasoning in the order the rules ran.
 */
import { ROUTE_LABELS } from '../domain/plain-words.ts';
import { DATA_CATEGORY_LABELS } from '../domain/vocabulary.ts';
import type { Decision, Grounded } from './types.ts';

/** Render `d` as readable plain text (lines separated by "\n", no trailing newline). */
export function explainDecision(d: Decision): string {
  const out: string[] = [];
  out.push(`Recommendation: ${ROUTE_LABELS[d.route.route] ?? d.route.route} (${d.route.route})`);
  out.push(`  ${grounds(d.route)}`);
  out.push('This is a recommendation; a member of the legal team makes the final call.');
  out.push(
    `Evaluated at ${d.evaluatedAt} with ${d.packs.map((p) => `${p.id}@${p.version}`).join(', ') || 'no packs'}.`,
  );
  out.push('', 'Data requested:');
  for (const c of d.categories) {
    out.push(`  - ${DATA_CATEGORY_LABELS[c.category]}: ${c.sufficient ? 'sufficient' : 'NOT sufficient'}`);
    out.push(`      ${grounds(c)}`);
  }
  const until = d.notice.mode === 'delayed' ? (d.notice.until ? ` until ${d.notice.until}` : ' (no end date)') : '';
  out.push('', `Customer notice: ${d.notice.mode}${until}`, `  ${grounds(d.notice)}`);
  if (d.flags.length) {
    out.push('', 'Flags:');
    for (const f of d.flags) out.push(`  - ${f.code}: ${grounds(f)}`);
  }
  if (d.deadlines.length) {
    out.push('', 'Dates:');
    for (const x of d.deadlines) out.push(`  - ${x.kind}: ${x.at} [${x.ruleId}; ${x.citation}]`);
  }
  if (d.responseDeadline) out.push(`Response due by ${d.responseDeadline.at} (${d.responseDeadline.citation}).`);
  if (d.preservation) {
    out.push(`Preserve until ${d.preservation.until} (${d.preservation.extensionsGranted} extension(s) counted).`);
    out.push(`  ${grounds(d.preservation)}`);
  }
  out.push('', 'Reasoning, in the order the rules ran:');
  d.explanation.forEach((line, i) => out.push(`  ${i + 1}. [${line.ruleId}] ${line.text} (${line.citation})`));
  return out.join('\n');
}

function grounds(g: Grounded): string {
  return `${g.reason} [${g.ruleId}; ${g.citation}]`;
}
