/**
 * The state one evaluation carries: the input, the target in scope (inside a target quantifier),
 * parsed times, and what the rules have concluded so far.
 */
import type { DataCategory } from '../domain/vocabulary.ts';
import { FACTS } from './facts.ts';
import { parseInstant } from './time.ts';
import type {
  CategoryVerdict,
  DeadlineVerdict,
  ExplanationLine,
  FlagVerdict,
  NoticeVerdict,
  PolicyInput,
  PolicyTarget,
  PreservationVerdict,
  RouteVerdict,
} from './types.ts';

/** What the rules fired so far have concluded. */
export interface Conclusions {
  categories: Map<DataCategory, CategoryVerdict>;
  routes: RouteVerdict[];
  notices: NoticeVerdict[];
  flags: FlagVerdict[];
  deadlines: DeadlineVerdict[];
  preservation: PreservationVerdict | null;
  fired: string[];
  explanation: ExplanationLine[];
}

/** Everything a compiled condition or effect may read. */
export class EvalContext {
  readonly input: PolicyInput;
  target: PolicyTarget | null = null;
  readonly conclusions: Conclusions = {
    categories: new Map(),
    routes: [],
    notices: [],
    flags: [],
    deadlines: [],
    preservation: null,
    fired: [],
    explanation: [],
  };
  private readonly times = new Map<string, number | null>();

  constructor(input: PolicyInput) {
    this.input = input;
  }

  /** Epoch milliseconds of a time fact (parsed once per evaluation), or null when it is unset. */
  time(name: string): number | null {
    let ms = this.times.get(name);
    if (ms === undefined) {
      const raw = FACTS[name]?.read(this.input, this.target);
      ms = typeof raw === 'string' ? parseInstant(raw) : null;
      this.times.set(name, ms);
    }
    return ms;
  }
}
