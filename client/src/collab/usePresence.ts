import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { type PresenceSnapshot, PresenceTracker } from './presenceTracker';

const EMPTY: PresenceSnapshot = { people: [], announcement: null };
const noSubscription = () => () => {};

/** Who is in the document now (from awareness), with join/leave announcements. */
export function usePresence(provider: WebsocketProvider): PresenceSnapshot {
  const [tracker, setTracker] = useState<PresenceTracker | null>(null);
  useEffect(() => {
    const created = new PresenceTracker(provider);
    setTracker(created);
    return () => {
      setTracker(null);
      created.destroy();
    };
  }, [provider]);
  return useSyncExternalStore(tracker?.subscribe ?? noSubscription, tracker?.getSnapshot ?? (() => EMPTY));
}
