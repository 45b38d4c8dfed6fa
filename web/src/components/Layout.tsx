/** The frame of every signed-in page: skip link, banner with the portal's navigation, main. */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ACCESS_POLICY } from '../../../src/http/access-policy.ts';
import { principalRoles, type Principal } from '../../../src/domain/principal.ts';
import { useSession } from '../lib/session.tsx';

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to those whose roles may call this API route (e.g. "GET /api/v1/outbound-mail"). */
  needs?: string;
}

/** May the signed-in person call the route a navigation item needs? The server still decides. */
function mayOpen(item: NavItem, me: Principal | null): boolean {
  if (!item.needs) return true;
  const rule = ACCESS_POLICY[item.needs];
  if (!me || !rule) return false;
  return rule === 'public' || principalRoles(me).some((r) => rule.includes(r));
}

export function Layout({ portal, nav, children }: { portal: string; nav: NavItem[]; children: ReactNode }) {
  const { me, signOut } = useSession();
  const { pathname: path } = useLocation();
  const items = nav.filter((n) => mayOpen(n, me));
  // The most specific item that contains the current path is the current page.
  const current = items
    .filter((n) => path === n.to || path.startsWith(`${n.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="banner">
        <div className="banner-inner">
          <span className="brand">
            Writ <span className="brand-portal">{portal}</span>
          </span>
          <nav aria-label="Main">
            <ul className="nav-list">
              {items.map((n) => (
                <li key={n.to}>
                  <Link to={n.to} aria-current={n === current ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="who">
            <span className="who-name">{me?.name}</span>
            <button type="button" className="button-quiet" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
