/**
 * The transport floor: a plain `ws` server with no Yjs at all. It forwards every binary frame to
 * every other connection in the same room and answers sync step 1 with an empty sync step 2, so
 * the benchmark clients treat it like a real server.
 * Usage: PORT=1234 tsx load/relayServer.ts
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { documentIdFromUrl } from './roomPath';

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? '127.0.0.1';

/** messageSync, syncStep2, then an empty Yjs update (no structs, empty delete set). */
const EMPTY_SYNC_STEP_2 = Uint8Array.of(0, 1, 2, 0, 0);

const rooms = new Map<string, Set<WebSocket>>();

const http = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', version: 'relay' }));
    return;
  }
  response.writeHead(404).end();
});
const sockets = new WebSocketServer({ noServer: true });

function join(documentId: string, ws: WebSocket): void {
  let room = rooms.get(documentId);
  if (room === undefined) {
    room = new Set();
    rooms.set(documentId, room);
  }
  room.add(ws);
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(documentId);
  });
  ws.on('message', (data, isBinary) => {
    if (!isBinary || !Buffer.isBuffer(data)) return;
    // Sync step 1 is a request to this server, not news for the room.
    if (data[0] === 0 && data[1] === 0) {
      ws.send(EMPTY_SYNC_STEP_2);
      return;
    }
    for (const peer of room) {
      if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
    }
  });
}

http.on('upgrade', (request, socket, head) => {
  const documentId = documentIdFromUrl(request.url);
  if (documentId === null) {
    socket.destroy();
    return;
  }
  sockets.handleUpgrade(request, socket, head, (ws) => join(documentId, ws));
});

http.listen(port, host);

process.on('SIGTERM', () => {
  for (const client of sockets.clients) client.terminate();
  http.close(() => process.exit(0));
});
