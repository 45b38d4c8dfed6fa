/**
 * The three portals in one application: the legal team's console (staff), the customer portal
 * (customer admins) and the agency portal (officers). Who is signed in decides which one opens;
 * a page of another portal sends the user home.
 */
import { useEffect, type ReactNode } from 'react';
import type { Me } from './lib/api-types.ts';
import { match, navigate, useLocation } from './lib/router.tsx';
import { homeOf, useSession } from './lib/session.tsx';
import { Layout, type NavItem } from './components/Layout.tsx';
import { PageHeading } from './components/PageHeading.tsx';
import { Loading } from './components/Status.tsx';
import { SignInPage } from './features/sign-in/SignInPage.tsx';
import { QueuePage } from './features/console/QueuePage.tsx';
import { DemandPage } from './features/console/DemandPage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { PortalListPage } from './features/portal/PortalListPage.tsx';
import { PortalDemandPage } from './features/portal/PortalDemandPage.tsx';
import { WebhooksPage } from './features/portal/WebhooksPage.tsx';
import { WebhookLogPage } from './features/portal/WebhookLogPage.tsx';
import { AgencyListPage } from './features/agency/AgencyListPage.tsx';
import { AgencyDemandPage } from './features/agency/AgencyDemandPage.tsx';
import { SubmitDemandPage } from './features/agency/SubmitDemandPage.tsx';

interface Portal {
  kind: Me['kind'];
  prefix: string;
  name: string;
  nav: NavItem[];
  routes: [string, (p: Record<string, string>) => ReactNode][];
}

const PORTALS: Portal[] = [
  {
    kind: 'staff',
    prefix: '/console',
    name: 'Legal team',
    nav: [
      { to: '/console', label: 'Queue' },
      { to: '/console/workload', label: 'Workload' },
    ],
    routes: [
      ['/console', () => <QueuePage />],
      ['/console/workload', () => <DashboardPage />],
      ['/console/demands/:ref', (p) => <DemandPage key={p.ref} reference={p.ref!} />],
    ],
  },
  {
    kind: 'customer_admin',
    prefix: '/portal',
    name: 'Customer portal',
    nav: [
      { to: '/portal', label: 'Demands' },
      { to: '/portal/webhooks', label: 'Webhooks' },
    ],
    routes: [
      ['/portal', () => <PortalListPage />],
      ['/portal/demands/:ref', (p) => <PortalDemandPage key={p.ref} reference={p.ref!} />],
      ['/portal/webhooks', () => <WebhooksPage />],
      ['/portal/webhooks/:id', (p) => <WebhookLogPage key={p.id} endpointId={p.id!} />],
    ],
  },
  {
    kind: 'officer',
    prefix: '/agency',
    name: 'Agency portal',
    nav: [
      { to: '/agency', label: 'Your demands' },
      { to: '/agency/new', label: 'Submit a demand' },
    ],
    routes: [
      ['/agency', () => <AgencyListPage />],
      ['/agency/new', () => <SubmitDemandPage />],
      ['/agency/demands/:ref', (p) => <AgencyDemandPage key={p.ref} reference={p.ref!} />],
    ],
  },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>There is no page at this address.</p>
    </>
  );
}

export function App() {
  const { me, checking } = useSession();
  const { path } = useLocation();
  if (checking) return <Loading what="Signing in" />;
  if (!me) return <SignInPage />;

  const portal = PORTALS.find((p) => p.kind === me.kind)!;
  const inPortal = path === portal.prefix || path.startsWith(`${portal.prefix}/`);
  if (!inPortal) return <Redirect to={homeOf(me)} />;
  let page: ReactNode = <NotFound />;
  for (const [pattern, render] of portal.routes) {
    const params = match(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return (
    <Layout portal={portal.name} nav={portal.nav}>
      {page}
    </Layout>
  );
}
