import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionIdentity } from './Connection';

/** Cursors one connection may announce: a browser tab has one; a few allow for reloads in flight. */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;
/** Largest awareness state kept (a name, a colour, a selection: well under this). */
const MAX_STATE_CHARS = 8 * 1024;

/** What the room holds of awareness: the states, and the clock each was last set at. */
export interface KnownAwareness {
  getStates(): Map<number, unknown>;
  meta: Map<number, { clock: number }>;
}

/** A stamped awareness update, and the client ids it only renews (null when it changes anything). */
export interface StampedAwareness {
  update: Uint8Array;
  /**
   * Every entry is the 15-second "still here" of a state `known` holds as it is, at a newer clock.
   * A stock provider drops a connection that has heard nothing for 30 s, counting on its own
   * renewals coming back; the server sends those back, and no cursor move.
   */
  renewed: number[] | null;
}

/**
 * Rewrites an awareness update from a signed-in connection so that every state it carries names
 * the connection's real participant (`user.name`, `user.color`), and drops entries for client ids
 * that another connection already owns, so nobody can pose as, or erase, someone else's cursor.
 * Throws on a malformed update (the caller closes the connection).
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: ConnectionIdentity | null,
  /** Whether another connection owns `clientId`; `clock` is the clock this entry carries. */
  ownedByOthers: (clientId: number, clock: number) => boolean,
  ownClientIds: readonly number[],
  known: KnownAwareness,
): StampedAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new Error('awareness update lists too many clients');
  const entries: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(raw);
    if (ownedByOthers(clientId, clock) || raw.length > MAX_STATE_CHARS) continue;
    // A flood of made-up client ids would be sent to every newcomer: keep a connection to a few.
    const known = ownClientIds.includes(clientId) || entries.some((entry) => entry.clientId === clientId);
    if (!known && ownClientIds.length + entries.length >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) continue;
    entries.push({ clientId, clock, state: identity ? JSON.stringify(stamp(state, identity)) : raw });
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  const renews = entries.length > 0 && entries.every((entry) => renewsKnownState(entry, known));
  return { update: encoding.toUint8Array(encoder), renewed: renews ? entries.map((entry) => entry.clientId) : null };
}

function renewsKnownState(entry: { clientId: number; clock: number; state: string }, known: KnownAwareness): boolean {
  const current = known.getStates().get(entry.clientId);
  const clock = known.meta.get(entry.clientId)?.clock;
  return current !== undefined && clock !== undefined && entry.clock > clock && JSON.stringify(current) === entry.state;
}

function stamp(state: unknown, identity: ConnectionIdentity): unknown {
  // null means "this client left": nothing to stamp.
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const user = (state as { user?: unknown }).user;
  const claimed = user && typeof user === 'object' && !Array.isArray(user) ? user : {};
  return { ...state, user: { ...claimed, name: identity.name, color: identity.color, id: identity.participantId } };
}
