/**
 * Combines what the fired rules concluded into one Decision: the strongest route and notice
 * restriction win (see codes.ts for why), the most restrictive category verdict wins, and the
 * earliest legal response deadline is the one that counts.
 */
import { DATA_CATEGORIES } from '../domain/vocabulary.ts';
import { NOTICE_PRECEDENCE, ROUTE_PRECEDENCE } from './codes.ts';
import type { EvalContext } from './context.ts';
import { requesterKindOf } from './facts.ts';
import type { PreparedPack } from './prepare.ts';
import type { CategoryVerdict, Decision, DeadlineVerdict, FlagVerdict, NoticeVerdict, RouteVerdict } from './types.ts';

/** Used only when no pack rule spoke to a point; the provider pack normally always does. */
const NO_RULE = { citation: 'none', ruleId: 'engine.no_rule' };

/** Build the Decision from the evaluation context. */
export function assembleDecision(ctx: EvalContext, applicable: readonly PreparedPack[]): Decision {
  const c = ctx.conclusions;
  const categories: CategoryVerdict[] = DATA_CATEGORIES.filter((cat) => ctx.input.dataCategories.includes(cat)).map(
    (category) =>
      c.categories.get(category) ?? {
        category,
        sufficient: false,
        reason: 'No applicable rule says this instrument reaches this category, so it is treated as not sufficient.',
        ...NO_RULE,
      },
  );
  const responses = c.deadlines.filter((d) => d.kind === 'response');
  return {
    kind: 'recommendation',
    evaluatedAt: ctx.input.now,
    requesterKind: requesterKindOf(ctx.input),
    packs: applicable.map((p) => ({ id: p.pack.id, version: p.pack.version, digest: p.digest })),
    categories,
    route: pickRoute(c.routes),
    notice: pickNotice(c.notices),
    flags: uniqueFlags(c.flags),
    deadlines: c.deadlines,
    responseDeadline: earliest(responses),
    preservationUntil: c.preservation?.until ?? null,
    preservation: c.preservation,
    firedRules: c.fired,
    explanation: c.explanation,
  };
}

function pickRoute(proposals: readonly RouteVerdict[]): RouteVerdict {
  for (const route of ROUTE_PRECEDENCE) {
    const found = proposals.find((p) => p.route === route);
    if (found) return found;
  }
  return { route: 'clarify', reason: 'No applicable rule proposed a route; a lawyer must decide.', ...NO_RULE };
}

/** Among equally strong holds, the one that ends last wins (a hold without end outlasts all). */
function pickNotice(notices: readonly NoticeVerdict[]): NoticeVerdict {
  for (const mode of NOTICE_PRECEDENCE) {
    const same = notices.filter((n) => n.mode === mode);
    if (same.length === 0) continue;
    return same.reduce((best, n) => (endsLater(n.until, best.until) ? n : best));
  }
  return { mode: 'now', until: null, reason: 'No applicable rule restricts notice to the customer.', ...NO_RULE };
}

function endsLater(a: string | null, b: string | null): boolean {
  if (b === null) return false;
  if (a === null) return true;
  return Date.parse(a) > Date.parse(b);
}

function uniqueFlags(flags: readonly FlagVerdict[]): FlagVerdict[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const key = `${f.code} ${f.ruleId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function earliest(deadlines: readonly DeadlineVerdict[]): DeadlineVerdict | null {
  let best: DeadlineVerdict | null = null;
  for (const d of deadlines) if (best === null || Date.parse(d.at) < Date.parse(best.at)) best = d;
  return best;
}
