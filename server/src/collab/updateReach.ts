import { AUTHORS_FIELD, COMMENTS_FIELD, ENDORSEMENTS_FIELD, POSITIONS_FIELD } from '@plenary/shared/protocol';
import * as Y from 'yjs';
import { ProtocolError } from './ProtocolError';
import { type ScannedStruct, scanUpdate, type UpdateVisitor } from './updateShape';

/**
 * The maps no update may change freely: comments and reactions (judged per entry: each under its
 * writer's own key) and authors (server only).
 */
export const GUARDED_FIELDS = [COMMENTS_FIELD, AUTHORS_FIELD, ENDORSEMENTS_FIELD, POSITIONS_FIELD] as const;

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its share map with any.
type GuardedType = Y.AbstractType<any>;

const GUARDED_NAMES = GUARDED_FIELDS.map((name) => new TextEncoder().encode(name));

/** What one update would reach in a document, read from its bytes before Yjs applies it. */
export interface UpdateReach {
  /** It adds, overwrites or deletes something inside the comments, reactions or authors maps. */
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
  /**
   * Whether an item longer than one sits in a map could not be told (the queued update holding its
   * neighbour could not say): apply what is queued first, then ask again.
   */
  undecided: boolean;
  /**
   * Whether this update's item holding `client`'s `clock` sits in a map; undefined when the update
   * has no such item. What a later update of the same turn asks through QueuedTurn.
   */
  mapEntryAt(client: number, clock: number): boolean | null | undefined;
}

/**
 * Updates accepted but not applied yet (DocRoom's batch), as the next update of the turn sees
 * them: they count as present, and they say whether an item of theirs sits in a map. They never
 * reach a guarded map (such updates are not batched).
 */
export interface QueuedTurn {
  /** The clock after the last queued struct of `client`, if any. */
  queuedClockOf(client: number): number | undefined;
  /** Whether the queued item holding `client`'s `clock` sits in a map (see UpdateReach.mapEntryAt). */
  queuedMapEntryAt(client: number, clock: number): boolean | null;
}

const NOTHING_QUEUED: QueuedTurn = {
  queuedClockOf: () => undefined,
  queuedMapEntryAt: () => null,
};

/**
 * Scans `update` once (see `scanUpdate`: it throws a ProtocolError for anything malformed or
 * oversized) and tells what it reaches in `doc`. This replaces a full `Y.decodeUpdate` on every
 * incoming update: typing costs a walk over its bytes and a look-up of its origin.
 *
 * An item either names its parent or takes the parent of the item it is inserted next to (its
 * origin). So an update reaches into a guarded map exactly when one of its items names a guarded
 * map, or names or sits next to an item already inside one, or when it deletes such an item.
 * Neighbours inside the same update need no look-up: their own parent is checked the same way.
 *
 * It also refuses (ProtocolError) what Yjs would accept from the bytes and then fail on, given
 * this document: operations that wait for one another in a cycle (Yjs holds them back for ever)
 * and a map entry longer than one value (splitting it and deleting its map throws inside Yjs's
 * transaction clean-up, after which the document never reports an update again). No Yjs client
 * writes either.
 */
export function reachOf(
  doc: Y.Doc,
  update: Uint8Array,
  maxEntries: number,
  queued: QueuedTurn = NOTHING_QUEUED,
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
  /** Every struct of the update as RECORD numbers (see record), in order: one section per client. */
  private readonly records: number[] = [];
  /** Per client, where its records start and end in `records`. */
  private readonly sections = new Map<number, { start: number; end: number }>();
  private undecided = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: Uint8Array,
    private readonly queued: QueuedTurn,
  ) {}

  /** The clock up to which `client`'s structs are present: applied, or queued to be. */
  private present(client: number): number {
    const applied = Y.getState(this.doc.store, client);
    const queued = this.queued.queuedClockOf(client);
    return queued !== undefined && queued > applied ? queued : applied;
  }

  struct(struct: ScannedStruct): void {
    const { client, clock, length } = struct;
    this.structs += 1;
    this.record(struct);
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
    // An update that waits for missing operations is not applied at all (see DocRoom.refuseGapped).
    if (!this.waitsForMissing) {
      if (this.sections.size > 1 && this.waitsOnItself()) {
        throw new ProtocolError("an update's operations wait for one another in a cycle");
      }
      this.refuseLongMapEntries();
    }
    const ends = new Map<number, number>();
    for (const [client, ranges] of this.brought) ends.set(client, ranges[ranges.length - 1] as number);
    return {
      undecided: this.undecided,
      mapEntryAt: (client, clock) => this.mapEntryAt(client, clock),
      touchesGuarded: this.touchesGuarded,
      waitsForMissing: this.waitsForMissing,
      // Without structs (a reply that the client has nothing new, a deletion) Yjs tells whether
      // anything changed at all.
      bringsOnlyNew: this.bringsOnlyNew && this.structs > 0 && !this.waitsForMissing,
      newClients: this.newClients ? [...this.newClients] : [],
      ends,
    };
  }

  /** Keeps a struct's fields for the checks that need the whole update (cycles, map entries). */
  private record(struct: ScannedStruct): void {
    const index = this.records.length;
    const section = this.sections.get(struct.client);
    if (section) section.end = index + RECORD;
    else this.sections.set(struct.client, { start: index, end: index + RECORD });
    const flags =
      (struct.kind === 'item' ? IS_ITEM : 0) | (struct.mapKey ? MAP_KEY : 0) | (struct.deletedContent ? DELETED : 0);
    this.records.push(
      struct.client,
      struct.clock,
      struct.length,
      flags,
      struct.originClient,
      struct.originClock,
      struct.rightOriginClient,
      struct.rightOriginClock,
      struct.parentClient,
      struct.parentClock,
    );
  }

  /**
   * Refuses a live item longer than one inside a map. Yjs writes a map entry as one value; a longer
   * one can be split (by a deletion or an item placed inside it), and deleting its map then throws
   * in Yjs's clean-up. An item is in a map when it names a key, or takes its place from its left
   * neighbour (else its right one) and that one is.
   */
  private refuseLongMapEntries(): void {
    const r = this.records;
    for (let index = 0; index < r.length; index += RECORD) {
      const flags = r[index + 3] as number;
      if (!(flags & IS_ITEM) || flags & DELETED || (r[index + 2] as number) <= 1) continue;
      const client = r[index] as number;
      const end = (r[index + 1] as number) + (r[index + 2] as number);
      // What Yjs integrates of it: the part the document (with this turn) lacks. A long entry that
      // this update also deletes whole cannot leave a live half (an undo manager or a document
      // without garbage collection keeps such deleted values, merged into one item).
      const from = Math.max(r[index + 1] as number, this.present(client));
      if (from >= end || this.deletesWhole(client, from, end)) continue;
      this.mapAnswers ??= new Map();
      const inMap = this.isInMap(index, this.mapAnswers);
      if (inMap === null) this.undecided = true;
      else if (inMap) throw new ProtocolError('an update carries a map entry longer than one value');
    }
  }

  /**
   * Whether the item at `index` sits in a map; null when that depends on updates not applied yet.
   * Follows neighbours inside this update, remembering each answer in `known` so that a long run of
   * items is walked once. Run only for updates that wait for nothing and hold no cycle.
   */
  private isInMap(index: number, known: Map<number, boolean | null>): boolean | null {
    const { store } = this.doc;
    const path: number[] = [];
    let answer: boolean | null = false;
    let at = index;
    const r = this.records;
    // Each step goes to an item Yjs integrates before this one (no cycles and nothing missing by
    // now), so the walk ends; the bound only guards that reasoning.
    for (let steps = 0; steps <= r.length / RECORD; steps++) {
      const remembered = known.get(at);
      if (remembered !== undefined) {
        answer = remembered;
        break;
      }
      path.push(at);
      const flags = r[at + 3] as number;
      if (!(flags & IS_ITEM) || flags & MAP_KEY) {
        answer = (flags & IS_ITEM) !== 0;
        break;
      }
      const hasOrigin = (r[at + 4] as number) >= 0;
      const client = (hasOrigin ? r[at + 4] : r[at + 6]) as number;
      const clock = (hasOrigin ? r[at + 5] : r[at + 7]) as number;
      // Without neighbours it names its parent and no key: a list's item.
      if (client < 0) break;
      if (clock < Y.getState(store, client)) {
        const neighbour = structAt(store, client, clock);
        answer = neighbour instanceof Y.Item && neighbour.parentSub !== null;
        break;
      }
      // Queued this turn: integrated before this update, whatever copy of it this update carries.
      if (clock < this.present(client)) {
        answer = this.queued.queuedMapEntryAt(client, clock);
        break;
      }
      const next = this.recordAt(client, clock);
      // Missing: refused as a gap before this runs.
      if (next < 0) break;
      at = next;
    }
    for (const step of path) known.set(step, answer);
    return answer;
  }

  /** The delete set by client, in clock order, once a long item needs it (see deletesWhole). */
  private deletedByClient: Map<number, Array<[number, number]>> | undefined;
  /** Whether each record's item sits in a map, as far as asked (see isInMap). */
  private mapAnswers: Map<number, boolean | null> | undefined;

  private mapEntryAt(client: number, clock: number): boolean | null | undefined {
    const index = this.recordAt(client, clock);
    if (index < 0) return undefined;
    this.mapAnswers ??= new Map();
    return this.isInMap(index, this.mapAnswers);
  }

  /** Whether this update's delete set covers every clock in [start, end) of `client`. */
  private deletesWhole(client: number, start: number, end: number): boolean {
    if (!this.deletedByClient) {
      // Built once, on the first long item: the delete set by client, in clock order.
      this.deletedByClient = new Map();
      for (let index = 0; index < this.deletions.length; index += 3) {
        const owner = this.deletions[index] as number;
        const clock = this.deletions[index + 1] as number;
        const list = this.deletedByClient.get(owner) ?? [];
        list.push([clock, clock + (this.deletions[index + 2] as number)]);
        this.deletedByClient.set(owner, list);
      }
      for (const [owner, list] of this.deletedByClient) this.deletedByClient.set(owner, mergeRanges(list));
    }
    const ranges = this.deletedByClient.get(client) ?? [];
    // Disjoint and in order: only the last range starting at or before `start` can cover it.
    let low = 0;
    let high = ranges.length - 1;
    let candidate: [number, number] | undefined;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const range = ranges[middle] as [number, number];
      if (range[0] <= start) {
        candidate = range;
        low = middle + 1;
      } else high = middle - 1;
    }
    return candidate !== undefined && candidate[1] >= end;
  }

  /** The index of the record of this update holding `client`'s `clock`, or -1 (binary search). */
  private recordAt(client: number, clock: number): number {
    const section = this.sections.get(client);
    if (!section) return -1;
    let low = section.start / RECORD;
    let high = section.end / RECORD - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = this.records[middle * RECORD + 1] as number;
      if (clock < start) high = middle - 1;
      else if (clock >= start + (this.records[middle * RECORD + 2] as number)) low = middle + 1;
      else return middle * RECORD;
    }
    return -1;
  }

  /**
   * Whether some of the update's structs can never be integrated because each waits, through its
   * origins or parent, for another of them: Yjs's own order of integration (a stack of clients
   * waiting for one another), run over the records, with the clocks it would have reached.
   */
  private waitsOnItself(): boolean {
    const reached = new Map<number, number>();
    const next = new Map<number, number>();
    for (const [client, { start }] of this.sections) next.set(client, start);
    // As Yjs's store: what the document has, raised by what the update integrates (never lowered by
    // a struct it repeats).
    const upTo = (client: number) => Math.max(reached.get(client) ?? 0, this.present(client));
    const blockerOf = (index: number): number => {
      const r = this.records;
      const own = r[index] as number;
      for (let ref = index + 4; ref < index + RECORD; ref += 2) {
        const client = r[ref] as number;
        if (client >= 0 && client !== own && (r[ref + 1] as number) >= upTo(client)) return client;
      }
      return -1;
    };
    // Each step integrates a record, waits on a new client or resumes one: far fewer than this. The
    // bound keeps a mistake in that reasoning from hanging the server; past it, the update is refused.
    let budget = 4 * (this.records.length / RECORD + this.sections.size) + 16;
    for (const first of this.sections.keys()) {
      const waiting: number[] = [];
      const isWaiting = new Set<number>();
      let current: number | undefined = first;
      while (current !== undefined) {
        if (--budget < 0) return true;
        const index = next.get(current) as number;
        const section = this.sections.get(current);
        if (!section || index >= section.end) {
          current = waiting.pop();
          if (current !== undefined) isWaiting.delete(current);
          continue;
        }
        const blocker = blockerOf(index);
        if (blocker < 0) {
          const end = (this.records[index + 1] as number) + (this.records[index + 2] as number);
          if (end > (reached.get(current) ?? 0)) reached.set(current, end);
          next.set(current, index + RECORD);
          const resumed = waiting.pop();
          if (resumed !== undefined) {
            isWaiting.delete(resumed);
            current = resumed;
          }
          continue;
        }
        // Waiting for a client that is waiting already: a cycle. Waiting for one with nothing left
        // to give: what it waits for never comes (refused as a gap before this runs; kept so the
        // loop always ends).
        const blockerSection = this.sections.get(blocker);
        if (blocker === current || isWaiting.has(blocker) || !blockerSection) return true;
        if ((next.get(blocker) as number) >= blockerSection.end) return true;
        waiting.push(current);
        isWaiting.add(current);
        current = blocker;
      }
    }
    return false;
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
    // Ranges are in clock order (one section per client, structs in order): the last one starting
    // at or before `start` is the only one that can hold it.
    let low = 0;
    let high = ranges.length / 2 - 1;
    let candidate = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((ranges[middle * 2] as number) <= start) {
        candidate = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return candidate >= 0 && end <= (ranges[candidate * 2 + 1] as number);
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

/** [start, end) ranges sorted and merged where they overlap or touch. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Numbers per record: client, clock, length, flags, then origin, right origin and parent ids. */
const RECORD = 10;
const IS_ITEM = 1;
const MAP_KEY = 2;
const DELETED = 4;

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
