import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionIdentity } from './Connection';

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
    if (ownedByOthers(clientId)) continue;
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
