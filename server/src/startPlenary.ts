import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CollabServer } from './collab/CollabServer';
import { RoomRegistry } from './collab/RoomRegistry';
import { UpdateCommitter } from './collab/UpdateCommitter';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { categoryLogger, type Logger } from './logger';
import { DEMO_DOCUMENT_ID, DEMO_DRAFT } from './services/demoDraft';
import { seedDocumentIfAbsent } from './services/seedDocuments';
import type { DocumentStore } from './storage/ports';
import { openDatabase } from './storage/sqlite/openDatabase';
import { SqliteDocumentStore } from './storage/sqlite/SqliteDocumentStore';
import { SERVER_VERSION } from './version';

/** A running Plenary instance. Nothing is module-global, so tests can run several in one process. */
export interface PlenaryInstance {
  readonly httpServer: Server;
  readonly port: number;
  readonly store: DocumentStore;
  readonly registry: RoomRegistry;
  readonly collab: CollabServer;
  /** Graceful stop: close sockets (1012), flush pending writes, close storage. */
  stop(): Promise<void>;
}

/** Builds every part from `config` and listens. */
export async function startPlenary(config: Config, root: Logger): Promise<PlenaryInstance> {
  const lifecycle = categoryLogger(root, 'lifecycle');
  const db = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
  const store = new SqliteDocumentStore(db);
  if (config.seedDemo && (await seedDocumentIfAbsent(store, DEMO_DOCUMENT_ID, DEMO_DRAFT))) {
    lifecycle.info({ documentId: DEMO_DOCUMENT_ID }, 'seeded the demo draft');
  }

  const collabLog = categoryLogger(root, 'collab');
  const committer = new UpdateCommitter(store, categoryLogger(root, 'storage'));
  const registry = new RoomRegistry(store, committer, collabLog, {
    unloadGraceMs: config.unloadGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
    compactIdleMs: config.compactIdleMs,
  });
  const collab = new CollabServer(registry, async () => ({ readOnly: false }), collabLog, {
    maxMessageBytes: config.maxMessageBytes,
  });
  const httpLog = categoryLogger(root, 'http');
  const app = createHttpApp({ store, logger: httpLog, version: SERVER_VERSION, clientDist: config.clientDist });

  const httpServer = createServer(app);
  httpServer.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });
  httpServer.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    httpLog.debug({ err: error }, 'client error');
  });
  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolveListen());
  });

  let stopped: Promise<void> | undefined;
  return {
    httpServer,
    port: (httpServer.address() as AddressInfo).port,
    store,
    registry,
    collab,
    stop() {
      stopped ??= (async () => {
        httpServer.close();
        await collab.close();
        await registry.closeAll();
        await store.close();
        httpServer.closeAllConnections();
      })();
      return stopped;
    },
  };
}
