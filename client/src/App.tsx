import { lazy, type ReactNode, Suspense } from 'react';
import { useLanguage } from './lib/language';
import { matchRoute, usePathname } from './lib/router';
import { strings } from './lib/strings';
import { DashboardPage } from './pages/DashboardPage';
import { JoinPage } from './pages/JoinPage';
import { LandingPage } from './pages/LandingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SessionGate } from './pages/SessionGate';
import { WorkshopGate } from './pages/WorkshopGate';
import { WorkshopHomePage } from './pages/WorkshopHomePage';
import { WorkshopsPage } from './pages/WorkshopsPage';
import { SessionProvider } from './session/SessionContext';

// The editor (Tiptap, ProseMirror, Yjs) is most of the bundle; the other pages should not wait for it.
const DocumentPage = lazy(() => import('./pages/DocumentPage'));
const ComposerPage = lazy(() => import('./pages/ComposerPage'));

/** The app: who is signed in, then the page for the current path. */
export function App() {
  // Pages keyed by language: a switch rebuilds every page (editor node views included) in the new
  // language. Drafts survive it — they live in the Yjs document and its local copy.
  const language = useLanguage();
  return (
    <SessionProvider>
      <Routes key={language} />
    </SessionProvider>
  );
}

function Routes() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'landing':
      return <LandingPage />;
    case 'join':
      return <JoinPage key={route.secret} secret={route.secret} />;
    case 'workshops':
      return (
        <SessionGate>
          <WorkshopsPage />
        </SessionGate>
      );
    case 'workshop':
      return inWorkshop(route.workshopId, <WorkshopHomePage />);
    case 'dashboard':
      return inWorkshop(route.workshopId, <DashboardPage />);
    case 'document':
      return inWorkshop(
        route.workshopId,
        // Keyed so that moving to another draft starts a fresh session and editor.
        <Lazy>
          <DocumentPage key={route.documentId} documentId={route.documentId} />
        </Lazy>,
      );
    case 'composer':
      return inWorkshop(
        route.workshopId,
        <Lazy>
          <ComposerPage key={route.briefId} briefId={route.briefId} />
        </Lazy>,
      );
    case 'notFound':
      return <NotFoundPage />;
  }
}

function inWorkshop(workshopId: string, page: ReactNode) {
  return (
    <SessionGate>
      {/* Keyed: another workshop is another stream of events and another set of permissions. */}
      <WorkshopGate key={workshopId} workshopId={workshopId}>
        {page}
      </WorkshopGate>
    </SessionGate>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="page-loading">{strings.loading}</p>}>{children}</Suspense>;
}
