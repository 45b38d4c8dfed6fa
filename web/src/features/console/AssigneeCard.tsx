/** Who owns the demand, and (for reviewers and administrators) giving it to someone else. */
import { useState, type FormEvent } from 'react';
import type { StaffDemand } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { SelectField } from '../../components/fields.tsx';
import { assign, mayAssign, useStaff } from './case-api.ts';

export function AssigneeCard({ demand, onChanged }: { demand: StaffDemand; onChanged: (message: string) => void }) {
  const { me } = useSession();
  const staff = useStaff();
  const owner = demand.assignee ?? null;
  const [choice, setChoice] = useState(owner?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const give = async (to: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const r = await assign([demand.reference], to);
      const who = r.items[0]?.assignee?.name;
      onChanged(who ? `Assigned to ${who}.` : 'No one owns this demand now.');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void give(choice || null);
  };

  return (
    <section className="card" aria-labelledby="owner-title">
      <h2 id="owner-title">Owner</h2>
      <p>{owner ? <strong>{owner.name}</strong> : <span className="muted">Unassigned</span>}</p>
      {mayAssign(me) && (
        <form onSubmit={submit} aria-label="Assign the demand">
          <SelectField
            id="assignee"
            label="Assign to"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            placeholder="No one (unassigned)"
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              Assign
            </button>
            {me && owner?.id !== me.id && (
              <button type="button" disabled={busy} onClick={() => void give(me.id)}>
                Assign to me
              </button>
            )}
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
