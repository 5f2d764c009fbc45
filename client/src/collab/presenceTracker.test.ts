import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FakeSocket } from './fakeSocket.testSupport';
import { PresenceTracker } from './presenceTracker';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  FakeSocket.instances = [];
});

function setup() {
  let now = 1_000_000;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider('ws://plenary.test/collab', 'demo', doc, {
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#b91c1c' });
  const tracker = new PresenceTracker(provider, () => now);
  const socket = FakeSocket.instances.at(-1);
  if (!socket) throw new Error('no socket');
  socket.open();

  /** Another participant, whose awareness reaches us as the server would relay it. */
  const remote = (name: string, color = '#1d4ed8') => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalStateField('user', { name, color });
    const relay = () =>
      applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(awareness, [awareness.clientID]), provider);
    relay();
    return {
      leave: () => {
        removeAwarenessStates(awareness, [awareness.clientID], 'left');
        relay();
      },
    };
  };
  cleanups.push(() => {
    tracker.destroy();
    provider.destroy();
  });
  return { tracker, remote, later: (ms: number) => (now += ms) };
}

const names = (tracker: PresenceTracker) =>
  tracker.getSnapshot().people.map((person) => (person.isSelf ? `${person.name} (you)` : person.name));

describe('PresenceTracker', () => {
  it('lists yourself first, then the others by name', () => {
    const { tracker, remote } = setup();
    remote('Zainab');
    remote('Bilal');
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal', 'Zainab']);
  });

  it('does not announce the people already there when we connect', () => {
    const { tracker, remote } = setup();
    remote('Bilal');
    remote('Chidi');
    expect(tracker.getSnapshot().announcement).toBeNull();
  });

  it('announces who joins and who leaves afterwards', () => {
    const { tracker, remote, later } = setup();
    later(5000);
    const bilal = remote('Bilal');
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal joined');
    bilal.leave();
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal left');
    expect(names(tracker)).toEqual(['Amina (you)']);
  });

  it('never lets another client put arbitrary CSS into the colour', () => {
    const { tracker, remote } = setup();
    remote('Mallory', 'url(https://tracker.example/pixel)');
    const mallory = tracker.getSnapshot().people.find((person) => person.name === 'Mallory');
    expect(mallory?.color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
