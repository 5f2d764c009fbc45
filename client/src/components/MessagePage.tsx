import { type ReactNode, useEffect } from 'react';
import { strings } from '../lib/strings';
import { AppHeader } from './AppHeader';

interface MessagePageProps {
  title: string;
  body: ReactNode;
  /** Buttons or links under the message. */
  actions?: ReactNode;
  /** Header content (e.g. your name) when there is a session. */
  headerEnd?: ReactNode;
  testId?: string;
}

/** A page that only says something: signed out, link revoked, not found, offline. */
export function MessagePage({ title, body, actions, headerEnd, testId }: MessagePageProps) {
  useEffect(() => {
    document.title = `${title} — ${strings.productName}`;
  }, [title]);
  return (
    <>
      <AppHeader>{headerEnd}</AppHeader>
      <main className="page page--narrow" id="main" data-testid={testId}>
        <h1 className="page__title">{title}</h1>
        <div className="page__lead">{body}</div>
        {actions !== undefined && <div className="page__actions">{actions}</div>}
      </main>
    </>
  );
}

/** The "Loading…" placeholder between routes and data. */
export function LoadingPage() {
  return (
    <p className="page-loading" role="status">
      {strings.loading}
    </p>
  );
}
