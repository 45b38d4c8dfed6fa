import type { Account, Agency, Customer } from '../domain/directory.ts';
import type { CustomerKind, RequesterVerification } from '../domain/vocabulary.ts';
import { toAgency } from './agency-mapper.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;
const iso = (d: Date | string) => new Date(d).toISOString();

export async function insertCustomer(tx: Q, c: Omit<Customer, 'createdAt'>): Promise<void> {
  await tx
    .insertInto('customers')
    .values({
      id: c.id,
      kind: c.kind,
      name: c.name,
      country: c.country,
      us_person: c.usPerson,
      domains: c.domains,
      share_legal_contact: c.shareLegalContact,
      notification_prefs: JSON.stringify(c.notificationPrefs),
      language: c.language,
    })
    .execute();
  if (c.contacts.length) {
    await tx
      .insertInto('customer_contacts')
      .values(
        c.contacts.map((k) => ({
          id: k.id,
          customer_id: c.id,
          name: k.name,
          email: k.email,
          role: k.role,
          designated: k.designated,
        })),
      )
      .execute();
  }
  // A tenant's own domains resolve to the whole tenant (a demand for "all of example.com").
  if (c.domains.length) {
    await tx
      .insertInto('account_identifiers')
      .values(c.domains.map((d) => ({ kind: 'domain', value: d.toLowerCase(), customer_id: c.id, account_id: null })))
      .execute();
  }
}

export async function insertAccount(tx: Q, a: Account): Promise<void> {
  await tx
    .insertInto('accounts')
    .values({ id: a.id, customer_id: a.customerId, display_name: a.displayName, data_location: a.dataLocation })
    .execute();
  if (a.identifiers.length) {
    await tx
      .insertInto('account_identifiers')
      .values(a.identifiers.map((i) => ({ kind: i.kind, value: i.value, customer_id: a.customerId, account_id: a.id })))
      .execute();
  }
}

export async function insertAgency(tx: Q, a: Omit<Agency, 'createdAt'>): Promise<void> {
  await tx
    .insertInto('agencies')
    .values({
      id: a.id,
      name: a.name,
      country: a.country,
      subdivision: a.subdivision,
      kind: a.kind,
      verified_domains: a.verifiedDomains,
      callback_phone: a.callbackPhone,
      time_zone: a.timeZone ?? null,
    })
    .execute();
}

export async function findCustomer(db: Q, id: string): Promise<Customer | undefined> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const contacts = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('customer_id', '=', id)
    .orderBy('name')
    .execute();
  return {
    id: row.id,
    kind: row.kind as CustomerKind,
    name: row.name,
    country: row.country,
    usPerson: row.us_person,
    domains: row.domains,
    shareLegalContact: row.share_legal_contact,
    notificationPrefs: row.notification_prefs as Customer['notificationPrefs'],
    language: row.language,
    contacts: contacts.map((k) => ({
      id: k.id,
      name: k.name,
      email: k.email,
      role: k.role as 'admin',
      designated: k.designated,
    })),
    createdAt: iso(row.created_at),
  };
}

export async function listCustomers(db: Q, opts: { kind?: CustomerKind; limit: number; offset: number }) {
  let q = db.selectFrom('customers').select(['id', 'kind', 'name', 'country', 'created_at']);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const rows = await q.orderBy('name').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CustomerKind,
    name: r.name,
    country: r.country,
    createdAt: iso(r.created_at),
  }));
}

export async function findAgency(db: Q, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAgency(row);
}

export async function listAgencies(
  db: Q,
  opts: { country?: string; limit: number; offset: number },
): Promise<Agency[]> {
  let q = db.selectFrom('agencies').selectAll();
  if (opts.country) q = q.where('country', '=', opts.country);
  return (await q.orderBy('country').orderBy('name').limit(opts.limit).offset(opts.offset).execute()).map(toAgency);
}

export async function setRequesterVerification(tx: Tx, requesterId: string, v: RequesterVerification): Promise<void> {
  await tx.updateTable('requesters').set({ verification: v }).where('id', '=', requesterId).execute();
}
