import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionIdentity } from './Connection';

/** Cursors one connection may announce: a browser tab has one; a few allow for reloads in flight. */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;
/** Largest awareness state kept (a name, a colour, a selection: well under this). */
const MAX_STATE_CHARS = 8 * 1024;

/**
 * Rewrites an awareness update from a signed-in connection so that every state it carries names
 * the connection's real participant (`user.name`, `user.color`), and drops entries for client ids
 * that another connection already owns, so nobody can pose as, or erase, someone else's cursor.
 * Throws on a malformed update (the caller closes the connection).
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: ConnectionIdentity | null,
  ownedByOthers: (clientId: number) => boolean,
  ownClientIds: readonly number[] = [],
): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new Error('awareness update lists too many clients');
  const entries: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(raw);
    if (ownedByOthers(clientId) || raw.length > MAX_STATE_CHARS) continue;
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
  return encoding.toUint8Array(encoder);
}

function stamp(state: unknown, identity: ConnectionIdentity): unknown {
  // null means "this client left": nothing to stamp.
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const user = (state as { user?: unknown }).user;
  const claimed = user && typeof user === 'object' && !Array.isArray(user) ? user : {};
  return { ...state, user: { ...claimed, name: identity.name, color: identity.color, id: identity.participantId } };
}

/**
 * The client ids of an awareness update that only renews states (each as `awareness` holds it
 * now: the 15-second "still here" every provider sends), or null when it changes anything. A
 * stock provider drops a connection that has heard nothing for 30 s, counting on its own renewals
 * coming back; the server sends those back, and no cursor move.
 */
export function renewedClients(update: Uint8Array, awareness: { getStates(): Map<number, unknown> }): number[] | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const clients: number[] = [];
  const states = awareness.getStates();
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    const current = states.get(clientId);
    if (current === undefined || state === 'null' || JSON.stringify(current) !== state) return null;
    clients.push(clientId);
  }
  return clients.length > 0 ? clients : null;
}
