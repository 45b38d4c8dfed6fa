/**
 * An officer of the requesting agency, signed in, asks for the produced package: Writ issues a
 * link that works once and expires soon. Only the agency the demand came from can ask.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export const LINK_MINUTES = 15;

export interface IssueDownloadLinkOptions {
  demand: string;
  officer: Extract<Principal, { kind: 'officer' }>;
}

export async function issueDownloadLink(
  ctx: WorkflowContext,
  o: IssueDownloadLinkOptions,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  let expiresAt = '';
  await actOnDemand(ctx, o.demand, { kind: 'agency', id: o.officer.id }, async (d, tx, now) => {
    // Another agency's demand does not exist for this officer.
    if (d.agencyId !== o.officer.agencyId) throw new DomainError('not_found', `No demand ${o.demand}`);
    if (
      d.state !== 'produced' &&
      !(d.state === 'closed' && (d.disposition === 'content_disclosed' || d.disposition === 'non_content_disclosed'))
    ) {
      throw new DomainError('illegal_transition', 'Nothing has been produced for this demand');
    }
    const pkg = await tx
      .selectFrom('disclosure_packages')
      .select('id')
      .where('demand_id', '=', d.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const expires = new Date(now.getTime() + LINK_MINUTES * 60_000);
    expiresAt = expires.toISOString();
    await tx
      .insertInto('download_links')
      .values({
        token_hash: createHash('sha256').update(token).digest('hex'),
        package_id: pkg.id,
        agency_id: d.agencyId,
        issued_to: o.officer.id,
        expires_at: expires,
      })
      .execute();
    return { events: [{ type: 'disclosure.link_issued', packageId: pkg.id, expiresAt }] };
  });
  return { token, expiresAt };
}
