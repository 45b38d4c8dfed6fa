/**
 * Case handling around the decision: each open demand's owner (assignee), its next deadline kept on
 * the row (so the queue sorts by the soonest clock that binds the provider at index speed), internal
 * notes (append-only, never in an event payload), each staff member's saved views, and every
 * decision the engine made for a demand, with what triggered it. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table demands add column assignee_id uuid references principals(id);
    alter table demands add column next_deadline timestamptz;
    alter table demands add column next_deadline_kind text;
    -- Until a demand is next changed, its instrument's own date stands for its next deadline.
    update demands set next_deadline = response_deadline, next_deadline_kind = 'response_due'
      where state <> 'closed' and response_deadline is not null;
    create index demands_next_deadline on demands (next_deadline, id) where state <> 'closed';
    create index demands_next_deadline_all on demands (next_deadline, id);
    create index demands_assignee on demands (assignee_id, next_deadline, id) where state <> 'closed';

    create table demand_notes (
      id uuid primary key,
      demand_id uuid not null references demands(id),
      author_id uuid not null references principals(id),
      text text not null check (char_length(text) between 1 and 10000),
      created_at timestamptz not null
    );
    create index demand_notes_demand on demand_notes (demand_id, created_at, id);
    -- Notes are added, never edited or deleted.
    create trigger demand_notes_append_only before update or delete on demand_notes
      for each row execute function refuse_event_change();

    create table saved_views (
      id uuid primary key,
      principal_id uuid not null references principals(id),
      name text not null check (char_length(name) between 1 and 100),
      query text not null,
      created_at timestamptz not null,
      unique (principal_id, name)
    );

    create table decision_history (
      id bigserial primary key,
      demand_id uuid not null references demands(id),
      decided_at timestamptz not null,
      trigger text not null,
      changed jsonb not null,
      recommendation text not null,
      pack_versions jsonb not null,
      decision jsonb not null
    );
    create index decision_history_demand on decision_history (demand_id, id);
    create trigger decision_history_append_only before update or delete on decision_history
      for each row execute function refuse_event_change();
  `.execute(db);
}
