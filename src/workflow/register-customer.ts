/** Register a customer (tenant) with its contacts and accounts, and record it, in one transaction. */
import { randomUUID } from 'node:crypto';
import { isCountryCode } from '../domain/countries.ts';
import { normalizeIdentifier, type Customer } from '../domain/directory.ts';
import { invalid, type FieldError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { findCustomer, insertAccount, insertCustomer } from '../store/directory-repository.ts';
import { appendEvent } from '../store/event-repository.ts';
import type { WorkflowContext } from './context.ts';
import type { NewCustomer } from './schemas/directory.ts';

export interface RegisterCustomerOptions {
  input: NewCustomer;
  actor: Actor;
  /** Fixed id (demo data and imports); random otherwise. */
  id?: string;
}

export async function registerCustomer(ctx: WorkflowContext, o: RegisterCustomerOptions): Promise<Customer> {
  const { input } = o;
  const fields: FieldError[] = [];
  if (!isCountryCode(input.country)) fields.push({ pointer: '/country', detail: 'is not an ISO 3166-1 country code' });
  input.accounts.forEach((a, i) => {
    if (!isCountryCode(a.dataLocation))
      fields.push({ pointer: `/accounts/${i}/dataLocation`, detail: 'is not an ISO 3166-1 country code' });
  });
  if (fields.length) throw invalid(fields);
  const id = o.id ?? randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertCustomer(tx, {
      id,
      kind: input.kind,
      name: input.name,
      country: input.country,
      usPerson: input.usPerson ?? null,
      domains: (input.domains ?? []).map((d) => d.toLowerCase()),
      shareLegalContact: input.shareLegalContact ?? false,
      notificationPrefs: { email: true, webhook: true },
      language: input.language ?? 'en',
      contacts: input.contacts.map((c) => ({
        id: randomUUID(),
        name: c.name,
        email: c.email.toLowerCase(),
        role: c.role as 'admin',
        designated: true,
      })),
    });
    for (const a of input.accounts) {
      await insertAccount(tx, {
        id: randomUUID(),
        customerId: id,
        displayName: a.displayName,
        dataLocation: a.dataLocation,
        identifiers: a.identifiers.map((x) => ({ kind: x.kind, value: normalizeIdentifier(x.kind, x.value) })),
      });
    }
    await appendEvent(tx, null, o.actor, { type: 'customer.created', customerId: id, kind: input.kind }, now);
  });
  return (await findCustomer(ctx.db, id))!;
}
