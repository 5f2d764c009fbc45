import { lazy, Suspense } from 'react';
import { matchRoute, usePathname } from './lib/router';
import { strings } from './lib/strings';
import { LandingPage } from './pages/LandingPage';
import { NotFoundPage } from './pages/NotFoundPage';

// The editor (Tiptap, ProseMirror, Yjs) is most of the bundle; the start page should not wait for it.
const DocumentPage = lazy(() => import('./pages/DocumentPage'));

/** Picks the page for the current path. */
export function App() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'landing':
      return <LandingPage />;
    case 'document':
      return (
        <Suspense fallback={<p className="page-loading">{strings.document.loading}</p>}>
          {/* Keyed so that moving to another draft starts a fresh session and editor. */}
          <DocumentPage key={route.documentId} documentId={route.documentId} />
        </Suspense>
      );
    case 'notFound':
      return <NotFoundPage />;
  }
}
