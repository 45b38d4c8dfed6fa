/** Add an agency to the directory (with its verified domains and call-back number), and record it. */
import { randomUUID } from 'node:crypto';
import { isCountryCode, isSubdivisionCode } from '../domain/countries.ts';
import type { Agency } from '../domain/directory.ts';
import { isTimeZone } from '../policy/time.ts';
import { invalid, type FieldError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { findAgency, insertAgency } from '../store/directory-repository.ts';
import { appendEvent } from '../store/event-repository.ts';
import type { WorkflowContext } from './context.ts';
import type { NewAgency } from './schemas/directory.ts';

export interface RegisterAgencyOptions {
  input: NewAgency;
  actor: Actor;
  id?: string;
}

export async function registerAgency(ctx: WorkflowContext, o: RegisterAgencyOptions): Promise<Agency> {
  const { input } = o;
  const fields: FieldError[] = [];
  if (!isCountryCode(input.country)) fields.push({ pointer: '/country', detail: 'is not an ISO 3166-1 country code' });
  if (input.subdivision && !isSubdivisionCode(input.country, input.subdivision))
    fields.push({ pointer: '/subdivision', detail: `must be a subdivision of ${input.country}` });
  if (input.timeZone != null && !isTimeZone(input.timeZone))
    fields.push({ pointer: '/timeZone', detail: 'is not an IANA time zone (e.g. "America/Los_Angeles")' });
  if (fields.length) throw invalid(fields);
  const id = o.id ?? randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await insertAgency(tx, {
      id,
      name: input.name,
      country: input.country,
      subdivision: input.subdivision ?? null,
      kind: input.kind,
      verifiedDomains: input.verifiedDomains.map((d) => d.toLowerCase()),
      callbackPhone: input.callbackPhone ?? null,
      timeZone: input.timeZone ?? null,
    });
    await appendEvent(
      tx,
      null,
      o.actor,
      { type: 'agency.created', agencyId: id, country: input.country, kind: input.kind },
      ctx.now(),
    );
  });
  return (await findAgency(ctx.db, id))!;
}
