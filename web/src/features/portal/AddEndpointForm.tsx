/**
 * Register an endpoint: its https URL and a label. The server checks the URL (https, a public
 * address); its answer, or the page's own first check, is shown on the field.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { TextField } from '../../components/fields.tsx';
import { registerEndpoint, type WebhookEndpointWithSecret } from './webhooks-api.ts';

export function AddEndpointForm({
  customerId,
  onAdded,
}: {
  customerId: string;
  onAdded: (ep: WebhookEndpointWithSecret) => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ url?: string; description?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!url.trim()) {
      setErrors({ url: 'Enter the address of your receiver, starting with https://' });
      document.getElementById('endpoint-url')?.focus();
      return;
    }
    setBusy(true);
    try {
      const ep = await registerEndpoint(customerId, {
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setUrl('');
      setDescription('');
      setErrors({});
      onAdded(ep);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      const next = {
        ...(fields['/url'] ? { url: `The URL ${fields['/url']}` } : {}),
        ...(fields['/description'] ? { description: `The label ${fields['/description']}` } : {}),
      };
      setErrors(Object.keys(next).length ? next : { form: (err as Error).message });
      document.getElementById(next.url || !next.description ? 'endpoint-url' : 'endpoint-description')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-endpoint-title">
      <h2 id="add-endpoint-title">Add an endpoint</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors.form && (
          <p className="alert alert-danger" role="alert">
            {errors.form}
          </p>
        )}
        <TextField
          id="endpoint-url"
          label="Endpoint URL"
          hint="Where Writ sends a signed message for each notice, e.g. https://hooks.example.com/writ. It must use https:// and a public address."
          type="url"
          inputMode="url"
          autoComplete="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          required
          maxLength={2048}
        />
        <TextField
          id="endpoint-description"
          label="Label"
          hint="For people, e.g. “Legal team’s SIEM”. Optional."
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
          maxLength={200}
        />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add the endpoint'}
        </button>
      </form>
    </section>
  );
}
