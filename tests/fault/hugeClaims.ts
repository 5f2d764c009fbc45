import * as encoding from 'lib0/encoding';
import { between, pick, type Random, randomBytes } from '../support/seededRandom';

/**
 * Frames whose counts and lengths lie: a Yjs update that claims billions of structs or delete
 * ranges, a state vector or awareness update that claims billions of clients, strings and
 * content that claim gigabytes, and varints too long for any integer. Each is small on the wire;
 * a decoder that trusts the claim (allocating, or looping until the claim is met) hangs or runs
 * out of memory. These are the frames the reference server's history of crashes is made of.
 */

/**
 * Counts a hostile client might claim: billions (around 2^31, 2^32, 2^53), and tens of millions,
 * just under the length up to which V8 allocates a `new Array(n)` in full.
 */
export const HUGE_COUNTS: readonly number[] = [
  1_000_000,
  25_000_000,
  32_000_000,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  3_000_000_000,
  Number.MAX_SAFE_INTEGER,
];

/** y-protocols message and sync types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Yjs v1 struct info bytes: GC, a string item, an "any" item, and a skip. */
const INFO_GC = 0;
const INFO_STRING = 4;
const INFO_ANY = 8;
const INFO_SKIP = 10;

export interface HugeClaim {
  readonly name: string;
  /** A frame carrying the lie `count`; the bytes around it come from `random`. */
  make(random: Random, count: number): Uint8Array;
}

/** Wraps a Yjs update into a sync update, or a sync step 2, as a client would send it. */
function syncFrame(random: Random, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, pick(random, [SYNC_STEP_2, SYNC_UPDATE]));
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function bytes(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A plausible Yjs client id (random 32-bit, as Yjs picks them). */
function clientId(random: Random): number {
  return between(random, 1, 2 ** 31 - 1);
}

export const HUGE_CLAIMS: readonly HugeClaim[] = [
  {
    name: 'update claiming billions of clients',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, count);
          encoding.writeUint8Array(e, randomBytes(random, between(random, 0, 32)));
        }),
      ),
  },
  {
    name: 'update claiming billions of structs, then real ones until the frame ends',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, count);
          encoding.writeVarUint(e, clientId(random));
          encoding.writeVarUint(e, 0);
          // Well-formed structs, so the decoder keeps going as long as the bytes last.
          for (let i = between(random, 1, 2_000); i > 0; i--) {
            encoding.writeUint8(e, pick(random, [INFO_GC, INFO_SKIP]));
            encoding.writeVarUint(e, between(random, 0, 3));
          }
        }),
      ),
  },
  {
    name: 'update with structs of astronomic length',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          const structs = between(random, 1, 8);
          encoding.writeVarUint(e, structs);
          encoding.writeVarUint(e, clientId(random));
          encoding.writeVarUint(e, pick(random, [0, 1, 2 ** 40]));
          for (let i = 0; i < structs; i++) {
            encoding.writeUint8(e, pick(random, [INFO_GC, INFO_SKIP]));
            encoding.writeVarUint(e, count);
          }
          // An empty delete set, so the update is complete and will be integrated.
          encoding.writeVarUint(e, 0);
        }),
      ),
  },
  {
    name: 'item whose string claims gigabytes',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, clientId(random));
          encoding.writeVarUint(e, 0);
          encoding.writeUint8(e, INFO_STRING);
          // Parent: the root type named "default".
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, 'default');
          encoding.writeVarUint(e, count);
          encoding.writeUint8Array(e, randomBytes(random, between(random, 0, 64)));
        }),
      ),
  },
  {
    name: 'item whose "any" content claims billions of values',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, clientId(random));
          encoding.writeVarUint(e, 0);
          encoding.writeUint8(e, INFO_ANY);
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, pick(random, ['default', 'endorsements', 'x']));
          encoding.writeVarUint(e, count);
          // "undefined" values (type 127), one byte each, for as long as the frame lasts.
          encoding.writeUint8Array(e, new Uint8Array(between(random, 0, 4_000)).fill(127));
        }),
      ),
  },
  {
    name: 'delete set claiming billions of ranges',
    make: (random, count) =>
      syncFrame(
        random,
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, clientId(random));
          encoding.writeVarUint(e, count);
          for (let i = between(random, 0, 2_000); i > 0; i--) {
            encoding.writeVarUint(e, between(random, 0, 2 ** 20));
            encoding.writeVarUint(e, pick(random, [1, 2 ** 30, ...HUGE_COUNTS]));
          }
        }),
      ),
  },
  {
    name: 'state vector claiming billions of clients',
    make: (random, count) =>
      bytes((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, SYNC_STEP_1);
        encoding.writeVarUint8Array(
          e,
          bytes((sv) => {
            encoding.writeVarUint(sv, count);
            for (let i = between(random, 0, 500); i > 0; i--) {
              encoding.writeVarUint(sv, clientId(random));
              encoding.writeVarUint(sv, pick(random, [0, 1, ...HUGE_COUNTS]));
            }
          }),
        );
      }),
  },
  {
    name: 'awareness update claiming billions of clients',
    make: (random, count) =>
      bytes((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          e,
          bytes((a) => {
            encoding.writeVarUint(a, count);
            for (let i = between(random, 0, 50); i > 0; i--) {
              encoding.writeVarUint(a, clientId(random));
              encoding.writeVarUint(a, between(random, 0, 10));
              encoding.writeVarString(a, '{"cursor":null}');
            }
          }),
        );
      }),
  },
  {
    name: 'awareness state claiming a gigabyte of JSON',
    make: (random, count) =>
      bytes((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          e,
          bytes((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, clientId(random));
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, count);
            encoding.writeUint8Array(a, new TextEncoder().encode('{"user":{"name":"'));
          }),
        );
      }),
  },
  {
    name: 'varint longer than any integer',
    make: (random) => {
      // Continuation bits on every byte: a varint that never ends, or ends past 2^53.
      const length = between(random, 9, 64);
      const frame = new Uint8Array(length).fill(0xff);
      if (between(random, 0, 1) === 1) frame[length - 1] = 0x7f;
      const prefix = pick(random, [[], [MESSAGE_SYNC], [MESSAGE_SYNC, SYNC_UPDATE], [MESSAGE_AWARENESS]]);
      return Uint8Array.from([...prefix, ...frame]);
    },
  },
];

/** One crafted frame; `name` says which kind, for a failure message. */
export function hugeClaimFrame(random: Random): { mutation: string; frame: Uint8Array } {
  const claim = pick(random, HUGE_CLAIMS);
  const count = pick(random, HUGE_COUNTS);
  return { mutation: `${claim.name} (${count})`, frame: claim.make(random, count) };
}
