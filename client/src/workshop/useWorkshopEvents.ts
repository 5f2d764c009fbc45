import { useEffect, useRef } from 'react';
import { workshopEventsUrl } from '../api/workshops';

export interface WorkshopEventHandlers {
  /** Something in the workshop changed (timer, lock, groups, briefs), or events may have been missed. */
  onChanged(): void;
  /** The link this session came from was revoked (on its own, or with its group); the session is over. */
  onSessionEnded(reason: 'link_revoked' | 'group_deleted'): void;
}

/** How long to wait before reopening a stream the browser gave up on (e.g. after a 401 or 404). */
const REOPEN_AFTER_MS = 10_000;

/**
 * Follows `GET /api/workshops/:id/events` (server-sent events) while mounted. The browser
 * reconnects a dropped stream by itself; after any gap (the stream reopened, or the browser back
 * online) we report a change, since events sent meanwhile are lost and the page must refetch.
 */
export function useWorkshopEvents(workshopId: string, handlers: WorkshopEventHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      const events = new EventSource(workshopEventsUrl(workshopId));
      source = events;
      let interrupted = false;
      events.addEventListener('workshop.changed', () => latest.current.onChanged());
      events.addEventListener('session.ended', (event) => {
        stopped = true;
        events.close();
        latest.current.onSessionEnded(endReason(event.data));
      });
      events.onopen = () => {
        if (!interrupted) return;
        interrupted = false;
        latest.current.onChanged();
      };
      events.onerror = () => {
        interrupted = true;
        if (events.readyState !== EventSource.CLOSED || stopped) return;
        // The server refused the stream (not signed in any more, or no such workshop). The
        // refetch tells the page which; the stream is retried later in case it was a blip.
        latest.current.onChanged();
        reopenTimer = setTimeout(open, REOPEN_AFTER_MS);
      };
    };
    open();
    // Back online: whatever was announced meanwhile may be lost (a stream can outlive the network
    // cut, and a refetch it triggered then failed), so the page refetches, as after any gap. A lock
    // that came while someone was offline must reach the page that shows their draft.
    const onOnline = () => latest.current.onChanged();
    window.addEventListener('online', onOnline);
    return () => {
      stopped = true;
      clearTimeout(reopenTimer);
      window.removeEventListener('online', onOnline);
      source?.close();
    };
  }, [workshopId]);
}

/** The `reason` of a `session.ended` event; anything unreadable counts as a revoked link. */
function endReason(data: unknown): 'link_revoked' | 'group_deleted' {
  try {
    return (JSON.parse(String(data)) as { reason?: unknown }).reason === 'group_deleted'
      ? 'group_deleted'
      : 'link_revoked';
  } catch {
    return 'link_revoked';
  }
}
