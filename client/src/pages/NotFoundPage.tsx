import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { AppLink } from '../components/AppLink';
import { strings } from '../lib/strings';

/** Shown for any path the app does not know. */
export function NotFoundPage() {
  useEffect(() => {
    document.title = `${strings.notFound.title} — ${strings.productName}`;
  }, []);
  return (
    <>
      <AppHeader />
      <main className="page page--narrow" id="main">
        <h1 className="page__title">{strings.notFound.title}</h1>
        <p className="page__lead">{strings.notFound.body}</p>
        <p>
          <AppLink href="/" className="button">
            {strings.notFound.home}
          </AppLink>
        </p>
      </main>
    </>
  );
}
