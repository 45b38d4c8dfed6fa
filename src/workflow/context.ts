/**
 * What every use case gets: the database, the clock and the ports to the outside. Use cases take
 * this instead of reading globals, so tests can move the clock and swap a port.
 */
import type { Demand } from '../domain/demand.ts';
import type { Customer } from '../domain/directory.ts';

/** What the policy needs to know of a target's customer. */
export type CustomerFacts = Pick<Customer, 'id' | 'kind' | 'country' | 'usPerson'>;
import type { Db } from '../store/database.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { ReminderSettings } from './support/reminder-jobs.ts';

/** The part of a policy decision the workflow acts on (the full decision is stored as it is). */
export interface WorkflowDecision {
  route: string;
  notice: { mode: 'now' | 'delayed' | 'after_emergency' | 'never'; until: string | null; reason: string };
  flags: string[];
  responseDeadline: string | null;
  preservationUntil: string | null;
  /** The full decision, stored with the demand. */
  record: unknown;
}

/** Facts about the targets' customers that the policy needs and the demand does not carry. */
export interface DecisionContext {
  now: Date;
  customers: CustomerFacts[];
  accountLocations: Record<string, string>;
  agencyKind: string;
  requesterDomainClass: 'verified' | 'unknown' | 'free_mail' | 'look_alike';
  /**
   * Whether a reviewer recorded a call-back to the agency directory's number for this demand. Writ's
   * own record, never a fact the submitter states: the check exists to check the submitter.
   */
  callbackConfirmed: boolean;
  legalFacts: Record<string, unknown>;
  /** IANA time zone of the issuing court, from the directory; absent or null: UTC. */
  issuingTimeZone?: string | null;
}

/** The policy port: evaluates a demand; pure and synchronous. */
export type Decide = (demand: Demand, ctx: DecisionContext) => WorkflowDecision;

export interface WorkflowContext {
  db: Db;
  now: () => Date;
  documents: DocumentStore;
  decide: Decide;
  maxDocumentBytes: number;
  /** When staff are reminded of deadlines and preservations ending; default: 72 h and 24 h, 7 days. */
  reminders?: ReminderSettings;
}
