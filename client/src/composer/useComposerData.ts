import type { BriefStatus, RecommendationItem } from '@plenary/shared/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getBriefStatus, listRecommendations } from '../api/briefs';
import { isUnauthorized } from '../api/http';
import { endReasonOf, useSession } from '../session/SessionContext';

/** How often the composer asks again while it is open: group edits do not raise workshop events. */
export const POLL_INTERVAL_MS = 3000;

export interface ComposerData {
  /** Null until the first answer. */
  items: RecommendationItem[] | null;
  status: BriefStatus | null;
  /** The last refresh failed (the data shown is the previous answer). */
  error: unknown;
  /** Ask again now, e.g. right after this page changed the brief. */
  refresh(): void;
}

/**
 * Every group's recommendations and the brief's provenance report, kept live: asked again every
 * few seconds, whenever the workshop announces a change (`version`), and on `refresh()`. Requests
 * never overlap, and an answer that arrives after a newer request started is dropped.
 */
export function useComposerData(workshopId: string, briefId: string, version: number): ComposerData {
  const { endSession } = useSession();
  const [items, setItems] = useState<RecommendationItem[] | null>(null);
  const [status, setStatus] = useState<BriefStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  // The same answer again keeps the same objects, so a quiet poll re-renders nothing.
  const lastItems = useRef('');
  const lastStatus = useRef('');

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void version;
    void nonce;
    const poll = async () => {
      try {
        const [nextItems, nextStatus] = await Promise.all([
          listRecommendations(workshopId),
          getBriefStatus(workshopId, briefId),
        ]);
        if (stopped) return;
        const itemsJson = JSON.stringify(nextItems);
        if (itemsJson !== lastItems.current) {
          lastItems.current = itemsJson;
          setItems(nextItems);
        }
        const statusJson = JSON.stringify(nextStatus);
        if (statusJson !== lastStatus.current) {
          lastStatus.current = statusJson;
          setStatus(nextStatus);
        }
        setError(null);
      } catch (failure) {
        if (stopped) return;
        if (isUnauthorized(failure)) {
          endSession(endReasonOf(failure));
          return;
        }
        setError(failure);
      }
      if (!stopped) timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [workshopId, briefId, version, nonce, endSession]);

  return { items, status, error, refresh };
}
