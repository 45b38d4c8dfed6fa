/** Where the demand stands on its side tracks: requester, customer notice, secrecy order, preservation. */
import type { StaffDemand } from '../../lib/api-types.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { noticeLabel } from '../../lib/vocabulary.ts';
import { Facts } from '../../components/DemandFacts.tsx';

export function TracksCard({ demand: d }: { demand: StaffDemand }) {
  return (
    <section className="card" aria-labelledby="tracks-title">
      <h2 id="tracks-title">Status</h2>
      <Facts
        items={[
          ['Requester', humanize(d.requesterVerification)],
          ['Customer notice', noticeLabel(d.noticeState)],
          ...(d.noticeState === 'held'
            ? ([
                [
                  'Notice release',
                  d.noticeHeldUntil ? formatDateTime(d.noticeHeldUntil) : 'No end date: held until the order is lifted',
                ],
              ] as [string, string][])
            : []),
          [
            'Secrecy order',
            d.secrecyOrder
              ? `${d.secrecyOrder.legalBasis}, ${d.secrecyOrder.expiresAt ? `until ${formatDateTime(d.secrecyOrder.expiresAt)}` : 'no end date'}${d.secrecyOrder.individualizedFindings ? '' : ', no individualized findings'}`
              : 'None',
          ],
          ['Challenge', humanize(d.challengeState)],
          [
            'Preservation',
            d.preservationState === 'none'
              ? 'None'
              : `${humanize(d.preservationState)}${d.preservedUntil ? ` until ${formatDateTime(d.preservedUntil)}` : ''}`,
          ],
        ]}
      />
      {d.emergency && (
        <div className="alert alert-danger">
          <strong>Emergency claimed:</strong> {d.emergency.description}
        </div>
      )}
    </section>
  );
}
