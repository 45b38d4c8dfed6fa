/**
 * One webhook endpoint: where it points, its state, its secret's hint, its last delivery, and what
 * can be done with it. Rotating and removing ask first, in place (no modal to trap the focus).
 */
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from 'react-router';
import { Badge } from '../../components/Badge.tsx';
import {
  removeEndpoint,
  rotateSecret,
  setEnabled,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from './webhooks-api.ts';
import { EndpointStatus } from './EndpointStatus.tsx';
import { TestButton } from './TestButton.tsx';

interface Props {
  customerId: string;
  endpoint: WebhookEndpointView;
  /** The list must be read again (state changed, or the endpoint is gone). */
  onChanged: () => void;
  onSecret: (ep: WebhookEndpointWithSecret) => void;
}

export function EndpointCard({ customerId, endpoint: ep, onChanged, onSecret }: Props) {
  const [asking, setAsking] = useState<'rotate' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `endpoint-${ep.id}-title`;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setAsking(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const toggle = () =>
    run(async () => {
      await setEnabled(customerId, ep.id, ep.status !== 'active');
      onChanged();
    });
  const confirm = () =>
    run(async () => {
      if (asking === 'rotate') return onSecret(await rotateSecret(customerId, ep.id));
      await removeEndpoint(customerId, ep.id);
      onChanged();
    });

  return (
    <section className="card endpoint" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title endpoint-url">
        {ep.description ? `${ep.description}: ` : ''}
        <code>{ep.url}</code>
      </h2>
      <dl className="facts endpoint-facts">
        <div className="fact">
          <dt>Status</dt>
          <dd>
            <EndpointStatus endpoint={ep} />
          </dd>
        </div>
        <div className="fact">
          <dt>Secret</dt>
          <dd>
            <code>{ep.secretHint ?? '—'}</code>
            {ep.secretRotatedAt ? (
              <span className="muted small"> (rotated {formatDateTime(ep.secretRotatedAt)})</span>
            ) : null}
          </dd>
        </div>
        <div className="fact">
          <dt>Last delivery</dt>
          <dd>
            {ep.lastDelivery ? (
              <>
                <Badge tone={ep.lastDelivery.ok ? 'ok' : 'danger'}>{ep.lastDelivery.ok ? 'Delivered' : 'Failed'}</Badge>{' '}
                {formatDateTime(ep.lastDelivery.at)}
              </>
            ) : (
              'None yet'
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Added</dt>
          <dd>{formatDateTime(ep.createdAt)}</dd>
        </div>
      </dl>
      <div className="form-actions endpoint-actions">
        <TestButton customerId={customerId} endpointId={ep.id} onSent={onChanged} />
        <button type="button" disabled={busy} onClick={() => void toggle()}>
          {ep.status === 'active' ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          disabled={busy}
          aria-expanded={asking === 'rotate'}
          onClick={() => setAsking(asking === 'rotate' ? null : 'rotate')}
        >
          Rotate the secret
        </button>
        <button
          type="button"
          disabled={busy}
          aria-expanded={asking === 'remove'}
          onClick={() => setAsking(asking === 'remove' ? null : 'remove')}
        >
          Remove
        </button>
        <Link to={`/portal/webhooks/${encodeURIComponent(ep.id)}`}>Delivery log</Link>
      </div>
      {asking && (
        <div
          className="alert alert-info confirm"
          role="group"
          aria-label={asking === 'rotate' ? 'Confirm rotating the secret' : 'Confirm removing the endpoint'}
        >
          <p>
            {asking === 'rotate'
              ? 'A new secret replaces the current one at once: messages are signed with the new one from now on. Update your receiver straight away (notices it refuses meanwhile are retried).'
              : 'The endpoint gets no more notices and cannot be switched on again. Its delivery log is kept.'}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className={asking === 'remove' ? 'button-danger' : 'button-primary'}
              disabled={busy}
              onClick={() => void confirm()}
            >
              {asking === 'rotate' ? 'Rotate now' : 'Remove for good'}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="alert alert-danger" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
