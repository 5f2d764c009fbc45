import type { Participant, WorkshopHome } from '@plenary/shared/api';
import type { Action, Principal, Resource } from '@plenary/shared/domain';
import { can } from '@plenary/shared/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, isUnauthorized } from '../api/http';
import { getWorkshopHome } from '../api/workshops';
import { endReasonOf, useSession, useSignedInSession } from '../session/SessionContext';
import { useWorkshopEvents } from './useWorkshopEvents';

export interface WorkshopContextValue {
  home: WorkshopHome;
  /** True when the server was unreachable and `home` is this device's last copy. */
  offline: boolean;
  /** Increases on every change the server announced; pages refetch their own data when it does. */
  version: number;
  participant: Participant;
  /** Whether the signed-in participant may do `action` in this workshop (the shared permission function). */
  may(action: Action, resource?: Omit<Resource, 'workshopId'>): boolean;
  /** Refetch everything now (after this page changed something itself). */
  refresh(): void;
}

const WorkshopContext = createContext<WorkshopContextValue | null>(null);

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; home: WorkshopHome; offline: boolean }
  | { status: 'failed'; error: unknown };

interface WorkshopProviderProps {
  workshopId: string;
  children: ReactNode;
  /** Shown instead of the page when the workshop cannot be opened. */
  renderError(error: unknown, retry: () => void): ReactNode;
  loading: ReactNode;
}

/**
 * Loads a workshop for the pages inside it and keeps it current: server-sent events announce
 * changes (timer, locks, groups), and a revoked link ends the session on every open page.
 */
export function WorkshopProvider({ workshopId, children, renderError, loading }: WorkshopProviderProps) {
  const { endSession } = useSession();
  const { session } = useSignedInSession();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  useWorkshopEvents(workshopId, {
    onChanged: refresh,
    onSessionEnded: (reason) => endSession(reason === 'group_deleted' ? 'group_deleted' : 'revoked'),
  });

  useEffect(() => {
    let current = true;
    // `version` re-runs this effect on every announced change.
    void version;
    getWorkshopHome(workshopId).then(
      ({ value, fromCache }) => {
        if (current) setState({ status: 'ready', home: value, offline: fromCache });
      },
      (error: unknown) => {
        if (!current) return;
        if (isUnauthorized(error)) endSession(endReasonOf(error));
        // Keep showing what we have when a refetch fails; only a first load shows the error.
        else
          setState((previous) =>
            previous.status === 'ready' && !isGone(error) ? previous : { status: 'failed', error },
          );
      },
    );
    return () => {
      current = false;
    };
  }, [workshopId, version, endSession]);

  const participant = session.participant;
  const value = useMemo<WorkshopContextValue | null>(() => {
    if (state.status !== 'ready') return null;
    const principal: Principal = {
      role: participant.role,
      workshopId: participant.workshopId,
      groupId: participant.groupId,
    };
    return {
      home: state.home,
      offline: state.offline,
      version,
      participant,
      may: (action, resource = {}) => can(principal, action, { workshopId, ...resource }),
      refresh,
    };
  }, [state, version, participant, workshopId, refresh]);

  if (state.status === 'failed') return renderError(state.error, refresh);
  if (value === null) return loading;
  return <WorkshopContext.Provider value={value}>{children}</WorkshopContext.Provider>;
}

/** A workshop that disappeared from the caller's reach while open (404/403) replaces the page. */
function isGone(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 404 || error.status === 403);
}

/** The open workshop; only inside `WorkshopProvider`. */
export function useWorkshop(): WorkshopContextValue {
  const value = useContext(WorkshopContext);
  if (!value) throw new Error('useWorkshop outside WorkshopProvider');
  return value;
}
