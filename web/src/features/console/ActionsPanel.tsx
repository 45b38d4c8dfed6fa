/**
 * The buttons for what can be done next with this demand, by this person. One form open at a time;
 * after an action the page shows the demand as the server now has it.
 */
import type { StaffDemand } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { ActionForm } from './ActionForm.tsx';
import { offeredActions } from './actions.ts';

/**
 * `open`: the action whose form is open (the page keeps it, so that the next-step card can open
 * one); `onOpen` opens another, or none.
 */
export function ActionsPanel({
  demand,
  onChanged,
  open,
  onOpen: setOpen,
}: {
  demand: StaffDemand;
  onChanged: (message: string, updated: StaffDemand) => void;
  open: string | null;
  onOpen: (action: string | null) => void;
}) {
  const { me } = useSession();
  const { all, withheld, mine } = offeredActions(demand, me?.kind === 'staff' ? me.roles : []);
  const spec = mine.find((a) => a.path === open);

  return (
    <section className="card" aria-labelledby="actions-title" id="actions">
      <h2 id="actions-title">Actions</h2>
      {mine.length === 0 ? (
        <p className="muted">
          {all.length
            ? withheld.length
              ? 'Nothing here for you to do now:'
              : 'Nothing here that your role may do; the next step needs another role.'
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
      )}
      {!spec && withheld.length > 0 && (
        <ul className="plain-list small muted">
          {withheld.map(({ a, server }) => (
            <li key={a.path}>
              {a.label}: not offered. {server?.why}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
