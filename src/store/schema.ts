/**
 * Kysely's view of the tables, written by hand to match the migrations. DATA CONTRACT: these
 * types mirror persisted columns; change them only together with a new migration.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export interface CustomersTable {
  id: string;
  kind: string;
  name: string;
  country: string;
  us_person: boolean | null;
  domains: string[];
  share_legal_contact: boolean;
  notification_prefs: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  /** Migration 0050: the language of its notices ("en", "de", "fr", …). */
  language: ColumnType<string, string | undefined, string>;
}

export interface CustomerContactsTable {
  id: string;
  customer_id: string;
  name: string;
  email: string;
  role: string;
  designated: boolean;
}

export interface AccountsTable {
  id: string;
  customer_id: string;
  display_name: string;
  data_location: string;
  created_at: DefaultTimestamp;
}

export interface AccountIdentifiersTable {
  kind: string;
  value: string;
  customer_id: string;
  account_id: string | null;
}

export interface AgenciesTable {
  id: string;
  name: string;
  country: string;
  subdivision: string | null;
  kind: string;
  verified_domains: string[];
  callback_phone: string | null;
  /** IANA time zone of the agency or court; null when unknown. */
  time_zone: Generated<string | null>;
  created_at: DefaultTimestamp;
}

export interface RequestersTable {
  id: string;
  agency_id: string;
  name: string;
  email: string;
  phone: string | null;
  verification: string;
  created_at: DefaultTimestamp;
}

export interface DemandsTable {
  id: string;
  reference: string;
  received_at: Timestamp;
  channel: string;
  agency_id: string;
  requester_id: string | null;
  requester_verification: string;
  jurisdiction: string;
  jurisdiction_subdivision: string | null;
  instrument: string;
  issued_at: Timestamp | null;
  issuing_court: string | null;
  case_number: string | null;
  signed: boolean;
  data_categories: string[];
  date_from: Timestamp | null;
  date_to: Timestamp | null;
  emergency: Json<unknown> | null;
  secrecy_order: Json<unknown> | null;
  offence: Json<unknown> | null;
  legal_facts: Json<Record<string, unknown>>;
  response_deadline: Timestamp | null;
  state: string;
  notice_state: string;
  notice_held_until: Timestamp | null;
  challenge_state: string;
  preservation_state: string;
  preserved_until: Timestamp | null;
  disposition: string | null;
  decision: Json<unknown> | null;
  /** Report facts as intake recorded them in demand.received (migration 0009). */
  report_dimensions: ColumnType<string, string | undefined, string>;
  report_target_count: ColumnType<number, number | undefined, number>;
  report_enterprise_targets: ColumnType<number, number | undefined, number>;
  /** Customers told by the notice actually sent, by kind (migration 0080); null until then. */
  report_notified_enterprise: ColumnType<number | null, number | null | undefined, number | null>;
  report_notified_consumers: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 0040: the demand's owner, and its soonest running clock (see src/domain/clocks.ts). */
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  next_deadline: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  next_deadline_kind: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DemandTargetsTable {
  demand_id: string;
  ordinal: number;
  kind: string;
  value: string;
  customer_id: string;
  account_id: string | null;
}

export interface DocumentsTable {
  id: string;
  demand_id: string;
  filename: string;
  media_type: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  created_at: DefaultTimestamp;
  /** The provider's own working paper (a draft challenge): staff only. */
  internal: ColumnType<boolean, boolean | undefined, boolean>;
  /** Made by Writ for the provider (a letter, a form, a draft), not served by the agency. */
  made_by_provider: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ApprovalsTable {
  demand_id: string;
  approver: string;
  approved_at: DefaultTimestamp;
}

export interface EventsTable {
  id: Generated<string>;
  demand_id: string | null;
  type: string;
  payload: Json<unknown>;
  actor: string;
  occurred_at: DefaultTimestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  kind: string;
  idempotency_key: string;
  demand_id: string | null;
  payload: Json<unknown>;
  status: ColumnType<string, string | undefined, string>;
  run_at: DefaultTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  created_at: DefaultTimestamp;
  done_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  demand_id: string;
  created_at: DefaultTimestamp;
}

export interface PrincipalsTable {
  id: string;
  kind: string;
  name: string;
  email: string;
  roles: string[];
  agency_id: string | null;
  customer_id: string | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_last_counter: ColumnType<string | null, number | null | undefined, number | null>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PasskeysTable {
  id: string;
  principal_id: string;
  public_key: Buffer;
  counter: ColumnType<string, number | undefined, number>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  device_type: string;
  backed_up: boolean;
  name: string;
  created_at: DefaultTimestamp;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WebauthnChallengesTable {
  key_hash: string;
  purpose: 'register' | 'sign_in';
  principal_id: string | null;
  challenge: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface SsoAttemptsTable {
  state_hash: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  principal_id: string;
  csrf_hash: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  last_seen_at: DefaultTimestamp;
}

export interface RequesterChecksTable {
  demand_id: string;
  kind: string;
  reviewer: string;
  phone: string | null;
  note: string;
  checked_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  token_hash: string;
  principal_id: string;
  label: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
}

export interface OutboxAttemptsTable {
  id: Generated<string>;
  job_id: string;
  attempt: number;
  worker: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: string;
  response_code: string | null;
  error: string | null;
}

export interface DeliveryReceiptsTable {
  job_id: string;
  recipient: string;
  message_id: string;
  response: string | null;
  delivered_at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  customer_id: string;
  url: string;
  secret: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  failure_count: ColumnType<number, number | undefined, number>;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
  /** Migration 0010: the customer's label for it. */
  description: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who switched it off (an actor label); null while on, or when Writ switched it off after failures. */
  disabled_by: ColumnType<string | null, string | null | undefined, string | null>;
  secret_rotated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 0050: the event types sent here; null: every type. */
  event_types: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  /** Removed by its customer: never delivered to again, kept for its delivery log. */
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Generated by PostgreSQL: the secret's last four characters. */
  secret_hint: ColumnType<string, never, never>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  endpoint_id: string;
  job_id: string | null;
  webhook_id: string;
  attempted_at: Timestamp;
  status_code: number | null;
  ok: boolean;
  error: string | null;
  duration_ms: number;
}

export interface RedirectAnswersTable {
  demand_id: string;
  party: string;
  customer_id: string | null;
  answer: string;
  note: string | null;
  answered_by: string;
  answered_at: Timestamp;
}

/** Events waiting for a leaf (written by a trigger on `events`, removed when sequenced). */
export interface LedgerPendingTable {
  event_id: string;
}

/** One leaf per event, in log order; never updated or deleted. */
export interface LedgerLeavesTable {
  idx: ColumnType<string, number | string, never>;
  event_id: ColumnType<string, number | string, never>;
  sealed: ColumnType<boolean, boolean, never>;
  leaf: ColumnType<Buffer, Uint8Array, never>;
  leaf_hash: ColumnType<Buffer, Uint8Array, never>;
  sequenced_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The per-event salt of a leaf's commitments; not public. */
export interface LedgerSaltsTable {
  event_id: ColumnType<string, number | string, never>;
  salt: ColumnType<Buffer, Uint8Array, never>;
}

/** Perfect-subtree hashes of the ledger's Merkle tree; never updated or deleted. */
export interface LedgerNodesTable {
  level: ColumnType<number, number, never>;
  idx: ColumnType<string, number | string, never>;
  hash: ColumnType<Buffer, Uint8Array, never>;
}

/** Signed checkpoints; never updated or deleted. */
export interface LedgerCheckpointsTable {
  tree_size: ColumnType<string, number | string, never>;
  root_hash: ColumnType<Buffer, Uint8Array, never>;
  note: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DisclosurePackagesTable {
  id: string;
  demand_id: string;
  prepared_by: string;
  manifest: Json<unknown>;
  signed_manifest: string;
  created_at: DefaultTimestamp;
}

export interface DisclosureFilesTable {
  package_id: string;
  ordinal: number;
  name: string;
  media_type: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
}

export interface DownloadLinksTable {
  token_hash: string;
  package_id: string;
  agency_id: string;
  issued_to: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

/** Migration 0040: internal notes (staff only; their text is in no event). */
export interface DemandNotesTable {
  id: string;
  demand_id: string;
  author_id: string;
  text: string;
  created_at: Timestamp;
}

/** Migration 0040: a staff member's saved queue filters. */
export interface SavedViewsTable {
  id: string;
  principal_id: string;
  name: string;
  query: string;
  created_at: Timestamp;
}

/** Migration 0040: every decision the engine made for a demand, with what triggered it. */
export interface DecisionHistoryTable {
  id: Generated<string>;
  demand_id: string;
  decided_at: Timestamp;
  trigger: string;
  changed: Json<string[]>;
  recommendation: string;
  pack_versions: Json<string[]>;
  decision: Json<unknown>;
}

/** Migration 0041: messages received by the demo's local mailbox. */
export interface LocalMailTable {
  id: string;
  received_at: Timestamp;
  envelope_from: string;
  envelope_to: string[];
  subject: string;
  message_id: string | null;
  kind: string;
  text: string | null;
  html: string | null;
  attachments: Json<{ filename: string; contentType: string; size: number }[]>;
  size_bytes: number;
  /** The demand the message concerns, through the outbox job that sent it (migration 0097). */
  demand_id: string | null;
  /** The outbox key the message carried (X-Writ-Idempotency-Key), when it carried one. */
  idempotency_key: string | null;
}

export interface LocalMailAttachmentsTable {
  mail_id: string;
  ordinal: number;
  filename: string;
  content_type: string;
  content: Buffer;
}

export interface MailMessagesTable {
  id: string;
  message_id: string;
  received_at: Timestamp;
  via: 'smtp' | 'imap';
  envelope: Json<unknown>;
  from_address: string | null;
  subject: string | null;
  raw_sha256: string;
  size_bytes: ColumnType<string, number, number>;
  authentication: Json<unknown>;
}

export interface DemandDraftsTable {
  id: string;
  mail_message_id: string | null;
  state: 'reading' | 'ready' | 'unreadable' | 'confirmed' | 'discarded';
  sender: Json<unknown>;
  documents: ColumnType<unknown, string | undefined, string>;
  fields: Json<unknown> | null;
  pages: Json<unknown> | null;
  problems: ColumnType<string[], string[] | undefined, string[]>;
  agency_id: string | null;
  demand_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  discard_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  local_mail: LocalMailTable;
  local_mail_attachments: LocalMailAttachmentsTable;
  demand_notes: DemandNotesTable;
  saved_views: SavedViewsTable;
  decision_history: DecisionHistoryTable;
  mail_messages: MailMessagesTable;
  demand_drafts: DemandDraftsTable;
  disclosure_packages: DisclosurePackagesTable;
  disclosure_files: DisclosureFilesTable;
  download_links: DownloadLinksTable;
  sessions: SessionsTable;
  requester_checks: RequesterChecksTable;
  principals: PrincipalsTable;
  sso_attempts: SsoAttemptsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  accounts: AccountsTable;
  account_identifiers: AccountIdentifiersTable;
  agencies: AgenciesTable;
  requesters: RequestersTable;
  demands: DemandsTable;
  demand_targets: DemandTargetsTable;
  documents: DocumentsTable;
  approvals: ApprovalsTable;
  events: EventsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox_attempts: OutboxAttemptsTable;
  delivery_receipts: DeliveryReceiptsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  redirect_answers: RedirectAnswersTable;
  ledger_pending: LedgerPendingTable;
  ledger_leaves: LedgerLeavesTable;
  ledger_salts: LedgerSaltsTable;
  ledger_nodes: LedgerNodesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
}

export type DemandRow = Selectable<DemandsTable>;
export type NewDemandRow = Insertable<DemandsTable>;
export type EventRow = Selectable<EventsTable>;
