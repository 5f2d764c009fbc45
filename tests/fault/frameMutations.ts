import * as encoding from 'lib0/encoding';
import { between, chance, pick, type Random, randomBytes } from '../support/seededRandom';

/** A way of turning real recorded frames into a hostile one. */
export interface FrameMutation {
  readonly name: string;
  /** Relative frequency among the mutations. */
  readonly weight: number;
  make(random: Random, corpus: readonly Uint8Array[]): Uint8Array;
}

const HUGE_LENGTHS = [2 ** 31 - 1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];

/**
 * The fuzz mix: real frames (so some get deep into the Yjs decoder), damaged real frames, and
 * frames that lie about their type or length.
 */
export const FRAME_MUTATIONS: readonly FrameMutation[] = [
  { name: 'replayed as recorded', weight: 1, make: (random, corpus) => pick(random, corpus) },
  {
    name: 'bit flips',
    weight: 5,
    make: (random, corpus) => {
      const frame = pick(random, corpus).slice();
      for (let flips = between(random, 1, 4); flips > 0; flips--) {
        const bit = between(random, 0, frame.length * 8 - 1);
        frame[bit >> 3] = (frame[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      }
      return frame;
    },
  },
  {
    name: 'truncated',
    weight: 3,
    make: (random, corpus) => {
      const frame = pick(random, corpus);
      return frame.slice(0, between(random, 0, frame.length - 1));
    },
  },
  {
    name: 'random bytes',
    weight: 1,
    make: (random) => randomBytes(random, chance(random, 0.9) ? between(random, 0, 64) : between(random, 65, 4_096)),
  },
  {
    name: 'unknown message type',
    weight: 1,
    make: (random, corpus) => replaceLeadingVarUint(pick(random, corpus), 0, between(random, 4, 2 ** 21)),
  },
  {
    name: 'unknown sync step',
    weight: 1,
    make: (random, corpus) => {
      const syncFrames = corpus.filter((frame) => frame[0] === 0);
      return replaceLeadingVarUint(pick(random, syncFrames), 1, between(random, 3, 2 ** 14));
    },
  },
  {
    name: 'length that claims far more than the frame holds',
    weight: 2,
    make: (random) => {
      const encoder = encoding.createEncoder();
      const huge = pick(random, HUGE_LENGTHS);
      const shape = between(random, 0, 4);
      if (shape === 0) {
        // A sync update (or step 1 / step 2) whose payload length is a lie.
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, between(random, 0, 2));
        encoding.writeVarUint(encoder, huge);
      } else if (shape === 1) {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint(encoder, huge);
      } else {
        // An honest envelope around a Yjs update, state vector or awareness update that claims
        // billions of entries.
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, huge);
        encoding.writeUint8Array(inner, randomBytes(random, between(random, 0, 24)));
        if (shape === 4) {
          encoding.writeVarUint(encoder, 1);
        } else {
          encoding.writeVarUint(encoder, 0);
          encoding.writeVarUint(encoder, shape === 2 ? 2 : 0);
        }
        encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
        return encoding.toUint8Array(encoder);
      }
      encoding.writeUint8Array(encoder, randomBytes(random, between(random, 0, 16)));
      return encoding.toUint8Array(encoder);
    },
  },
  {
    name: 'spliced',
    weight: 1,
    make: (random, corpus) => {
      const head = pick(random, corpus);
      const tail = pick(random, corpus);
      const cut = between(random, 0, head.length);
      const joined = new Uint8Array(cut + tail.length);
      joined.set(head.subarray(0, cut));
      joined.set(tail, cut);
      return joined;
    },
  },
];

/** Picks a mutation by weight and makes one frame with it. */
export function mutateFrame(random: Random, corpus: readonly Uint8Array[]): { mutation: string; frame: Uint8Array } {
  const total = FRAME_MUTATIONS.reduce((sum, mutation) => sum + mutation.weight, 0);
  let roll = random.next() * total;
  for (const mutation of FRAME_MUTATIONS) {
    roll -= mutation.weight;
    if (roll < 0) return { mutation: mutation.name, frame: mutation.make(random, corpus) };
  }
  const last = FRAME_MUTATIONS.at(-1) as FrameMutation;
  return { mutation: last.name, frame: last.make(random, corpus) };
}

/** Replaces the `index`-th leading varint of `frame` (0: message type, 1: sync step) by `value`. */
function replaceLeadingVarUint(frame: Uint8Array, index: number, value: number): Uint8Array {
  let start = 0;
  for (let skipped = 0; skipped < index; skipped++) start = endOfVarUint(frame, start);
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, frame.subarray(0, start));
  encoding.writeVarUint(encoder, value);
  encoding.writeUint8Array(encoder, frame.subarray(endOfVarUint(frame, start)));
  return encoding.toUint8Array(encoder);
}

function endOfVarUint(frame: Uint8Array, start: number): number {
  let position = start;
  while (position < frame.length && (frame[position] ?? 0) >= 0x80) position++;
  return Math.min(position + 1, frame.length);
}

/** Hex of the first bytes of a frame, to name it in a failure message. */
export function describeFrame(frame: Uint8Array): string {
  const hex = Buffer.from(frame.subarray(0, 48)).toString('hex');
  return `${frame.length} bytes: ${hex}${frame.length > 48 ? '…' : ''}`;
}
