import type { ReactNode } from 'react';
import { errorMessage } from '../api/errorMessage';
import { ApiRequestError } from '../api/http';
import { AppLink } from '../components/AppLink';
import { LoadingPage, MessagePage } from '../components/MessagePage';
import { strings } from '../lib/strings';
import { WorkshopProvider } from '../workshop/WorkshopContext';

/** Loads the workshop of the current route for the page inside; says so when it cannot. */
export function WorkshopGate({ workshopId, children }: { workshopId: string; children: ReactNode }) {
  return (
    <WorkshopProvider
      workshopId={workshopId}
      loading={<LoadingPage />}
      renderError={(error, retry) =>
        error instanceof ApiRequestError && (error.status === 404 || error.status === 403) ? (
          <MessagePage
            testId="workshop-not-found"
            title={strings.notFound.title}
            body={<p>{error.message}</p>}
            actions={
              <AppLink href="/" className="button">
                {strings.notFound.home}
              </AppLink>
            }
          />
        ) : (
          <MessagePage
            testId="unreachable"
            title={strings.unreachable.title}
            body={<p>{errorMessage(error)}</p>}
            actions={
              <button type="button" className="button button--primary" onClick={retry}>
                {strings.retry}
              </button>
            }
          />
        )
      }
    >
      {children}
    </WorkshopProvider>
  );
}
