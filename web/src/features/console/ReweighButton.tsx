/** Weigh the demand again now (reviewers, administrators): the earlier decision stays in the history. */
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { mayAssign } from './case-api.ts';

export function ReweighButton({ reference, onDone }: { reference: string; onDone: (message: string) => void }) {
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The same roles as assignment: reviewers and administrators.
  if (!mayAssign(me)) return null;
  const weigh = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/demands/${encodeURIComponent(reference)}/reweigh`, { method: 'POST', json: {} });
      onDone('Weighed again: the decision below is the current one, the earlier one is in its history.');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-actions">
      <button type="button" disabled={busy} onClick={() => void weigh()}>
        Weigh again now
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
