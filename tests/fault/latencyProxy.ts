import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { between, type Random } from '../support/seededRandom';

/**
 * A loopback TCP relay that stands in for a slow, unreliable network between clients and the
 * server: every chunk is held for a random delay (order kept per direction, as TCP keeps it),
 * connections can be cut abruptly, and new ones refused while the network is "down".
 */
export interface LatencyProxy {
  /** The collaboration URL through the proxy. */
  readonly wsUrl: string;
  /** Open client connections. */
  readonly connectionCount: number;
  /** Cuts one open connection, both ways, like a dropped Wi-Fi link; false when none is open. */
  dropOne(random: Random): boolean;
  /**
   * Cuts every client off while the server's side stays open and silent: what the server sees
   * when a venue's Wi-Fi drops, until its heartbeat notices.
   */
  strandAll(): void;
  /** New connections are refused at once while blocked; open ones are left alone. */
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

export interface LatencyOptions {
  /** Delays are drawn from `random`, between these bounds, per chunk. */
  random: Random;
  minDelayMs: number;
  maxDelayMs: number;
}

interface Link {
  client: Socket;
  upstream: Socket;
  /** The client is gone but the server must not learn it from us. */
  stranded: boolean;
}

/** Relays `from` to `to` with a delay per chunk, keeping order; the end and a reset follow the data. */
function relay(from: Socket, to: Socket, delayMs: () => number, link: Link): void {
  let deliverAfter = 0;
  const later = (action: () => void) => {
    deliverAfter = Math.max(deliverAfter, Date.now() + delayMs());
    setTimeout(action, deliverAfter - Date.now());
  };
  from.on('data', (chunk: Buffer) =>
    later(() => {
      if (!to.destroyed) to.write(chunk);
    }),
  );
  let ended = false;
  from.on('end', () => {
    ended = true;
    if (!link.stranded) later(() => to.end());
  });
  // A clean end lets `to` flush and finish; a reset or error tears it down, as a network would.
  from.on('close', (hadError: boolean) => {
    if (!link.stranded && (hadError || !ended)) later(() => to.destroy());
  });
  from.on('error', () => {});
}

export async function startLatencyProxy(targetPort: number, options: LatencyOptions): Promise<LatencyProxy> {
  let blocked = false;
  const links = new Set<Link>();
  /** Server-side sockets of stranded clients, closed with the proxy. */
  const stranded = new Set<Socket>();
  const delay = () => between(options.random, options.minDelayMs, options.maxDelayMs);

  const server = createServer((client) => {
    if (blocked) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const link: Link = { client, upstream, stranded: false };
    links.add(link);
    client.once('close', () => links.delete(link));
    relay(client, upstream, delay, link);
    relay(upstream, client, delay, link);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    get connectionCount() {
      return links.size;
    },
    dropOne(random) {
      const open = [...links];
      if (open.length === 0) return false;
      const link = open[between(random, 0, open.length - 1)] as Link;
      // resetAndDestroy sends an RST: neither side gets a close frame, as when a link dies.
      link.client.resetAndDestroy();
      link.upstream.resetAndDestroy();
      links.delete(link);
      return true;
    },
    strandAll() {
      for (const link of links) {
        link.stranded = true;
        link.client.resetAndDestroy();
        stranded.add(link.upstream);
      }
      links.clear();
    },
    block() {
      blocked = true;
    },
    unblock() {
      blocked = false;
    },
    async close() {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
      links.clear();
      for (const upstream of stranded) upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
