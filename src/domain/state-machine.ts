/**
 * A tiny table-driven state machine: every legal move is a row (from, action, to). Anything not in
 * the table is refused. Tables are data so that tests can walk them row by row and docs can print them.
 */
import { DomainError } from './errors.ts';

export interface TransitionRow<S extends string, A extends string> {
  from: S;
  action: A;
  to: S;
}

export interface Track<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  actions: readonly A[];
  rows: readonly TransitionRow<S, A>[];
}

/** The state `action` leads to from `from`, or undefined when the table has no such row. */
export function target<S extends string, A extends string>(track: Track<S, A>, from: S, action: A): S | undefined {
  return track.rows.find((r) => r.from === from && r.action === action)?.to;
}

/** Like `target`, but refuses an illegal move with a DomainError that says what is allowed instead. */
export function transition<S extends string, A extends string>(track: Track<S, A>, from: S, action: A): S {
  const to = target(track, from, action);
  if (to === undefined) {
    const allowed = allowedActions(track, from);
    throw new DomainError(
      'illegal_transition',
      `${track.name}: cannot ${action.replaceAll('_', ' ')} from "${from}"` +
        (allowed.length ? `; allowed here: ${allowed.join(', ')}` : '; no action is allowed here'),
    );
  }
  return to;
}

/** The actions the table allows from `from`, in table order. */
export function allowedActions<S extends string, A extends string>(track: Track<S, A>, from: S): A[] {
  return [...new Set(track.rows.filter((r) => r.from === from).map((r) => r.action))];
}
