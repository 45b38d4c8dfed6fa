/**
 * Every migration, in the order it runs. Names sort by date; entries are only ever appended.
 * An explicit list (not a folder scan) so that the order is reviewable and nothing runs by accident.
 */
import type { Migration } from 'kysely';
import * as trunk from './2026-11-29-0001-trunk.ts';
import * as principals from './2026-11-29-0002-principals.ts';
import * as ledger from './2026-11-29-0003-ledger.ts';
import * as delivery from './2026-11-29-0004-delivery.ts';
import * as identity from './2026-11-29-0005-identity.ts';
import * as tenantIsolation from './2026-11-29-0006-tenant-isolation.ts';
import * as disclosure from './2026-11-29-0007-disclosure.ts';
import * as queueOrder from './2026-11-29-0008-queue-order.ts';
import * as reportFacts from './2026-11-29-0009-report-facts.ts';
import * as webhookManagement from './2026-11-29-0010-webhook-management.ts';
import * as decisionCompression from './2026-11-29-0011-decision-compression.ts';
import * as agencyTimeZone from './2026-12-04-0020-agency-time-zone.ts';
import * as referenceSearch from './2026-12-04-0096-reference-search.ts';
import * as localMailDemand from './2026-12-04-0097-local-mail-demand.ts';
import * as providerDocuments from './2026-12-04-0095-provider-documents.ts';
import * as internalDocuments from './2026-12-04-0030-internal-documents.ts';
import * as singleSignOn from './2026-12-04-0038-single-sign-on.ts';
import * as passkeys from './2026-12-04-0039-passkeys.ts';
import * as caseHandling from './2026-12-04-0040-case-handling.ts';
import * as followUps from './2026-12-04-0050-follow-ups.ts';
import * as sealedSlots from './2026-12-04-0060-sealed-slots.ts';
import * as localMailbox from './2026-12-04-0041-local-mailbox.ts';
import * as witness from './2026-12-04-0061-witness.ts';
import * as mailIntake from './2026-12-04-0070-mail-intake.ts';
import * as noticesSent from './2026-12-04-0080-notices-sent.ts';
import * as localMailAttachments from './2026-12-04-0090-local-mail-attachments.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-29-0001-trunk': trunk,
  '2026-11-29-0002-principals': principals,
  '2026-11-29-0003-ledger': ledger,
  '2026-11-29-0004-delivery': delivery,
  '2026-11-29-0005-identity': identity,
  '2026-11-29-0006-tenant-isolation': tenantIsolation,
  '2026-11-29-0007-disclosure': disclosure,
  '2026-11-29-0008-queue-order': queueOrder,
  '2026-11-29-0009-report-facts': reportFacts,
  '2026-11-29-0010-webhook-management': webhookManagement,
  '2026-11-29-0011-decision-compression': decisionCompression,
  '2026-12-04-0020-agency-time-zone': agencyTimeZone,
  '2026-12-04-0030-internal-documents': internalDocuments,
  '2026-12-04-0038-single-sign-on': singleSignOn,
  '2026-12-04-0039-passkeys': passkeys,
  '2026-12-04-0040-case-handling': caseHandling,
  '2026-12-04-0050-follow-ups': followUps,
  '2026-12-04-0060-sealed-slots': sealedSlots,
  '2026-12-04-0041-local-mailbox': localMailbox,
  '2026-12-04-0061-witness': witness,
  '2026-12-04-0070-mail-intake': mailIntake,
  '2026-12-04-0080-notices-sent': noticesSent,
  '2026-12-04-0090-local-mail-attachments': localMailAttachments,
  '2026-12-04-0095-provider-documents': providerDocuments,
  '2026-12-04-0096-reference-search': referenceSearch,
  '2026-12-04-0097-local-mail-demand': localMailDemand,
};
