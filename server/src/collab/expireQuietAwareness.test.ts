import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, outdatedTimeout } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { expireQuietAwareness } from './expireQuietAwareness';

/** A server-side awareness that has heard from one remote client (the server's own state is null). */
function serverHearing(): { server: Awareness; remoteId: number; heardAt: number } {
  const serverDoc = new Y.Doc();
  const server = new Awareness(serverDoc);
  server.setLocalState(null);
  const remote = new Awareness(new Y.Doc());
  remote.setLocalState({ user: { name: 'Ada' } });
  applyAwarenessUpdate(server, encodeAwarenessUpdate(remote, [remote.clientID]), 'socket');
  remote.destroy();
  const heardAt = server.meta.get(remote.clientID)?.lastUpdated ?? Number.NaN;
  return { server, remoteId: remote.clientID, heardAt };
}

describe('expireQuietAwareness', () => {
  it('keeps a cursor renewed within the timeout and drops one that was not, telling listeners', () => {
    const { server, remoteId, heardAt } = serverHearing();
    const removed: number[][] = [];
    server.on('update', ({ removed: ids }: { removed: number[] }, origin: unknown) => {
      if (origin === 'timeout') removed.push(ids);
    });

    expireQuietAwareness(server, heardAt + outdatedTimeout - 1);
    expect(server.getStates().has(remoteId)).toBe(true);

    expireQuietAwareness(server, heardAt + outdatedTimeout);
    expect(server.getStates().has(remoteId)).toBe(false);
    expect(removed).toEqual([[remoteId]]);
    server.destroy();
  });
});
