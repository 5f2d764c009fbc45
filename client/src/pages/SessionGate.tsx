import type { ReactNode } from 'react';
import { AppLink } from '../components/AppLink';
import { LoadingPage, MessagePage } from '../components/MessagePage';
import { strings } from '../lib/strings';
import { useSession } from '../session/SessionContext';

/** Renders `children` only with a session; otherwise says why there is none. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  switch (state.status) {
    case 'loading':
      return <LoadingPage />;
    case 'signedIn':
      return children;
    case 'signedOut':
      return <MessagePage testId="signed-out" title={strings.signedOut.title} body={<p>{strings.signedOut.body}</p>} />;
    case 'unreachable':
      return (
        <MessagePage
          testId="unreachable"
          title={strings.unreachable.title}
          body={<p>{strings.unreachable.body}</p>}
          actions={
            <button type="button" className="button button--primary" onClick={reload}>
              {strings.retry}
            </button>
          }
        />
      );
    case 'ended': {
      const revoked = state.reason === 'revoked';
      return (
        <MessagePage
          testId="session-ended"
          title={revoked ? strings.sessionEnded.revokedTitle : strings.sessionEnded.expiredTitle}
          body={<p>{revoked ? strings.sessionEnded.revokedBody : strings.sessionEnded.expiredBody}</p>}
          actions={
            <AppLink href="/" className="button">
              {strings.sessionEnded.home}
            </AppLink>
          }
        />
      );
    }
  }
}
