/**
 * The signed-in person's passkeys: each can stand in for the authenticator app's code when they
 * sign in with their password. Add one (the browser or a security key makes it), see when each
 * was last used, remove one. Every change is on the record.
 */
import { type FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format.ts';
import { TextField } from '../../components/fields.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/Status.tsx';
import { addPasskey, listPasskeys, passkeyProblem, removePasskey } from './passkeys-api.ts';

export function PasskeysPage() {
  const list = useQuery({ queryKey: ['passkeys'], queryFn: ({ signal }) => listPasskeys(signal) });
  const reload = () => void list.refetch();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setProblem(null);
    if (!name.trim()) {
      setNameError('Give the passkey a name, such as the device it is on');
      document.getElementById('passkey-name')?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      const p = await addPasskey(name.trim());
      setDone(`Passkey “${p.name}” added. You can use it instead of the code when you sign in.`);
      setName('');
      reload();
    } catch (err) {
      setProblem(passkeyProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, label: string) => {
    setDone(null);
    setProblem(null);
    try {
      await removePasskey(id);
      setDone(`Passkey “${label}” removed.`);
      reload();
    } catch (err) {
      setProblem(`The passkey could not be removed: ${(err as Error).message}`);
    }
  };

  return (
    <>
      <PageHeading title="Passkeys" />
      <p>
        A passkey can stand in for the code of your authenticator app: sign in with your e-mail address and password,
        then choose “Use a passkey instead of the code”. Your authenticator app keeps working as before.
      </p>
      {done && <Notice>{done}</Notice>}
      {problem && (
        <div className="alert alert-danger" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <section aria-labelledby="your-passkeys">
        <h2 id="your-passkeys">Your passkeys</h2>
        {list.status === 'error' && <ErrorMessage error={list.error} retry={reload} />}
        {list.isLoading && <Loading what="Loading your passkeys" />}
        {!list.data ? null : list.data.length === 0 ? (
          <p className="muted">You have no passkey yet.</p>
        ) : (
          <ul className="passkey-list">
            {list.data.map((p) => (
              <li key={p.id} className="card">
                <p>
                  <strong>{p.name}</strong>
                </p>
                <p className="muted">
                  Added {formatDateTime(p.createdAt)};{' '}
                  {p.lastUsedAt ? `last used ${formatDateTime(p.lastUsedAt)}` : 'not used yet'}
                </p>
                <button type="button" onClick={() => void remove(p.id, p.name)} aria-label={`Remove passkey ${p.name}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-passkey">
        <h2 id="add-passkey">Add a passkey</h2>
        <form onSubmit={(e) => void add(e)} noValidate aria-labelledby="add-passkey">
          <TextField
            id="passkey-name"
            label="Name of the passkey"
            hint="So you can tell your passkeys apart, for example “Work laptop” or “Security key”."
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={nameError}
            maxLength={80}
            required
          />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Waiting for your device…' : 'Add a passkey'}
          </button>
        </form>
      </section>
    </>
  );
}
