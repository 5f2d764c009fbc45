import { type Awareness, outdatedTimeout, removeAwarenessStates } from 'y-protocols/awareness';

/** How often rooms are checked for cursors nobody renewed: y-protocols' own period. */
export const AWARENESS_SWEEP_MS = outdatedTimeout / 10;

/**
 * Drops the awareness states of clients that have not renewed theirs for y-protocols' timeout
 * (clients renew every 15 s; one that stopped without saying so, like a laptop that went to sleep,
 * would otherwise keep a cursor in the room for as long as its socket looks open). This is the
 * check each y-protocols Awareness runs on a 3 s interval of its own; the server runs it for every
 * room on one timer instead. The server's own state is always null, so there is nothing to renew.
 */
export function expireQuietAwareness(awareness: Awareness, now: number): void {
  const quiet: number[] = [];
  for (const [clientId, meta] of awareness.meta) {
    if (
      clientId !== awareness.clientID &&
      now - meta.lastUpdated >= outdatedTimeout &&
      awareness.states.has(clientId)
    ) {
      quiet.push(clientId);
    }
  }
  if (quiet.length > 0) removeAwarenessStates(awareness, quiet, 'timeout');
}
