/**
 * An internal note on a demand: staff only, added and never edited or deleted. The note's text is
 * kept in its own table; the event that records it carries the note's id only, so the text reaches
 * no ledger leaf, no customer's and no agency's view.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface AddDemandNoteOptions {
  demand: string;
  text: string;
  /** The staff member writing it. */
  actor: Actor;
}

export interface Note {
  id: string;
  at: string;
  authorId: string;
  text: string;
}

export async function addDemandNote(ctx: WorkflowContext, opts: AddDemandNoteOptions): Promise<Note> {
  const id = randomUUID();
  let at = '';
  await actOnDemand(ctx, opts.demand, opts.actor, async (demand, tx, now) => {
    at = now.toISOString();
    await tx
      .insertInto('demand_notes')
      .values({ id, demand_id: demand.id, author_id: opts.actor.id, text: opts.text, created_at: now })
      .execute();
    return { events: [{ type: 'demand.note_added', noteId: id }] };
  });
  return { id, at, authorId: opts.actor.id, text: opts.text };
}
