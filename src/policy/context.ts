/**
 * The state one evaluation carries: the input, the target in scope (inside a target quantifier),
 * the parsed times, and what the rules have concluded so far.
 */
import type { DataCategory } from '../domain/vocabulary.ts';
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
import type { ParsedTimes } from './validate-input.ts';

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
  private readonly times: ParsedTimes;

  /** `times` are the input's timestamps, already parsed (see assertValidInput). */
  constructor(input: PolicyInput, times: ParsedTimes) {
    this.input = input;
    this.times = times;
  }

  /** Epoch milliseconds of a time fact, or null when it is unset. */
  time(name: string): number | null {
    return this.times[name] ?? null;
  }
}
