/**
 * The three portals in one application: the legal team's console (staff), the customer portal
 * (customer admins) and the agency portal (officers). Who is signed in decides which one opens;
 * a page of another portal sends the user home.
 */
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, useParams, type RouteObject } from 'react-router';
import type { Me } from './lib/api-types.ts';
import { homeOf, useSession } from './lib/session.tsx';
import { Layout, type NavItem } from './components/Layout.tsx';
import { PageHeading } from './components/PageHeading.tsx';
import { Loading } from './components/Status.tsx';
import { SignInPage } from './features/sign-in/SignInPage.tsx';
import { QueuePage } from './features/console/QueuePage.tsx';
import { DemandPage } from './features/console/DemandPage.tsx';
import { DraftPage } from './features/mail-intake/DraftPage.tsx';
import { DraftsPage } from './features/mail-intake/DraftsPage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { SecrecyOrdersPage } from './features/secrecy/SecrecyOrdersPage.tsx';
import { ReportsPage } from './features/reports/ReportsPage.tsx';
import { OutboundMailPage } from './features/outbound-mail/OutboundMailPage.tsx';
import { OutboundMessagePage } from './features/outbound-mail/OutboundMessagePage.tsx';
import { PortalListPage } from './features/portal/PortalListPage.tsx';
import { PortalDemandPage } from './features/portal/PortalDemandPage.tsx';
import { WebhooksPage } from './features/portal/WebhooksPage.tsx';
import { WebhookLogPage } from './features/portal/WebhookLogPage.tsx';
import { AgencyListPage } from './features/agency/AgencyListPage.tsx';
import { AgencyDemandPage } from './features/agency/AgencyDemandPage.tsx';
import { SubmitDemandPage } from './features/agency/SubmitDemandPage.tsx';
import { PasskeysPage } from './features/passkeys/PasskeysPage.tsx';

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
      { to: '/console/mail', label: 'Mail intake' },
      { to: '/console/secrecy-orders', label: 'Secrecy orders' },
      { to: '/console/reports', label: 'Reports' },
      { to: '/console/outbound-mail', label: 'Outbound mail', needs: 'GET /api/v1/outbound-mail' },
      { to: '/console/passkeys', label: 'Passkeys' },
    ],
    routes: [
      ['/console', () => <QueuePage />],
      ['/console/workload', () => <DashboardPage />],
      ['/console/demands/:ref', (p) => <DemandPage key={p.ref} reference={p.ref!} />],
      ['/console/mail', () => <DraftsPage />],
      ['/console/mail/:id', (p) => <DraftPage key={p.id} id={p.id!} />],
      ['/console/secrecy-orders', () => <SecrecyOrdersPage />],
      ['/console/reports', () => <ReportsPage />],
      ['/console/outbound-mail', () => <OutboundMailPage />],
      ['/console/outbound-mail/:id', (p) => <OutboundMessagePage key={p.id} id={p.id!} />],
      ['/console/passkeys', () => <PasskeysPage />],
    ],
  },
  {
    kind: 'customer_admin',
    prefix: '/portal',
    name: 'Customer portal',
    nav: [
      { to: '/portal', label: 'Demands' },
      { to: '/portal/webhooks', label: 'Webhooks' },
      { to: '/portal/passkeys', label: 'Passkeys' },
    ],
    routes: [
      ['/portal', () => <PortalListPage />],
      ['/portal/demands/:ref', (p) => <PortalDemandPage key={p.ref} reference={p.ref!} />],
      ['/portal/webhooks', () => <WebhooksPage />],
      ['/portal/webhooks/:id', (p) => <WebhookLogPage key={p.id} endpointId={p.id!} />],
      ['/portal/passkeys', () => <PasskeysPage />],
    ],
  },
  {
    kind: 'officer',
    prefix: '/agency',
    name: 'Agency portal',
    nav: [
      { to: '/agency', label: 'Your demands' },
      { to: '/agency/new', label: 'Submit a demand' },
      { to: '/agency/passkeys', label: 'Passkeys' },
    ],
    routes: [
      ['/agency', () => <AgencyListPage />],
      ['/agency/new', () => <SubmitDemandPage />],
      ['/agency/demands/:ref', (p) => <AgencyDemandPage key={p.ref} reference={p.ref!} />],
      ['/agency/passkeys', () => <PasskeysPage />],
    ],
  },
];

function NotFound() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>There is no page at this address.</p>
    </>
  );
}

/** A route's page, given the named parts of its path. */
function Routed({ render }: { render: (p: Record<string, string>) => ReactNode }) {
  const params = useParams();
  return render(params as Record<string, string>);
}

/** Who is signed in decides what opens: the sign-in page, or the pages of their portal. */
function Root() {
  const { me, checking } = useSession();
  if (checking) return <Loading what="Signing in" />;
  return (
    <>
      {me ? <Outlet /> : <SignInPage />}
      <ScrollRestoration />
    </>
  );
}

/** A portal's frame; a page of another portal sends the user home. */
function PortalFrame({ portal }: { portal: Portal }) {
  const { me } = useSession();
  if (me && me.kind !== portal.kind) return <Navigate to={homeOf(me)} replace />;
  return (
    <Layout portal={portal.name} nav={portal.nav}>
      <Outlet />
    </Layout>
  );
}

function Home() {
  const { me } = useSession();
  return <Navigate to={me ? homeOf(me) : '/'} replace />;
}

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      ...PORTALS.map((portal) => ({
        path: portal.prefix,
        element: <PortalFrame portal={portal} />,
        children: [
          ...portal.routes.map(([path, render]) => ({ path, element: <Routed render={render} /> })),
          { path: '*', element: <NotFound /> },
        ],
      })),
      { path: '*', element: <Home /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
