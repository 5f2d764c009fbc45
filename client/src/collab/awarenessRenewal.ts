import type { WebsocketProvider } from 'y-websocket';

/**
 * Makes the server take our awareness (cursor, name) again right after every reconnect, and us
 * take everyone else's.
 *
 * When our old socket closes, the server marks our awareness entry removed, which advances its
 * clock for our client id to one past the last clock we sent. y-protocols ignores an update whose
 * clock is not newer than what it holds, so the state the provider re-announces on reconnect is
 * dropped and we stay invisible to the others (presence, carets, the dashboard) until the
 * 15-second renewal has run twice. Bumping our clock twice as the socket opens, before the
 * provider's own announcement, makes that announcement newer than anything the server holds.
 * Returns the function that stops it.
 */
export function renewAwarenessOnConnect(provider: WebsocketProvider): () => void {
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    const { awareness } = provider;
    // The mirror image: when the socket closed, the provider removed everyone else's state but
    // kept its clock, so the server's greeting (their states, at the clocks we already saw) would
    // be ignored and the others would stay invisible to us until they renew. Their clocks go with
    // their states.
    for (const clientId of [...awareness.meta.keys()]) {
      if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
    }
    const state = awareness.getLocalState();
    if (state === null) return;
    awareness.setLocalState({ ...state });
    awareness.setLocalState({ ...state });
  };
  provider.on('status', onStatus);
  return () => provider.off('status', onStatus);
}
