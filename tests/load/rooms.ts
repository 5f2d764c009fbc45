import { type BenchClient, closeAll, connectMany } from './client';
import type { RoomLayout } from './config';
import type { BenchServer } from './servers';
import { LatencySamples } from './stats';

/** One document and the clients connected to it. */
export interface Room {
  documentId: string;
  clients: BenchClient[];
}

/**
 * Opens `layout.documents` new documents (or the given ones) with `layout.clientsPerDocument`
 * typing clients each.
 */
export async function openRooms(
  server: BenchServer,
  label: string,
  layout: RoomLayout,
  concurrency: number,
  documentIds?: readonly string[],
): Promise<Room[]> {
  documentIds ??= await server.createDocuments(label, layout.documents);
  const urls = documentIds.flatMap((id) =>
    Array.from({ length: layout.clientsPerDocument }, () => server.documentUrl(id)),
  );
  const clients = await connectMany(urls, concurrency);
  return documentIds.map((documentId, index) => ({
    documentId,
    clients: clients.slice(index * layout.clientsPerDocument, (index + 1) * layout.clientsPerDocument),
  }));
}

export async function closeRooms(rooms: readonly Room[]): Promise<void> {
  await closeAll(rooms.flatMap((room) => room.clients));
}

/**
 * Counts every delivery of an edit to another client of its room and its latency (send to
 * receipt; senders and receivers share this process's clock). Edits sent before the tracker was
 * created are ignored, so rooms can be reused window after window.
 */
export class DeliveryTracker {
  readonly latencies = new LatencySamples();
  expected = 0;
  delivered = 0;
  sent = 0;
  skipped = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly rooms: readonly Room[]) {
    for (const client of rooms.flatMap((room) => room.clients)) {
      client.onEdit = (_sender, _seq, sentAtMs, receivedAtMs) => {
        if (sentAtMs < this.startedAt) return;
        this.delivered += 1;
        this.latencies.add(receivedAtMs - sentAtMs);
      };
    }
  }

  /** Makes one edit from `client` of `room`, counting the deliveries it should cause. */
  edit(room: Room, client: BenchClient): void {
    if (client.edit()) {
      this.sent += 1;
      this.expected += room.clients.length - 1;
    } else {
      this.skipped += 1;
    }
  }

  /** Waits until every expected delivery arrived; false when some were still missing at the timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.delivered < this.expected) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }

  detach(): void {
    for (const client of this.rooms.flatMap((room) => room.clients)) client.onEdit = null;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every client types one edit every `minMs`–`maxMs` (random), starting at random offsets. */
export async function typeLikePeople(
  rooms: readonly Room[],
  tracker: DeliveryTracker,
  durationMs: number,
  minMs: number,
  maxMs: number,
): Promise<void> {
  const endAt = performance.now() + durationMs;
  const person = async (room: Room, client: BenchClient): Promise<void> => {
    await pause(Math.random() * maxMs);
    while (performance.now() < endAt) {
      tracker.edit(room, client);
      await pause(minMs + Math.random() * (maxMs - minMs));
    }
  };
  await Promise.all(rooms.flatMap((room) => room.clients.map((client) => person(room, client))));
}

/** Edits at a fixed total rate, spread evenly over time and round-robin over rooms and clients. */
export async function typeAtRate(
  rooms: readonly Room[],
  tracker: DeliveryTracker,
  editsPerSecond: number,
  durationMs: number,
): Promise<void> {
  const widest = Math.max(...rooms.map((room) => room.clients.length));
  const senders: Array<{ room: Room; client: BenchClient }> = [];
  for (let index = 0; index < widest; index += 1) {
    for (const room of rooms) {
      const client = room.clients[index];
      if (client) senders.push({ room, client });
    }
  }
  const startedAt = performance.now();
  let made = 0;
  for (;;) {
    const elapsed = performance.now() - startedAt;
    if (elapsed >= durationMs) return;
    const due = Math.floor((elapsed * editsPerSecond) / 1000);
    for (; made < due; made += 1) {
      const sender = senders[made % senders.length];
      if (sender) tracker.edit(sender.room, sender.client);
    }
    await pause(1);
  }
}
