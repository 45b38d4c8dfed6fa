/**
 * The buttons for what can be done next with this demand, by this person. One form open at a time;
 * after an action the page shows the demand as the server now has it.
 */
import { useState } from 'react';
import type { StaffDemand } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { ActionForm } from './ActionForm.tsx';
import { actionsFor, allowedFor, guarded, serverActionFor } from './actions.ts';

export function ActionsPanel({
  demand,
  onChanged,
}: {
  demand: StaffDemand;
  onChanged: (message: string, updated: StaffDemand) => void;
}) {
  const { me } = useSession();
  const [open, setOpen] = useState<string | null>(null);
  const roles = me?.kind === 'staff' ? me.roles : [];
  const all = actionsFor(demand);
  // The server's word on each action, where it gives one: not offered (with why), or only with
  // counsel's written reason when the decision advises against it.
  const withheld = all
    .map((a) => ({ a, server: serverActionFor(demand, a) }))
    .filter(({ server }) => server && !server.allowed);
  const mine = all
    .filter((a) => allowedFor(a, roles) && !withheld.some((w) => w.a === a))
    .map((a) => guarded(a, serverActionFor(demand, a)));
  const spec = mine.find((a) => a.path === open);

  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {mine.length === 0 ? (
        <p className="muted">
          {all.length
            ? 'Nothing here that your role may do; the next step needs another role.'
            : 'No action is possible: the demand is closed.'}
        </p>
      ) : spec ? (
        <ActionForm
          key={spec.path}
          demand={demand}
          spec={spec}
          onCancel={() => setOpen(null)}
          onDone={(message, updated) => {
            setOpen(null);
            onChanged(message, updated);
          }}
        />
      ) : (
        <>
          <ul className="action-list">
            {mine.map((a) => (
              <li key={a.path}>
                <button
                  type="button"
                  className={a.tone === 'danger' ? 'button-danger' : ''}
                  onClick={() => setOpen(a.path)}
                >
                  {a.label}
                </button>
              </li>
            ))}
          </ul>
          {withheld.length > 0 && (
            <ul className="plain-list small muted">
              {withheld.map(({ a, server }) => (
                <li key={a.path}>
                  {a.label}: not offered. {server?.why}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
