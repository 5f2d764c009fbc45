import type { ReactNode } from 'react';
import { AppLink } from '../components/AppLink';
import { LoadingPage, MessagePage } from '../components/MessagePage';
import { strings } from '../lib/strings';
import { type SessionEndReason, useSession } from '../session/SessionContext';
import { UnsentWordsNotice } from './UnsentWordsNotice';

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
      const { title, body } = END_MESSAGES[state.reason]();
      return (
        <MessagePage
          testId="session-ended"
          title={title}
          body={
            <>
              <p>{body}</p>
              <UnsentWordsNotice reason={state.reason} />
            </>
          }
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

/** What the page says for each way a session ends (read when shown, so the language is current). */
const END_MESSAGES: Record<SessionEndReason, () => { title: string; body: string }> = {
  revoked: () => ({ title: strings.sessionEnded.revokedTitle, body: strings.sessionEnded.revokedBody }),
  group_deleted: () => ({ title: strings.sessionEnded.groupDeletedTitle, body: strings.sessionEnded.groupDeletedBody }),
  expired: () => ({ title: strings.sessionEnded.expiredTitle, body: strings.sessionEnded.expiredBody }),
};
