import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP relay in front of a server, standing in for the network between clients and the
 * server. While blocked, new connections are dropped at once (clients see a failed connect and
 * back off); open ones are left alone. While stalled, nothing moves in either direction on any
 * connection, new ones included, yet none is closed: the venue's Wi-Fi gone quiet, which neither
 * end can tell from a slow network; what was held moves on once it resumes. Bytes pass
 * unchanged, close frames included.
 */
export interface TcpProxy {
  readonly port: number;
  /** The collaboration URL through the proxy. */
  readonly wsUrl: string;
  /** The app's address through the proxy (pages, API and collaboration alike). */
  readonly httpUrl: string;
  block(): void;
  unblock(): void;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let blocked = false;
  let stalled = false;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    if (blocked) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);

    // pipe() forwards a clean end (FIN) after the last byte; an error (a reset from a killed
    // server) tears the other side down as the network would.
    client.pipe(upstream);
    upstream.pipe(client);
    // After pipe(), which sets both flowing.
    if (stalled) {
      client.pause();
      upstream.pause();
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    httpUrl: `http://127.0.0.1:${port}`,
    block() {
      blocked = true;
    },
    unblock() {
      blocked = false;
    },
    stall() {
      // Paused sockets read nothing, so what either end writes waits in the kernel's buffers.
      stalled = true;
      for (const socket of sockets) socket.pause();
    },
    resume() {
      stalled = false;
      for (const socket of sockets) socket.resume();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
