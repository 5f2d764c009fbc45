import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FakeSocket } from './fakeSocket.testSupport';
import { LEAVE_GRACE_MS, PresenceTracker } from './presenceTracker';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  FakeSocket.instances = [];
  vi.useRealTimers();
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

  /** Another participant, whose awareness reaches us as the server would relay it (stamped with `id`). */
  const remote = (name: string, color = '#1d4ed8', id?: string) => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalStateField('user', id === undefined ? { name, color } : { name, color, id });
    const relay = () =>
      applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(awareness, [awareness.clientID]), provider);
    relay();
    return {
      leave: () => {
        removeAwarenessStates(awareness, [awareness.clientID], 'left');
        relay();
      },
      /** Back on the same connection's client id (a reconnect), under `as`. */
      comeBack: (as = name) => {
        awareness.setLocalState({ user: { name: as, color } });
        relay();
      },
      rename: (as: string) => {
        awareness.setLocalStateField('user', { name: as, color });
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

  it('announces who joins, and who leaves once they stayed away a moment', () => {
    vi.useFakeTimers();
    const { tracker, remote, later } = setup();
    later(5000);
    const bilal = remote('Bilal');
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal joined');
    bilal.leave();
    expect(names(tracker)).toEqual(['Amina (you)']);
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal joined');
    vi.advanceTimersByTime(LEAVE_GRACE_MS);
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal left');
  });

  it('says nothing when someone’s connection blinks, and "is now called" when they come back renamed', () => {
    vi.useFakeTimers();
    const { tracker, remote, later } = setup();
    later(5000);
    const bilal = remote('Bilal');
    const joined = tracker.getSnapshot().announcement;
    bilal.leave();
    bilal.comeBack();
    vi.advanceTimersByTime(LEAVE_GRACE_MS * 2);
    expect(tracker.getSnapshot().announcement).toEqual(joined);

    // Renaming reconnects the page, so the server stamps the new name on the cursor.
    bilal.leave();
    bilal.comeBack('Bilal Khan');
    vi.advanceTimersByTime(LEAVE_GRACE_MS * 2);
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal is now called Bilal Khan');
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal Khan']);
    bilal.rename('Bilal K.');
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal Khan is now called Bilal K.');
  });

  it('takes a reload under the same name as the same person, not a leave and a join', () => {
    vi.useFakeTimers();
    const { tracker, remote, later } = setup();
    later(5000);
    const before = remote('Bilal');
    const joined = tracker.getSnapshot().announcement;
    before.leave();
    remote('Bilal');
    vi.advanceTimersByTime(LEAVE_GRACE_MS * 2);
    expect(tracker.getSnapshot().announcement).toEqual(joined);
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal']);
  });

  it('lists a person with two tabs once, says nothing when the second opens, and "left" only when both are gone', () => {
    vi.useFakeTimers();
    const { tracker, remote, later } = setup();
    later(5000);
    const laptop = remote('Bilal', '#1d4ed8', 'participant-bilal');
    const joined = tracker.getSnapshot().announcement;
    expect(joined?.text).toBe('Bilal joined');
    const phone = remote('Bilal', '#1d4ed8', 'participant-bilal');
    // Another Bilal, a different person, is listed too.
    remote('Bilal', '#15803d', 'participant-other-bilal');
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal', 'Bilal']);
    laptop.leave();
    vi.advanceTimersByTime(LEAVE_GRACE_MS * 2);
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal joined');
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal', 'Bilal']);
    phone.leave();
    vi.advanceTimersByTime(LEAVE_GRACE_MS);
    expect(tracker.getSnapshot().announcement?.text).toBe('Bilal left');
    expect(names(tracker)).toEqual(['Amina (you)', 'Bilal']);
  });

  it('never lets another client put arbitrary CSS into the colour', () => {
    const { tracker, remote } = setup();
    remote('Mallory', 'url(https://tracker.example/pixel)');
    const mallory = tracker.getSnapshot().people.find((person) => person.name === 'Mallory');
    expect(mallory?.color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
