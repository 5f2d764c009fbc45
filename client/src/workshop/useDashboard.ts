import type { Dashboard } from '@plenary/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { isUnauthorized } from '../api/http';
import { getDashboard } from '../api/workshops';
import { endReasonOf, useSession } from '../session/SessionContext';

/** Presence and word counts change without a workshop event, so the dashboard also polls. */
const POLL_MS = 5_000;

/**
 * The dashboard of `workshopId`, refetched whenever `version` changes (an announced change),
 * every few seconds while the tab is visible, and on `reload()`.
 */
export function useDashboard(workshopId: string, version: number) {
  const { endSession } = useSession();
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ticks, setTicks] = useState(0);
  const reload = useCallback(() => setTicks((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void version;
    void ticks;
    getDashboard(workshopId).then(
      (value) => {
        if (!current) return;
        setDashboard(value);
        setError(null);
      },
      (failure: unknown) => {
        if (!current) return;
        if (isUnauthorized(failure)) endSession(endReasonOf(failure));
        else setError(errorMessage(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [workshopId, version, ticks, endSession]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return { dashboard, error, reload };
}
