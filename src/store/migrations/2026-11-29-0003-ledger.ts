/**
 * The tamper-evident ledger's storage: the queue of events waiting for a leaf, the leaves, their
 * salts (kept apart because they are not public), the perfect-subtree hashes that serve proofs,
 * and the signed checkpoints. Leaves, salts, nodes and checkpoints are append-only, enforced here
 * in the database as for `events`. Append-only file: a change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Every event waits here until the sequencer gives it a leaf. The row is written by a trigger in
    -- the event's own transaction, so the queue holds exactly the committed events without a leaf,
    -- whatever order their transactions commit in: the sequencer never has to guess from ids.
    create table ledger_pending (
      event_id bigint primary key references events(id)
    );
    create function queue_events_for_ledger() returns trigger language plpgsql as $$
      begin
        insert into ledger_pending (event_id) select id from new_events;
        return null;
      end $$;
    create trigger events_to_ledger after insert on events
      referencing new table as new_events
      for each statement execute function queue_events_for_ledger();
    insert into ledger_pending (event_id) select id from events;

    -- One leaf per event, in the order the sequencer appended them. leaf is the public RFC 8785
    -- JSON; sealed records how it was projected (national-security process publishes nothing).
    create table ledger_leaves (
      idx bigint primary key check (idx >= 0),
      event_id bigint not null unique references events(id),
      sealed boolean not null,
      leaf bytea not null,
      leaf_hash bytea not null check (octet_length(leaf_hash) = 32),
      sequenced_at timestamptz not null default now()
    );

    -- The per-event salt of the leaf's commitments. Never served publicly: given to a customer only
    -- for its own events, so that it can open the commitments that name it.
    create table ledger_salts (
      event_id bigint primary key references events(id),
      salt bytea not null check (octet_length(salt) = 32)
    );

    -- Perfect subtrees: node (level, idx) is the root of leaves [idx * 2^level, (idx + 1) * 2^level).
    -- Level 0 holds the leaf hashes. A node never changes once complete, so every proof for every
    -- past tree size is served from these rows.
    create table ledger_nodes (
      level smallint not null check (level between 0 and 62),
      idx bigint not null check (idx >= 0),
      hash bytea not null check (octet_length(hash) = 32),
      primary key (level, idx)
    );

    -- Signed checkpoints (c2sp.org/tlog-checkpoint), one per tree size, growing.
    create table ledger_checkpoints (
      tree_size bigint primary key check (tree_size > 0),
      root_hash bytea not null check (octet_length(root_hash) = 32),
      note text not null,
      created_at timestamptz not null default now()
    );

    create function refuse_ledger_change() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'restrict_violation';
      end $$;
    create trigger ledger_leaves_append_only before update or delete on ledger_leaves
      for each row execute function refuse_ledger_change();
    create trigger ledger_leaves_no_truncate before truncate on ledger_leaves
      for each statement execute function refuse_ledger_change();
    create trigger ledger_salts_append_only before update or delete on ledger_salts
      for each row execute function refuse_ledger_change();
    create trigger ledger_salts_no_truncate before truncate on ledger_salts
      for each statement execute function refuse_ledger_change();
    create trigger ledger_nodes_append_only before update or delete on ledger_nodes
      for each row execute function refuse_ledger_change();
    create trigger ledger_nodes_no_truncate before truncate on ledger_nodes
      for each statement execute function refuse_ledger_change();
    create trigger ledger_checkpoints_append_only before update or delete on ledger_checkpoints
      for each row execute function refuse_ledger_change();
    create trigger ledger_checkpoints_no_truncate before truncate on ledger_checkpoints
      for each statement execute function refuse_ledger_change();

    -- The queue may only lose an event to the log: dropping a row any other way would keep the
    -- event out of the ledger for good. Checked once per statement, as one anti-join.
    create function refuse_unsequenced_dequeue() returns trigger language plpgsql as $$
      declare missing bigint;
      begin
        select g.event_id into missing from gone g
          where not exists (select 1 from ledger_leaves l where l.event_id = g.event_id) limit 1;
        if missing is not null then
          raise exception 'ledger_pending: event % has no leaf yet (DELETE refused)', missing using errcode = 'restrict_violation';
        end if;
        return null;
      end $$;
    create trigger ledger_pending_dequeue after delete on ledger_pending
      referencing old table as gone
      for each statement execute function refuse_unsequenced_dequeue();
    create function refuse_pending_update() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger_pending rows are never changed (UPDATE refused)' using errcode = 'restrict_violation';
      end $$;
    create trigger ledger_pending_no_update before update on ledger_pending
      for each row execute function refuse_pending_update();
    create trigger ledger_pending_no_truncate before truncate on ledger_pending
      for each statement execute function refuse_ledger_change();
  `.execute(db);
}
