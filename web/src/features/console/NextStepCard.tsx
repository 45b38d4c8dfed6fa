/**
 * What the demand waits for next, as the server says (`nextStep`), and the action that moves it on
 * when the signed-in person may take it: "Take this step" opens that action's form in the actions
 * panel (for a package, a link leads to the package panel). When a two-person rule keeps the step
 * from this person (they prepared the package, or gave the first approval), the card says so.
 */
import type { StaffDemand } from '../../lib/api-types.ts';
import { useSession } from '../../lib/session.tsx';
import { offeredActions } from './actions.ts';

export function NextStepCard({ demand, onOpen }: { demand: StaffDemand; onOpen: (action: string) => void }) {
  const { me } = useSession();
  const step = demand.nextStep;
  if (!step) return null;
  const offered = offeredActions(demand, me?.kind === 'staff' ? me.roles : []);
  const spec = step.action ? offered.mine.find((a) => a.path === step.action) : undefined;
  // The server withholds the step from this person, and says why (e.g. they gave the first approval).
  const withheld = step.action ? offered.withheld.find((w) => w.a.path === step.action)?.server?.why : undefined;
  const open = (action: string, target: string) => {
    onOpen(action);
    // After the form has rendered: bring it into view and put the keyboard there.
    requestAnimationFrame(() => {
      const el = document.getElementById(target);
      el?.scrollIntoView({ block: 'start' });
      (el?.querySelector('textarea, input, select, button') as HTMLElement | null)?.focus();
    });
  };
  return (
    <section className="card" aria-labelledby="next-title">
      <h2 id="next-title">Next step</h2>
      <p id="next-step-label">{step.label}</p>
      {spec ? (
        // Named apart from the actions panel's button of the same action, which stays beside it.
        <button type="button" aria-describedby="next-step-label" onClick={() => open(spec.path, 'actions')}>
          Take this step
        </button>
      ) : step.action === 'package' ? (
        <a href="#package-title">Prepare the package below</a>
      ) : withheld ? (
        <p className="small muted">{withheld}</p>
      ) : step.action ? (
        <p className="small muted">Someone with another role takes this step.</p>
      ) : null}
    </section>
  );
}
