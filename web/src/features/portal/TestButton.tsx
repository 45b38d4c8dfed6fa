/** Send a signed test event now and say what came back, in a live region beside the button. */
import { useState } from 'react';
import { sendTest, type WebhookDeliveryView } from './webhooks-api.ts';

export function TestButton({
  customerId,
  endpointId,
  onSent,
}: {
  customerId: string;
  endpointId: string;
  onSent: (d: WebhookDeliveryView) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);

  const send = async () => {
    setBusy(true);
    setSaid(null);
    try {
      const d = await sendTest(customerId, endpointId);
      setSaid(
        d.ok
          ? { ok: true, text: `Test delivered: your receiver answered HTTP ${d.statusCode}.` }
          : { ok: false, text: `Test failed: ${d.error ?? 'no answer'}.` },
      );
      onSent(d);
    } catch (e) {
      setSaid({ ok: false, text: `The test could not be sent: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void send()} disabled={busy}>
        {busy ? 'Sending…' : 'Send a test'}
      </button>
      <span role="status" className={said ? (said.ok ? 'test-ok' : 'test-failed') : undefined}>
        {said?.text}
      </span>
    </>
  );
}
