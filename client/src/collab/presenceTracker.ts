import type { AwarenessUser } from '@plenary/shared/protocol';
import type { WebsocketProvider } from 'y-websocket';
import { strings } from '../lib/strings';

/** The part of an awareness `change` event read here: the client ids whose state went. */
interface AwarenessChange {
  removed: number[];
}

/** One person in the "Who is here" list: once, however many tabs they have open. */
export interface PresentPerson {
  /** One of their tabs' awareness client ids (yours, for yourself). */
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

/** What the presence list renders; a new object only when something changed. */
export interface PresenceSnapshot {
  people: readonly PresentPerson[];
  /** The latest join/leave message for the polite live region; `id` changes with each one. */
  announcement: { id: number; text: string } | null;
}

// Right after (re)connecting, the server sends everyone already here in one burst; announcing
// each of them as "joined" would only be noise.
const QUIET_AFTER_CONNECT_MS = 2000;

// Someone whose Wi-Fi blinks, who reloads, or who renames themself (their page reconnects to
// carry the new name) is gone for a moment only: "left" is said once they stayed away this long.
export const LEAVE_GRACE_MS = 4000;

const SAFE_COLOR = /^#[0-9a-f]{3,8}$/i;
const FALLBACK_COLOR = '#64748b';

/** A cursor's user; `id` is the participant the server stamped on it (null where none was). */
function readUser(state: unknown): (AwarenessUser & { id: string | null }) | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user = (state as { user: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color, id } = user as Record<string, unknown>;
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  // Awareness comes from other clients: accept only a plain hex colour, never arbitrary CSS.
  return { name, color: SAFE_COLOR.test(color) ? color : FALLBACK_COLOR, id: typeof id === 'string' ? id : null };
}

/** What one awareness read found: the people, and each cursor's name and person. */
interface PeopleRead {
  people: PresentPerson[];
  names: Map<number, string>;
  /** Each cursor's person: their participant id, or the cursor's own id when it names none. */
  personOf: Map<number, string>;
}

/** Follows the provider's awareness and turns it into a sorted list plus join/leave notices. */
export class PresenceTracker {
  private snapshot: PresenceSnapshot = { people: [], announcement: null };
  private namesByClient = new Map<number, string>();
  private personByClient = new Map<number, string>();
  private connectedAt = 0;
  private announcementId = 0;
  /** People who just went, by client id: announced as gone unless they come back in time. */
  private readonly leaving = new Map<number, { name: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly listeners = new Set<() => void>();
  private readonly cleanup: () => void;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly now: () => number = Date.now,
  ) {
    const { awareness } = provider;
    const onChange = (change: AwarenessChange) => this.handleChange(change);
    const onStatus = (event: { status: string }) => {
      if (event.status === 'connected') this.connectedAt = this.now();
    };
    awareness.on('change', onChange);
    provider.on('status', onStatus);
    this.cleanup = () => {
      awareness.off('change', onChange);
      provider.off('status', onStatus);
    };
    this.publish(this.readPeople(), null);
  }

  getSnapshot = (): PresenceSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.cleanup();
    for (const { timer } of this.leaving.values()) clearTimeout(timer);
    this.leaving.clear();
    this.listeners.clear();
  }

  private handleChange({ removed }: AwarenessChange): void {
    const previousNames = this.namesByClient;
    const previousPersons = this.personByClient;
    const quiet = !this.provider.wsconnected || this.now() - this.connectedAt < QUIET_AFTER_CONNECT_MS;
    const current = this.readPeople();
    const messages: string[] = [];
    for (const person of current.people) {
      if (person.isSelf) continue;
      // Someone back after leaving comes as an update of the client id they had, not an addition;
      // a second tab of someone already here is no news either.
      const before = previousNames.has(person.clientId)
        ? previousNames.get(person.clientId)
        : (this.nameOfPerson(current.personOf.get(person.clientId), previousPersons, previousNames) ??
          this.cameBack(person));
      if (before === undefined) {
        if (!quiet) messages.push(strings.presence.joined(person.name));
      } else if (before !== person.name) {
        messages.push(strings.presence.renamed(before, person.name));
      }
    }
    for (const clientId of removed) {
      const name = previousNames.get(clientId);
      if (quiet || clientId === this.provider.awareness.clientID || name === undefined) continue;
      // One of several tabs closed: the person is still here.
      if (this.nameOfPerson(previousPersons.get(clientId), current.personOf, current.names) !== undefined) continue;
      const timer = setTimeout(() => this.announceLeft(clientId), LEAVE_GRACE_MS);
      this.leaving.set(clientId, { name, timer });
    }
    this.publish(current, messages.length > 0 ? messages.join('. ') : null);
  }

  /**
   * The name `person` had when they went a moment ago (the same tab reconnecting, or a reload
   * under the same name), so their return is no news; undefined for someone new.
   */
  private cameBack(person: PresentPerson): string | undefined {
    let clientId: number | undefined = this.leaving.has(person.clientId) ? person.clientId : undefined;
    for (const [id, gone] of this.leaving) if (clientId === undefined && gone.name === person.name) clientId = id;
    const gone = clientId === undefined ? undefined : this.leaving.get(clientId);
    if (clientId === undefined || gone === undefined) return undefined;
    clearTimeout(gone.timer);
    this.leaving.delete(clientId);
    return gone.name;
  }

  private announceLeft(clientId: number): void {
    const gone = this.leaving.get(clientId);
    if (!gone) return;
    this.leaving.delete(clientId);
    this.publish(this.readPeople(), strings.presence.left(gone.name));
  }

  /** The name a person has on any of their cursors in a read; undefined if they have none there. */
  private nameOfPerson(
    person: string | undefined,
    persons: ReadonlyMap<number, string>,
    names: ReadonlyMap<number, string>,
  ): string | undefined {
    if (person === undefined) return undefined;
    for (const [clientId, other] of persons) if (other === person) return names.get(clientId);
    return undefined;
  }

  private readPeople(): PeopleRead {
    const { awareness } = this.provider;
    const byPerson = new Map<string, PresentPerson>();
    const names = new Map<number, string>();
    const personOf = new Map<number, string>();
    for (const [clientId, state] of awareness.getStates()) {
      const user = readUser(state);
      if (user === null) continue;
      names.set(clientId, user.name);
      const person = user.id ?? `cursor:${clientId}`;
      personOf.set(clientId, person);
      const isSelf = clientId === awareness.clientID;
      // A person with two tabs (or a phone and a laptop) is listed once; as "you" if one is this tab.
      const listed = byPerson.get(person);
      if (listed === undefined || isSelf) {
        byPerson.set(person, {
          clientId,
          name: user.name,
          color: user.color,
          isSelf: isSelf || listed?.isSelf === true,
        });
      }
    }
    const people = [...byPerson.values()];
    people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
    return { people, names, personOf };
  }

  private publish(current: PeopleRead, announcementText: string | null): void {
    this.namesByClient = current.names;
    this.personByClient = current.personOf;
    const announcement =
      announcementText === null ? this.snapshot.announcement : { id: ++this.announcementId, text: announcementText };
    this.snapshot = { people: current.people, announcement };
    for (const listener of this.listeners) listener();
  }
}
