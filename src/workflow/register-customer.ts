/** Register a customer (tenant) with its contacts and accounts, and record it, in one transaction. */
import { randomUUID } from 'node:crypto';
import { isCountryCode } from '../domain/countries.ts';
import { normalizeIdentifier, type Customer } from '../domain/directory.ts';
import { DomainError, invalid, type FieldError } from '../domain/errors.ts';
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
  // Each identifier names one account (or, for a domain, one tenant): twice in one request is a
  // mistake of the request, one already held by an account is a conflict with the directory.
  const identifiers = [
    ...(input.domains ?? []).map((d, i) => ({
      kind: 'domain' as const,
      value: d.toLowerCase(),
      pointer: `/domains/${i}`,
    })),
    ...input.accounts.flatMap((a, i) =>
      a.identifiers.map((x, j) => ({
        kind: x.kind,
        value: normalizeIdentifier(x.kind, x.value),
        pointer: `/accounts/${i}/identifiers/${j}`,
      })),
    ),
  ];
  const seen = new Set<string>();
  for (const x of identifiers) {
    if (seen.has(`${x.kind}:${x.value}`))
      fields.push({ pointer: x.pointer, detail: 'names the same identifier twice' });
    seen.add(`${x.kind}:${x.value}`);
  }
  if (fields.length) throw invalid(fields);
  const id = o.id ?? randomUUID();
  const now = ctx.now();
  const taken = await ctx.db
    .selectFrom('account_identifiers')
    .select(['kind', 'value'])
    .where((eb) => eb.or(identifiers.map((x) => eb.and([eb('kind', '=', x.kind), eb('value', '=', x.value)]))))
    .execute();
  const conflict = (pointers: FieldError[]) =>
    new DomainError('conflict', 'An identifier already belongs to an account in the directory', pointers);
  if (taken.length) {
    const held = new Set(taken.map((t) => `${t.kind}:${t.value}`));
    throw conflict(
      identifiers
        .filter((x) => held.has(`${x.kind}:${x.value}`))
        .map((x) => ({ pointer: x.pointer, detail: 'already belongs to an account' })),
    );
  }
  await ctx.db
    .transaction()
    .execute(async (tx) => {
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
    })
    .catch((e: { code?: string; constraint?: string }) => {
      // Registered by someone else between the check and the write.
      if (e.code === '23505' && e.constraint === 'account_identifiers_pkey') throw conflict([]);
      throw e;
    });
  return (await findCustomer(ctx.db, id))!;
}
