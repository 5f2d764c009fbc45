import { COLLAB_PATH, isTransientCloseCode } from '@plenary/shared/protocol';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renewAwarenessOnConnect } from './awarenessRenewal';
import { ConnectionMonitor, type ConnectionState } from './connectionMonitor';
import { deviceCopies, localCopyName } from './deviceCopies';
import { IndexedDbCopyTracker } from './localCopy';

/** Everything one open document needs; created together and destroyed together. */
export interface CollaborationSession {
  documentId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  monitor: ConnectionMonitor;
}

/** The collaboration endpoint on the page's own origin; the provider appends `/<documentId>`. */
export function collaborationServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${COLLAB_PATH}`;
}

/** States in which closing the page could lose words or leave them only on this device unknowingly. */
const UNSAFE_TO_LEAVE: ReadonlySet<ConnectionState> = new Set(['saving', 'unsaved', 'offline-storing']);

function openSession(documentId: string): { session: CollaborationSession; close: () => void } {
  const doc = new Y.Doc();
  // The local copy: a reload while offline shows the draft, and edits made offline are kept
  // here until the next sync hands them to the server.
  const persistence = new IndexeddbPersistence(localCopyName(documentId), doc);
  const provider = new WebsocketProvider(collaborationServerUrl(), documentId, doc, {
    // Retry only when waiting can help; the monitor tells the person about the other codes.
    shouldReconnect: (event) => isTransientCloseCode(event.code),
  });
  // Created after the provider on purpose: the provider's update listener must run first so
  // the monitor can tell whether a local change was already written to the socket.
  const localCopy = new IndexedDbCopyTracker(persistence, doc);
  const monitor = new ConnectionMonitor(provider, doc, localCopy);
  const stopRenewal = renewAwarenessOnConnect(provider);
  const stopFollowing = deviceCopies().follow(documentId, doc, monitor, [provider, persistence]);
  // The browser's own "Leave site?" while the server has not confirmed changes that are not safe
  // on this device either, or that someone may expect to find on another device.
  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (!UNSAFE_TO_LEAVE.has(monitor.getSnapshot().state)) return;
    event.preventDefault();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  const session = { documentId, doc, provider, monitor };
  const close = () => {
    stopRenewal();
    stopFollowing();
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    monitor.destroy();
    localCopy.destroy();
    // Clearing our awareness first tells the others we left, while the socket is still open.
    provider.awareness.setLocalState(null);
    provider.destroy();
    provider.awareness.destroy();
    void persistence.destroy();
    doc.destroy();
  };
  return { session, close };
}

/**
 * Opens the shared document `documentId` (Yjs doc + WebSocket provider + IndexedDB copy) for
 * as long as the calling component is mounted, and tears all of it down on unmount.
 */
export function useCollaboration(documentId: string): CollaborationSession | null {
  const [session, setSession] = useState<CollaborationSession | null>(null);
  useEffect(() => {
    const opened = openSession(documentId);
    setSession(opened.session);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [documentId]);
  return session?.documentId === documentId ? session : null;
}
