import type { ConnectionState } from '../collab/connectionMonitor';
import { strings } from '../lib/strings';

/** The connection line in the header: always visible, and read out politely when it changes. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <p
      className={`connection-status connection-status--${state}`}
      role="status"
      aria-atomic="true"
      data-testid="connection-status"
      data-state={state}
    >
      <span className="connection-status__dot" aria-hidden="true" />
      <span className="connection-status__text">{strings.status[state]}</span>
    </p>
  );
}
