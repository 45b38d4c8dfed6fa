/**
 * Loads the demo data set into an empty database: the directory, people (each with a password, a
 * TOTP secret and an API token, listed in demo-tokens.json), and several hundred demands, each
 * taken through the real use cases with the clock set to when it happened, so every timeline,
 * decision and event is what Writ itself would have written.
 */
import { mkdir } from 'node:fs/promises';
import type { Actor } from '../domain/events.ts';
import type { Demand } from '../domain/demand.ts';
import type { WorkflowContext } from '../workflow/context.ts';
import { intakeDemand } from '../workflow/intake-demand.ts';
import { registerAgency } from '../workflow/register-agency.ts';
import { registerCustomer } from '../workflow/register-customer.ts';
import { createDemoPrincipals } from './demo-principals.ts';
import {
  CONSUMER_COUNTRIES,
  DEMO_AGENCIES,
  type DemoAgency,
  demoTimeZone,
  ENTERPRISES,
  FIRST_NAMES,
  LAST_NAMES,
  storageFor,
} from './directory-data.ts';
import { generateDemands, generateDesk, type DemoDemand, type DemoTargetPool } from './generate-demands.ts';
import { attachDemandDocument, playDeskStage, playLifecycle } from './play-lifecycle.ts';
import { Random } from './random.ts';
import { generateNoteKeyPair, parseSignerKey, type NoteSigner } from '../ledger/note-keys.ts';

export interface DemoOptions {
  seed: number;
  dataDir: string;
  /** How many demands (default 480). */
  demands?: number;
  /**
   * False: the history alone, without today's desk of open demands and without documents (a small,
   * quick data set for tests that need only a few demands). Default true.
   */
  workday?: boolean;
  /** "Today" for the demo (default: now). */
  now?: Date;
  /** Signs the demo's disclosure manifests (the server passes the ledger key; default: a throw-away key). */
  signer?: NoteSigner;
}

export interface DemoSummary {
  demands: number;
  customers: number;
  agencies: number;
  tokensFile: string;
}

const ADMIN: Actor = { kind: 'system', id: 'demo' };

/**
 * Demands of the history received within this many days of today come with their legal process
 * as a PDF document; older ones only if still open (making a PDF costs tens of milliseconds).
 */
const RECENT_DOCUMENTS_DAYS = 60;

async function stillOpen(ctx: WorkflowContext, id: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('demands').select('state').where('id', '=', id).executeTakeFirstOrThrow();
  return row.state !== 'closed';
}

export async function loadDemoIfEmpty(base: WorkflowContext, o: DemoOptions): Promise<DemoSummary | null> {
  const { count } = await base.db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return null;
  await mkdir(o.dataDir, { recursive: true });
  const rng = new Random(o.seed);
  const today = o.now ?? new Date();
  let clock = new Date(today.getTime() - 3 * 365 * 86_400_000 - 30 * 86_400_000);
  const ctx: WorkflowContext = { ...base, now: () => clock };

  const agencies: (DemoAgency & { id: string })[] = [];
  for (const a of DEMO_AGENCIES) {
    const agency = await registerAgency(ctx, {
      input: {
        name: a.name,
        country: a.country,
        subdivision: a.subdivision ?? null,
        kind: a.kind,
        verifiedDomains: [a.domain],
        callbackPhone: a.phone,
        timeZone: demoTimeZone(a),
      },
      actor: ADMIN,
      id: rng.uuid(),
    });
    agencies.push({ ...a, id: agency.id });
  }

  const pool: DemoTargetPool = { consumerEmails: [], enterpriseEmails: [], enterpriseDomains: [] };
  const admins: { customerId: string; name: string; email: string }[] = [];
  const person = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const slug = (n: string) =>
    n
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]+/g, '.');
  for (const e of ENTERPRISES) {
    const admin = person();
    const legal = person();
    const users = Array.from({ length: rng.int(4, 9) }, person);
    const emails = [...new Set(users.map((u) => `${slug(u)}@${e.domain}`))];
    const c = await registerCustomer(ctx, {
      id: rng.uuid(),
      actor: ADMIN,
      input: {
        kind: 'enterprise',
        name: e.name,
        country: e.country,
        usPerson: e.country === 'US',
        domains: [e.domain],
        shareLegalContact: rng.chance(0.6),
        contacts: [
          { name: admin, email: `it-admin@${e.domain}`, role: 'admin' },
          { name: legal, email: `legal@${e.domain}`, role: 'legal' },
        ],
        accounts: emails.map((email) => ({
          displayName: email.split('@')[0]!,
          dataLocation: storageFor(e.country),
          identifiers: [{ kind: 'email' as const, value: email }],
        })),
      },
    });
    pool.enterpriseEmails.push(...emails);
    pool.enterpriseDomains.push(e.domain);
    if (admins.length < 3) admins.push({ customerId: c.id, name: admin, email: `it-admin@${e.domain}` });
  }
  for (let i = 0; i < 30; i++) {
    const name = person();
    const email = `${slug(name)}${i}@writmail.example`;
    const country = rng.pick(CONSUMER_COUNTRIES);
    await registerCustomer(ctx, {
      id: rng.uuid(),
      actor: ADMIN,
      input: {
        kind: 'consumer',
        name,
        country,
        usPerson: country === 'US',
        contacts: [{ name, email, role: 'account_holder' }],
        accounts: [
          {
            displayName: name,
            dataLocation: storageFor(country),
            identifiers: [
              { kind: 'email', value: email },
              { kind: 'account_id', value: `acct-${100000 + i}` },
            ],
          },
        ],
      },
    });
    pool.consumerEmails.push(email);
  }

  const officers = agencies
    .slice(0, 3)
    .map((a, i) => ({ agencyId: a.id, name: `Officer ${LAST_NAMES[i]}`, email: `officer${i + 1}@${a.domain}` }));
  const people = await createDemoPrincipals(ctx, o.dataDir, officers, admins);

  const signer = o.signer ?? parseSignerKey(generateNoteKeyPair('writ-demo').signerKey);
  const planned = generateDemands(rng, o.demands ?? 480, agencies, pool, today);
  const workday = o.workday !== false;
  const desk = !workday ? [] : generateDesk(rng, agencies, pool, today, ENTERPRISES[0]!.domain);
  const intakeActor: Actor = { kind: 'staff', id: people.staff.intake! };
  const play = { today, staff: people.staff, setClock: (t: Date) => (clock = t), signer };
  const agencyOf = (id: string) => agencies.find((a) => a.id === id)!;
  /** Received, and its legal process (a PDF) added as its document a few minutes later. */
  const receive = async (p: DemoDemand, withDocument: boolean): Promise<Demand> => {
    clock = p.receivedAt;
    let demand: Demand;
    try {
      ({ demand } = await intakeDemand(ctx, { input: p.input, actor: intakeActor }));
    } catch (e) {
      throw new Error(`demo demand received ${p.receivedAt.toISOString()} was refused: ${(e as Error).message}`);
    }
    if (withDocument) {
      clock = new Date(p.receivedAt.getTime() + 3 * 60_000);
      await attachDemandDocument(ctx, demand, p.input, agencyOf(p.input.agencyId), intakeActor);
    }
    return demand;
  };
  const recent = today.getTime() - RECENT_DOCUMENTS_DAYS * 86_400_000;
  for (const p of planned) {
    const withDocument = workday && p.receivedAt.getTime() >= recent;
    const demand = await receive(p, withDocument);
    await playLifecycle(ctx, rng, demand, play);
    // Every demand still open has its document, however old.
    if (workday && !withDocument && (await stillOpen(ctx, demand.id))) {
      clock = today;
      await attachDemandDocument(ctx, demand, p.input, agencyOf(p.input.agencyId), intakeActor);
    }
  }
  for (const p of desk) {
    const demand = await receive(p, true);
    await playDeskStage(ctx, demand, p, play);
  }
  clock = today;
  return {
    demands: planned.length + desk.length,
    customers: ENTERPRISES.length + 30,
    agencies: agencies.length,
    tokensFile: people.tokensFile,
  };
}
