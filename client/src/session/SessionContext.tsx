import type { Session } from '@plenary/shared/api';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, isUnauthorized } from '../api/http';
import { forgetOfflineCopies } from '../api/offlineCache';
import { getSession, rememberSession, signOut as signOutRequest } from '../api/session';
import { deviceCopies } from '../collab/deviceCopies';

/** Why a session that was working stopped: its link was revoked, or it expired / was signed out elsewhere. */
export type SessionEndReason = 'revoked' | 'group_deleted' | 'expired';

/** The server's 401 codes for a session that worked once (see docs/api.md). */
const REASON_OF_CODE = new Map<string, SessionEndReason>([
  ['link_revoked', 'revoked'],
  ['group_deleted', 'group_deleted'],
  ['session_expired', 'expired'],
]);

/** How a 401 says the session ended; null when it does not say (this device never had one). */
export function statedEndReason(error: unknown): SessionEndReason | null {
  if (!(error instanceof ApiRequestError) || error.status !== 401) return null;
  return REASON_OF_CODE.get(error.code) ?? null;
}

/** Why a session that was working got a 401: as the server says, else it expired or was signed out elsewhere. */
export function endReasonOf(error: unknown): SessionEndReason {
  return statedEndReason(error) ?? 'expired';
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  /** No answer from the server and nothing cached on this device. */
  | { status: 'unreachable' }
  /** `offline`: the server was unreachable and this is the last session seen on this device. */
  | { status: 'signedIn'; session: Session; offline: boolean }
  | { status: 'ended'; reason: SessionEndReason };

export interface SessionControls {
  state: SessionState;
  /** After joining or renaming: the session the server just returned. */
  setSession(session: Session): void;
  /** The server said the session is over (revoked link, 401): every page shows why. */
  endSession(reason: SessionEndReason): void;
  signOut(): Promise<void>;
  /** Asks the server again (after "unreachable", or when a page suspects the session changed). */
  reload(): void;
}

const SessionContext = createContext<SessionControls | null>(null);

/** Holds who is signed in on this device, from `GET /api/session` (the cookie is HttpOnly). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // `attempt` re-runs this effect on reload(); it is read so the linter sees why it is a dependency.
    void attempt;
    getSession().then(
      ({ value, fromCache }) => {
        if (current) setState({ status: 'signedIn', session: value, offline: fromCache });
      },
      (error: unknown) => {
        if (!current) return;
        if (isUnauthorized(error)) {
          forgetOfflineCopies();
          // Opening the app again after the link was revoked or the group deleted says so.
          const reason = statedEndReason(error);
          setState((previous) =>
            previous.status === 'ended' ? previous : reason ? { status: 'ended', reason } : { status: 'signedOut' },
          );
        } else {
          // Offline with nothing cached, or a server error: either way, offer to try again.
          setState({ status: 'unreachable' });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const setSession = useCallback((session: Session) => {
    rememberSession(session);
    setState({ status: 'signedIn', session, offline: false });
  }, []);

  const endSession = useCallback((reason: SessionEndReason) => {
    forgetOfflineCopies();
    setState({ status: 'ended', reason });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await signOutRequest();
    } catch (error) {
      // Already signed out on the server is still signed out; anything else is worth telling.
      if (!isUnauthorized(error)) throw error;
      forgetOfflineCopies();
    }
    // The next person on this device must not find this one's drafts. Not awaited: a draft still
    // open keeps its copy until the page below unmounts, which the new state brings about.
    void deviceCopies().forgetAll();
    setState({ status: 'signedOut' });
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const controls = useMemo(
    () => ({ state, setSession, endSession, signOut, reload }),
    [state, setSession, endSession, signOut, reload],
  );
  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}

/** The session controls; only inside `SessionProvider`. */
export function useSession(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) throw new Error('useSession outside SessionProvider');
  return controls;
}

/** The signed-in session; only on pages rendered behind `RequireSession`. */
export function useSignedInSession(): { session: Session; offline: boolean } {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedInSession without a session');
  return state;
}
