/**
 * What reached whom, per outbox job: one row for each e-mail to one contact and each webhook to
 * one endpoint. A retried job reads these and sends only the parts still missing.
 */
import type { Db, Tx } from './database.ts';

/** The recipients of a job that already have their message. */
export async function deliveredRecipients(db: Db | Tx, jobId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('delivery_receipts').select('recipient').where('job_id', '=', jobId).execute();
  return new Set(rows.map((r) => r.recipient));
}

/** Record that one part reached its recipient (again is harmless). */
export async function recordReceipt(
  db: Db | Tx,
  r: { jobId: string; recipient: string; messageId: string; response: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('delivery_receipts')
    .values({
      job_id: r.jobId,
      recipient: r.recipient,
      message_id: r.messageId,
      response: r.response,
      delivered_at: r.at,
    })
    .onConflict((oc) => oc.columns(['job_id', 'recipient']).doNothing())
    .execute();
}

/** Record several parts at once (the parts of one job that went out on this attempt). */
export async function recordReceipts(
  db: Db | Tx,
  rs: { jobId: string; recipient: string; messageId: string; response: string | null; at: Date }[],
): Promise<void> {
  if (!rs.length) return;
  await db
    .insertInto('delivery_receipts')
    .values(
      rs.map((r) => ({
        job_id: r.jobId,
        recipient: r.recipient,
        message_id: r.messageId,
        response: r.response,
        delivered_at: r.at,
      })),
    )
    .onConflict((oc) => oc.columns(['job_id', 'recipient']).doNothing())
    .execute();
}
