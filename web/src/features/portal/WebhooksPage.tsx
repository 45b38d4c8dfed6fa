/**
 * The tenant's webhook endpoints: each with its state and actions, a form to add one, and a new
 * secret shown once after adding or rotating. Writ sends each notice to every active endpoint,
 * signed with that endpoint's secret, beside the e-mail to the designated contacts.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../lib/session.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { AddEndpointForm } from './AddEndpointForm.tsx';
import { EndpointCard } from './EndpointCard.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import { listEndpoints, type WebhookEndpointWithSecret } from './webhooks-api.ts';

export function WebhooksPage() {
  const { me } = useSession();
  const customerId = me?.kind === 'customer_admin' ? me.customerId : null;
  const list = useQuery({
    queryKey: ['webhooks', customerId],
    queryFn: ({ signal }) => listEndpoints(customerId!, signal),
    enabled: !!customerId,
  });
  const reload = () => void list.refetch();
  const [fresh, setFresh] = useState<{ endpoint: WebhookEndpointWithSecret; rotated: boolean } | null>(null);

  const showSecret = (endpoint: WebhookEndpointWithSecret, rotated: boolean) => {
    setFresh({ endpoint, rotated });
    reload();
  };

  return (
    <>
      <PageHeading title="Webhooks" />
      <p className="muted">
        Besides e-mail to your designated contacts, Writ can tell your systems of each demand by a signed HTTPS request
        (Standard Webhooks) to every active endpoint below. Use “Send a test” to check that your receiver gets the
        messages and verifies their signature.
      </p>
      {fresh && (
        <SecretOnce
          secret={fresh.endpoint.secret}
          url={fresh.endpoint.url}
          rotated={fresh.rotated}
          onDone={() => setFresh(null)}
        />
      )}
      {list.status === 'error' && <ErrorMessage error={list.error} retry={reload} />}
      {list.isLoading && <Loading what="Loading your endpoints" />}
      {list.data &&
        (list.data.length === 0 ? (
          <p role="status">You have no webhook endpoint yet.</p>
        ) : (
          <ul className="endpoint-list">
            {list.data.map((ep) => (
              <li key={ep.id}>
                <EndpointCard
                  customerId={customerId!}
                  endpoint={ep}
                  onChanged={reload}
                  onSecret={(e) => showSecret(e, true)}
                />
              </li>
            ))}
          </ul>
        ))}
      {customerId && <AddEndpointForm customerId={customerId} onAdded={(e) => showSecret(e, false)} />}
    </>
  );
}
