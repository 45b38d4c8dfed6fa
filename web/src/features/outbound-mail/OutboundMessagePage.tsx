/**
 * One message of the local mailbox as it was sent: who it went to, its plain text, its HTML (in a
 * sandboxed frame: no scripts, no forms, no navigation, and the console's own content policy) and
 * its attachments, each a download.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Badge } from '../../components/Badge.tsx';
import { Facts } from '../../components/DemandFacts.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { api } from '../../lib/api.ts';
import { useDownloadLink } from '../../lib/download-link.tsx';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import type { OutboundMessage } from './outbound-mail-api.ts';

const attachmentPath = (id: string, n: number) => `/api/v1/outbound-mail/${encodeURIComponent(id)}/attachments/${n}`;

export function OutboundMessagePage({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ['outbound-mail', id],
    queryFn: ({ signal }) => api<OutboundMessage>(`/api/v1/outbound-mail/${encodeURIComponent(id)}`, { signal }),
  });
  const { alert, download } = useDownloadLink();
  if (q.isError) return <ErrorMessage error={q.error} retry={() => void q.refetch()} />;
  if (q.isPending) return <Loading what="Loading the message" />;
  const m = q.data;
  return (
    <>
      <PageHeading title={m.subject || '(no subject)'} />
      <p>
        <Link to="/console/outbound-mail">All outbound mail</Link>
      </p>
      <Facts
        items={[
          [
            'Kind',
            <Badge key="kind" tone="neutral">
              {m.kindLabel}
            </Badge>,
          ],
          ['To', m.to],
          ['From', m.from],
          [
            'Sent',
            <time key="sent" dateTime={m.at}>
              {formatDateTime(m.at)}
            </time>,
          ],
          ['Message-ID', m.messageId ? <code key="id">{m.messageId}</code> : null],
        ]}
      />
      <section className="card" aria-labelledby="mail-text-title">
        <h2 id="mail-text-title">Text</h2>
        {m.text ? <pre className="mail-text">{m.text}</pre> : <p className="muted">The message has no plain text.</p>}
      </section>
      {m.html && (
        <section className="card" aria-labelledby="mail-html-title">
          <h2 id="mail-html-title">As HTML</h2>
          <iframe className="mail-html" title={`The message as HTML: ${m.subject}`} sandbox="" srcDoc={m.html} />
        </section>
      )}
      <section className="card" aria-labelledby="mail-attachments-title">
        <h2 id="mail-attachments-title">Attachments</h2>
        {m.attachments.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="documents">
            {m.attachments.map((a, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an attachment is named by its index (the API's :n)
              <li key={n}>
                <a href={attachmentPath(id, n)} onClick={(e) => void download(e, a.filename)}>
                  {a.filename}
                </a>{' '}
                <span className="muted">
                  ({a.contentType}, {formatBytes(a.size)})
                </span>
              </li>
            ))}
          </ul>
        )}
        {alert}
      </section>
    </>
  );
}
