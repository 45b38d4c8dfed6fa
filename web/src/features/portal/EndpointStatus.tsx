/** An endpoint's state in words (the badge's colour only repeats them). */
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../components/Badge.tsx';
import type { WebhookEndpointView } from './webhooks-api.ts';

export function EndpointStatus({ endpoint: ep }: { endpoint: WebhookEndpointView }) {
  if (ep.status === 'active') {
    return (
      <>
        <Badge tone="ok">Active</Badge>
        {ep.consecutiveFailures > 0 ? (
          <span className="muted small"> ({ep.consecutiveFailures} failed deliveries in a row)</span>
        ) : null}
      </>
    );
  }
  if (ep.status === 'removed') return <Badge tone="neutral">Removed</Badge>;
  return (
    <>
      <Badge tone={ep.disabledBy === 'writ' ? 'danger' : 'warn'}>
        {ep.disabledBy === 'writ' ? 'Switched off after failures' : 'Disabled'}
      </Badge>
      {ep.disabledAt ? <span className="muted small"> since {formatDateTime(ep.disabledAt)}</span> : null}
    </>
  );
}
