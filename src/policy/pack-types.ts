/**
 * The shape of a jurisdiction pack: the law as data. A pack holds rules; each rule has a condition
 * written in a small typed vocabulary (see facts.ts for the facts it may test) and effects the
 * engine applies when the condition holds. Numbers, periods and lists live in `parameters`.
 */
import type { DataCategory } from '../domain/vocabulary.ts';
import type { BuiltinSet, DeadlineKind, FlagCode, NoticeMode, Route, Stage } from './codes.ts';

/** A period of time. Months are calendar months (a year is `{ "months": 12 }`). */
export interface Duration {
  months?: number;
  days?: number;
  hours?: number;
}

/** A reference to a named value in the pack's `parameters`. */
export interface ParamRef {
  param: string;
}

export type DurationRef = Duration | ParamRef;
export type NumberRef = number | ParamRef;
export type ListRef = (string | boolean)[] | ParamRef | { builtin: BuiltinSet };

/**
 * A point in time: a time fact or a date parameter, optionally moved forward by a period.
 * `startOfDay` counts from midnight UTC of that day (for periods "beginning with the day" of an event).
 */
export type TimeRef = ({ fact: string } | ParamRef) & { plus?: DurationRef; startOfDay?: boolean };

/**
 * Compare two points in time at instant or calendar-day granularity. Days are UTC days unless
 * `timeZone` names a time-zone fact (e.g. "issuingTimeZone"): then both sides are read as
 * calendar days in that zone (UTC when the fact is null).
 */
export interface TimeComparison {
  fact: string;
  after?: TimeRef;
  before?: TimeRef;
  atOrAfter?: TimeRef;
  atOrBefore?: TimeRef;
  granularity?: 'instant' | 'day';
  timeZone?: string;
}

/** A test on one fact. Exactly one operator besides `fact` is allowed. */
export interface FactTest {
  fact: string;
  eq?: string | number | boolean;
  in?: ListRef;
  includesAny?: string[];
  includesAll?: string[];
  gt?: NumberRef;
  gte?: NumberRef;
  lt?: NumberRef;
  lte?: NumberRef;
  isNull?: boolean;
}

/** What earlier stages concluded about the requested categories. */
export type CategoryOutcome = 'all_insufficient' | 'any_insufficient' | 'any_sufficient' | 'any_unaddressed';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { anyTarget: Condition }
  | { allTargets: Condition }
  | { always: true }
  | { flagRaised: FlagCode }
  /** true/false: whether any route was proposed; a list: whether any of these routes was. */
  | { routeProposed: boolean | Route[] }
  | { categoryOutcome: CategoryOutcome }
  | FactTest
  | TimeComparison;

/** Set the verdict for requested categories (only categories the demand asks for are touched). */
export interface CategoryEffect {
  type: 'category';
  categories: DataCategory[] | 'all' | 'unaddressed';
  sufficient: boolean;
  reason?: string;
}

export interface RouteEffect {
  type: 'route';
  route: Route;
  reason?: string;
}

export interface FlagEffect {
  type: 'flag';
  flag: FlagCode;
  reason?: string;
}

export interface NoticeEffect {
  type: 'notice';
  mode: NoticeMode;
  /** For `delayed`: when the hold ends; a null time fact means the hold has no end date. */
  until?: TimeRef;
  reason?: string;
}

export interface DeadlineEffect {
  type: 'deadline';
  kind: DeadlineKind;
  at: TimeRef;
  reason?: string;
}

/** Preserve from `from` for `period`, plus `extension` per renewal up to `maxExtensions`. */
export interface PreserveEffect {
  type: 'preserve';
  from: TimeRef;
  period: DurationRef;
  extension: DurationRef;
  maxExtensions: NumberRef;
  reason?: string;
}

export type Effect = CategoryEffect | RouteEffect | FlagEffect | NoticeEffect | DeadlineEffect | PreserveEffect;

/** One rule of law (or of provider policy), with where it comes from and what it does. */
export interface Rule {
  id: string;
  stage: Stage;
  /** The provision relied on, as a lawyer would cite it. */
  citation: string;
  /** Ids of entries in the pack's `sources`. */
  sources: string[];
  /** What the rule says, in plain words. Shown in every explanation line it produces. */
  explanation: string;
  when: Condition;
  /** May be empty: a rule can exist only to put a point of law into the explanation. */
  effects: Effect[];
}

/** An authority a pack relies on. `verified` is false where the text could not be checked. */
export interface SourceEntry {
  id: string;
  title: string;
  url: string | null;
  verified: boolean;
  note?: string;
}

export type ParamValue = number | string | boolean | Duration | (string | boolean)[];

/** One legal regime (or the provider's own policy), versioned. */
export interface PolicyPack {
  id: string;
  version: string;
  title: string;
  description: string;
  sources: SourceEntry[];
  parameters: Record<string, ParamValue>;
  /** When the pack applies at all (e.g. the issuing authority is in the United States). */
  appliesWhen: Condition;
  rules: Rule[];
}
