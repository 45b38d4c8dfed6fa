/**
 * People by name: the staff list (for the assignee picker) and the names behind the actor labels of
 * events ("staff:<id>", "agency:<officer id>", "customer:<admin id>", "system:writ"). An officer acts
 * for its agency and a customer admin for its customer: they are shown by that organisation's name.
 */
import { sql } from 'kysely';
import type { StaffRole } from '../domain/principal.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  roles: StaffRole[];
}

export interface NamedActor {
  kind: string;
  id: string;
  name: string;
}

/** Every staff principal that may sign in, by name. */
export async function listStaff(db: Q): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('principals')
    .select(['id', 'name', 'email', 'roles'])
    .where('kind', '=', 'staff')
    .where('disabled', '=', false)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, roles: r.roles as StaffRole[] }));
}

/** A staff principal's id and name, or undefined when the id is not an enabled staff member. */
export async function findStaffMember(db: Q, id: string): Promise<{ id: string; name: string } | undefined> {
  if (!UUID.test(id)) return undefined;
  return db
    .selectFrom('principals')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('kind', '=', 'staff')
    .where('disabled', '=', false)
    .executeTakeFirst();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names of principals by id (staff: the person; officer: the agency; customer admin: the customer). */
export async function principalNames(db: Q, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const rows = await db
    .selectFrom('principals as p')
    .leftJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('customers as c', 'c.id', 'p.customer_id')
    .select(['p.id', sql<string>`coalesce(a.name, c.name, p.name)`.as('name')])
    .where('p.id', 'in', wanted)
    .execute();
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

/** Resolve event actor labels to `{ kind, id, name }`, in one query. */
export async function nameActors(db: Q, labels: Iterable<string>): Promise<(label: string) => NamedActor> {
  const parsed = new Map<string, { kind: string; id: string }>();
  for (const l of labels) {
    const i = l.indexOf(':');
    parsed.set(l, i < 0 ? { kind: 'system', id: l } : { kind: l.slice(0, i), id: l.slice(i + 1) });
  }
  const names = await principalNames(
    db,
    [...parsed.values()].filter((a) => a.kind !== 'system').map((a) => a.id),
  );
  return (label) => {
    const a = parsed.get(label) ?? { kind: 'system', id: label };
    const name = a.kind === 'system' ? 'Writ' : (names.get(a.id) ?? a.id);
    return { kind: a.kind, id: a.id, name };
  };
}
