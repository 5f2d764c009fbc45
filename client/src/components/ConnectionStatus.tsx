import { useEffect, useState } from 'react';
import type { ConnectionState } from '../collab/connectionMonitor';
import { strings } from '../lib/strings';

/** How long a state must hold before a screen reader hears it: typing flips "Saving…" often. */
const ANNOUNCE_AFTER_MS = 1500;

/**
 * The connection line in the header: always visible, and read out politely once a state has held
 * for a moment, so a screen reader hears "Offline" or "All changes saved", not every keystroke's
 * "Saving…".
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const [announced, setAnnounced] = useState<ConnectionState | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(state), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <p className={`connection-status connection-status--${state}`} data-testid="connection-status" data-state={state}>
        <span className="connection-status__dot" aria-hidden="true" />
        <span className="connection-status__text">{strings.status[state]}</span>
      </p>
      <span className="visually-hidden" role="status" aria-atomic="true">
        {announced === null ? '' : strings.status[announced]}
      </span>
    </>
  );
}
