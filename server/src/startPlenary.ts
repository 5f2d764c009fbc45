import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '@plenary/shared/protocol';
import { authorizeSession } from './collab/authorizeSession';
import { CollabServer } from './collab/CollabServer';
import { liveDocuments } from './collab/liveDocuments';
import { RoomRegistry } from './collab/RoomRegistry';
import { UpdateCommitter } from './collab/UpdateCommitter';
import type { Config } from './config';
import { InProcessEventBus } from './events/EventBus';
import { DocxRenderer } from './export/DocxRenderer';
import { PdfRenderer } from './export/renderPdf';
import { createHttpApp } from './http/app';
import { clientErrorReply } from './http/clientErrorReply';
import { categoryLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { AccessService } from './services/AccessService';
import { BriefService } from './services/BriefService';
import { seedDemoWorkshop } from './services/demoWorkshop';
import { ExportService } from './services/ExportService';
import { PublicationService } from './services/PublicationService';
import { SecretKeeper } from './services/SecretKeeper';
import { VersionService } from './services/VersionService';
import { WorkshopService } from './services/WorkshopService';
import type { DocumentStore } from './storage/ports';
import { openDatabase } from './storage/sqlite/openDatabase';
import { SqliteDocumentStore } from './storage/sqlite/SqliteDocumentStore';
import { SqliteWorkshopStore } from './storage/sqlite/SqliteWorkshopStore';
import { WalCheckpointer } from './storage/sqlite/WalCheckpointer';
import { trackWriteHealth } from './storage/trackWriteHealth';
import { SERVER_VERSION } from './version';

/** A running Plenary instance. Nothing is module-global, so tests can run several in one process. */
export interface PlenaryInstance {
  readonly httpServer: Server;
  readonly port: number;
  readonly store: DocumentStore;
  readonly registry: RoomRegistry;
  readonly collab: CollabServer;
  /** Links to show the operator at start: the one-time operator link and the demo facilitator link. */
  readonly links: { operator: string | null; demoFacilitator: string | null };
  /** Graceful stop: close sockets (1012), flush pending writes, close storage. */
  stop(): Promise<void>;
}

/** Builds every part from `config` and listens. */
export async function startPlenary(config: Config, root: Logger): Promise<PlenaryInstance> {
  const lifecycle = categoryLogger(root, 'lifecycle');
  const db = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
  const checkpointer = new WalCheckpointer(db, categoryLogger(root, 'storage'));
  const store = trackWriteHealth(new SqliteDocumentStore(db));
  const workshopStore = new SqliteWorkshopStore(db);
  const secrets = SecretKeeper.open(config.dataDir);
  const events = new InProcessEventBus();

  const collabLog = categoryLogger(root, 'collab');
  const metrics = new Metrics();
  let versions: VersionService | undefined;
  const committer = new UpdateCommitter(store, categoryLogger(root, 'storage'), metrics);
  const registry = new RoomRegistry(
    store,
    committer,
    collabLog,
    {
      unloadGraceMs: config.unloadGraceMs,
      compactAfterUpdates: config.compactAfterUpdates,
      compactIdleMs: config.compactIdleMs,
      maxDocumentBytes: config.maxDocumentBytes,
      maxUpdateEntries: config.maxUpdateEntries,
      // Wired below: the version service needs the live documents this registry serves.
      onStored: (documentId) => versions?.noteEdit(documentId),
    },
    metrics,
  );
  const access = new AccessService(workshopStore, secrets, events);
  const live = liveDocuments(registry, store);
  const briefs = new BriefService(workshopStore, live);
  const workshops = new WorkshopService(workshopStore, store, live, events, (workshopId) =>
    briefs.changedAtSource(workshopId),
  );
  await workshops.init();
  const exportLog = categoryLogger(root, 'export');
  // Chromium starts on the first PDF export, not here: most runs never print one.
  const pdf = new PdfRenderer({
    executablePath: config.chromiumPath,
    searchPath: config.searchPath,
    logger: exportLog,
  });
  const docx = new DocxRenderer();
  const exports = new ExportService(workshopStore, workshops, live, pdf, docx, exportLog);
  const publications = new PublicationService(workshopStore, live, events);
  versions = new VersionService(store, workshops, live, events, collabLog, { autoVersionMs: config.autoVersionMs });
  const collab = new CollabServer(registry, authorizeSession(access, workshops), collabLog, {
    maxMessageBytes: config.maxMessageBytes,
    maxConnections: config.maxConnections,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    maxConnectionsPerParticipant: config.maxConnectionsPerParticipant,
    trustProxy: config.trustProxy,
    messageRatePerSecond: config.messageRatePerSecond,
    awarenessRatePerSecond: config.awarenessRatePerSecond,
    metrics,
  });
  metrics.gauge('plenary_documents_loaded', 'Documents held in memory.', () => registry.loadedCount);
  metrics.gauge('plenary_connections', 'Open collaboration sockets.', () => collab.connectionCount);
  events.subscribe((event) => {
    if (event.type === 'invite.revoked') {
      const reason = event.reason === 'group_deleted' ? 'this group was deleted' : 'this invite link was revoked';
      collab.closeConnectionsOfInvite(event.inviteId, CloseCode.Unauthorized, reason);
    }
    if (event.type === 'participant.renamed') collab.renameParticipant(event.participantId, event.displayName);
    if (event.type === 'group.lockChanged' && !event.locked) collab.documentUnlocked(event.documentId);
    if (event.type === 'participant.signedOut') {
      collab.closeConnectionsOfParticipant(event.participantId, CloseCode.Unauthorized, 'signed out');
    }
    if (event.type === 'document.removed') {
      collab.closeConnectionsOfDocument(event.documentId, CloseCode.DocumentNotFound, 'this document was removed');
    }
  });

  // Links are for the operator's eyes, printed by main.ts whatever the log level; logs never carry them.
  const operatorPath = await access.ensureOperatorLink();
  let demoFacilitatorPath: string | null = null;
  if (config.seedDemo) {
    const demo = await seedDemoWorkshop(workshopStore, workshops, access);
    if (demo.seeded) lifecycle.info('seeded the demo workshop "Combating Trafficking in Persons"');
    demoFacilitatorPath = demo.facilitatorPath;
  }

  const httpLog = categoryLogger(root, 'http');
  const app = createHttpApp({
    store,
    access,
    workshops,
    exports,
    briefs,
    publications,
    versions,
    events,
    logger: httpLog,
    version: SERVER_VERSION,
    clientDist: config.clientDist,
    joinLimits: {
      failures: { limit: config.joinRateLimitPerMinute, windowMs: 60_000 },
      all: { limit: config.joinsPerMinute, windowMs: 60_000 },
    },
    trustProxy: config.trustProxy,
    metrics: config.metrics ? metrics : null,
  });

  const httpServer = createServer(app);
  httpServer.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });
  httpServer.on('clientError', (error, socket) => {
    if (socket.writable) socket.end(clientErrorReply(error as { code?: string }));
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
    links: {
      operator: operatorPath ? `${config.publicUrl}${operatorPath}` : null,
      demoFacilitator: demoFacilitatorPath ? `${config.publicUrl}${demoFacilitatorPath}` : null,
    },
    stop() {
      stopped ??= (async () => {
        httpServer.close();
        await collab.close();
        await registry.closeAll();
        await pdf.close();
        await docx.close();
        await checkpointer.stop();
        await store.close();
        httpServer.closeAllConnections();
      })();
      return stopped;
    },
  };
}
