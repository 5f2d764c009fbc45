/**
 * The reference y-websocket server (@y/websocket-server 0.1.1, in-memory, no persistence) on
 * Plenary's URL layout, run as its own process so it is measured exactly like Plenary.
 * Usage: PORT=1234 tsx load/referenceServer.ts
 */
import { createServer } from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { documentIdFromUrl } from './roomPath';

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? '127.0.0.1';

const http = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', version: 'y-websocket-server 0.1.1' }));
    return;
  }
  response.writeHead(404).end();
});
const sockets = new WebSocketServer({ noServer: true });

http.on('upgrade', (request, socket, head) => {
  const documentId = documentIdFromUrl(request.url);
  if (documentId === null) {
    socket.destroy();
    return;
  }
  sockets.handleUpgrade(request, socket, head, (ws) => {
    setupWSConnection(ws, request, { docName: documentId });
  });
});

http.listen(port, host);

process.on('SIGTERM', () => {
  for (const client of sockets.clients) client.terminate();
  http.close(() => process.exit(0));
});
