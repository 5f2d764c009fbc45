import { AUTHORS_FIELD, COMMENTS_FIELD } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import { type ScannedStruct, scanUpdate, type UpdateVisitor } from './updateShape';

/** The maps no update may change freely: comments (judged per entry) and authors (server only). */
export const GUARDED_FIELDS = [COMMENTS_FIELD, AUTHORS_FIELD] as const;

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its share map with any.
type GuardedType = Y.AbstractType<any>;

const GUARDED_NAMES = GUARDED_FIELDS.map((name) => new TextEncoder().encode(name));

/** What one update would reach in a document, read from its bytes before Yjs applies it. */
export interface UpdateReach {
  /** It adds, overwrites or deletes something inside the comments or authors map. */
  touchesGuarded: boolean;
  /**
   * It refers to operations the document does not have and the update does not bring (a gap):
   * Yjs would hold it back, unjudged, until they came.
   */
  waitsForMissing: boolean;
  /** Client ids of which it brings items the document does not have yet. */
  newClients: number[];
  /**
   * Every struct it brings starts where the document's clock for that client ends, with no skips:
   * applying it adds exactly these structs, so the bytes as received are the update to store and
   * forward (Yjs need not encode it again).
   */
  bringsOnlyNew: boolean;
  /** Per client, the clock just after the last struct it brings. */
  ends: Map<number, number>;
}

/**
 * Clocks of updates accepted but not applied yet (see DocRoom's batch), per client: the update
 * after them counts them as present. They never reach a guarded map (such updates are not batched).
 */
export type QueuedClocks = ReadonlyMap<number, number>;

/**
 * Scans `update` once (see `scanUpdate`: it throws a ProtocolError for anything malformed or
 * oversized) and tells what it reaches in `doc`. This replaces a full `Y.decodeUpdate` on every
 * incoming update: typing costs a walk over its bytes and a look-up of its origin.
 *
 * An item either names its parent or takes the parent of the item it is inserted next to (its
 * origin). So an update reaches into a guarded map exactly when one of its items names a guarded
 * map, or names or sits next to an item already inside one, or when it deletes such an item.
 * Neighbours inside the same update need no look-up: their own parent is checked the same way.
 */
export function reachOf(
  doc: Y.Doc,
  update: Uint8Array,
  maxEntries: number,
  queued: QueuedClocks = new Map(),
): UpdateReach {
  const walker = new ReachWalker(doc, update, queued);
  scanUpdate(update, maxEntries, walker);
  return walker.finish();
}

class ReachWalker implements UpdateVisitor {
  private touchesGuarded = false;
  private waitsForMissing = false;
  private bringsOnlyNew = true;
  private structs = 0;
  private newClients: Set<number> | undefined;
  /** Per client, the clock ranges this update brings (skips left out), as flat [start, end) pairs. */
  private readonly brought = new Map<number, number[]>();
  /** Ids referred to, as flat (client, clock) pairs, resolved once every struct is known. */
  private readonly references: number[] = [];
  /** Delete ranges, as flat (client, clock, length) triples. */
  private readonly deletions: number[] = [];
  private client = -1;
  /** What the document has of the current client's clock (applied or queued), looked up once. */
  private presentOfClient = 0;
  /** How far the current client's clock is known, with this update's structs so far. */
  private known = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: Uint8Array,
    private readonly queued: QueuedClocks,
  ) {}

  /** The clock up to which `client`'s structs are present: applied, or queued to be. */
  private present(client: number): number {
    const applied = Y.getState(this.doc.store, client);
    const queued = this.queued.get(client);
    return queued !== undefined && queued > applied ? queued : applied;
  }

  struct(struct: ScannedStruct): void {
    const { client, clock, length } = struct;
    this.structs += 1;
    if (client !== this.client) {
      this.client = client;
      this.presentOfClient = this.present(client);
      this.known = this.presentOfClient;
      if (clock !== this.known) this.bringsOnlyNew = false;
    }
    if (struct.kind === 'skip') {
      this.bringsOnlyNew = false;
      return;
    }
    // A struct past what the document has, with nothing before it in this update: a gap.
    if (clock > this.known) this.waitsForMissing = true;
    else this.known = Math.max(this.known, clock + length);
    this.bring(client, clock, clock + length);
    if (struct.kind !== 'item') return;
    if (clock + length > this.presentOfClient) {
      this.newClients ??= new Set();
      this.newClients.add(client);
    }
    if (struct.originClient >= 0) this.references.push(struct.originClient, struct.originClock);
    if (struct.rightOriginClient >= 0) this.references.push(struct.rightOriginClient, struct.rightOriginClock);
    if (struct.parentClient >= 0) this.references.push(struct.parentClient, struct.parentClock);
    if (struct.parentNameStart >= 0 && this.namesGuardedMap(struct.parentNameStart, struct.parentNameEnd)) {
      this.touchesGuarded = true;
    }
  }

  deleteRange(client: number, clock: number, length: number): void {
    this.deletions.push(client, clock, length);
  }

  finish(): UpdateReach {
    const guarded = this.guardedTypes();
    const { store } = this.doc;
    for (let index = 0; index < this.references.length && !this.touchesGuarded; index += 2) {
      const client = this.references[index] as number;
      const clock = this.references[index + 1] as number;
      if (clock < Y.getState(store, client)) {
        if (guarded.size > 0 && isInside(structAt(store, client, clock), guarded)) this.touchesGuarded = true;
      } else if (clock >= this.present(client) && !this.brings(client, clock, clock + 1)) {
        this.waitsForMissing = true;
      }
    }
    for (let index = 0; index < this.deletions.length; index += 3) {
      const client = this.deletions[index] as number;
      const clock = this.deletions[index + 1] as number;
      const end = clock + (this.deletions[index + 2] as number);
      const applied = Y.getState(store, client);
      if (guarded.size > 0 && !this.touchesGuarded && clock < applied) {
        this.touchesGuarded = deletesInside(store, client, clock, Math.min(end, applied), guarded);
      }
      // Yjs keeps deletions of operations it has not seen, and applies them when those arrive.
      const present = this.present(client);
      if (end > present && !this.brings(client, Math.max(clock, present), end)) this.waitsForMissing = true;
    }
    const ends = new Map<number, number>();
    for (const [client, ranges] of this.brought) ends.set(client, ranges[ranges.length - 1] as number);
    return {
      touchesGuarded: this.touchesGuarded,
      waitsForMissing: this.waitsForMissing,
      // Without structs (a reply that the client has nothing new, a deletion) Yjs tells whether
      // anything changed at all.
      bringsOnlyNew: this.bringsOnlyNew && this.structs > 0 && !this.waitsForMissing,
      newClients: this.newClients ? [...this.newClients] : [],
      ends,
    };
  }

  private bring(client: number, start: number, end: number): void {
    const ranges = this.brought.get(client);
    if (!ranges) this.brought.set(client, [start, end]);
    else if (ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end;
    else ranges.push(start, end);
  }

  /** Whether this update brings every clock in [start, end) of `client`. */
  private brings(client: number, start: number, end: number): boolean {
    const ranges = this.brought.get(client);
    if (!ranges) return false;
    for (let index = 0; index < ranges.length; index += 2) {
      if ((ranges[index] as number) <= start && end <= (ranges[index + 1] as number)) return true;
    }
    return false;
  }

  private namesGuardedMap(start: number, end: number): boolean {
    return GUARDED_NAMES.some(
      (name) => name.length === end - start && name.every((byte, offset) => this.update[start + offset] === byte),
    );
  }

  private guardedTypes(): Set<GuardedType> {
    const types = new Set<GuardedType>();
    for (const name of GUARDED_FIELDS) {
      const type = this.doc.share.get(name);
      if (type) types.add(type);
    }
    return types;
  }
}

function structAt(store: Y.Doc['store'], client: number, clock: number): Y.AbstractStruct | undefined {
  const structs = store.clients.get(client);
  return structs?.[Y.findIndexSS(structs, clock)];
}

/** Whether a struct is an item inside one of `types`, at any depth. */
function isInside(struct: Y.AbstractStruct | undefined, types: Set<GuardedType>): boolean {
  if (!(struct instanceof Y.Item)) return false;
  let parent = struct.parent;
  while (parent instanceof Y.AbstractType) {
    if (types.has(parent)) return true;
    parent = parent._item?.parent ?? null;
  }
  return false;
}

/** Whether any item of `client` in [clock, end) lies inside one of `types`. */
function deletesInside(
  store: Y.Doc['store'],
  client: number,
  clock: number,
  end: number,
  types: Set<GuardedType>,
): boolean {
  const structs = store.clients.get(client);
  if (!structs) return false;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (!struct || struct.id.clock >= end) break;
    if (isInside(struct, types)) return true;
  }
  return false;
}
