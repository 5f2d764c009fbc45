import { isTransientCloseCode } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import { type CollabClient, createProvider } from './yClients';

/** A stock y-websocket client signed in with a session token, that hears the server's refusals. */
export interface SessionClient extends CollabClient {
  /** Resolves with the code of the first connection the server ends; rejects after `timeoutMs`. */
  closedByServer(timeoutMs?: number): Promise<number>;
}

/**
 * Opens `documentId` with the stock `WebsocketProvider`, passing `token` (when given) as the URL
 * parameter the server reads. On a refusal it stops, as a real client does. Destroyed with the
 * other clients by yClients' `destroyAllClients()`.
 */
export function connectAs(wsUrl: string, documentId: string, token: string | undefined): SessionClient {
  const client = createProvider(wsUrl, documentId, { token });
  const { provider } = client;
  const firstClose = new Promise<number>((resolve) => {
    provider.on('connection-close', (event) => {
      if (!event) return;
      resolve(event.code);
      // Stopping inside this handler would re-enter the provider's close path, hence the next tick.
      if (!isTransientCloseCode(event.code)) setTimeout(() => provider.disconnect(), 0);
    });
  });
  return {
    ...client,
    closedByServer(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the server did not close ${documentId} within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      return Promise.race([firstClose, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** Ids of every Yjs client whose edits `doc` holds. */
export function authorsOf(doc: Y.Doc): Set<number> {
  return new Set(Y.decodeStateVector(Y.encodeStateVector(doc)).keys());
}
