/**
 * Edit markers: every benchmark edit inserts `#b<sender>.<seq>.<sentAtMicros>;` as text, so a
 * receiver finds who sent it and when by scanning the raw frame, without applying the update.
 * Yjs writes inserted strings as UTF-8 verbatim, and each marker is inserted in one piece at the
 * end of its author's own paragraph, so no server-side merge or re-encode can split it.
 */

const PREFIX = Buffer.from('#b', 'latin1');
const TERMINATOR = 0x3b; // ';'

let lastParticipantId = 0;

/** A process-wide unique number for a benchmark participant (a sender or a receiver). */
export function nextParticipantId(): number {
  lastParticipantId += 1;
  return lastParticipantId;
}

/** The marker text for edit `seq` of `sender`, stamped with the current time. */
export function markerText(sender: number, seq: number): string {
  return `#b${sender}.${seq}.${Math.round(performance.now() * 1000)};`;
}

/**
 * Calls `visit` for every well-formed marker found in `frame` from byte `from` on. The bytes "#b"
 * also turn up by chance in binary parts of a frame (a random Yjs client id, a clock): such a hit
 * is skipped byte by byte, so it can never swallow a real marker that follows it.
 */
export function forEachMarker(
  frame: Buffer,
  from: number,
  visit: (sender: number, seq: number, sentAtMs: number) => void,
): void {
  let at = frame.indexOf(PREFIX, from);
  while (at !== -1) {
    const end = readMarker(frame, at + PREFIX.length, parsed);
    if (end === -1) {
      at = frame.indexOf(PREFIX, at + 1);
      continue;
    }
    visit(parsed[0], parsed[1], parsed[2] / 1000);
    at = frame.indexOf(PREFIX, end + 1);
  }
}

const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
/** Scratch for readMarker: sender, seq, microseconds. */
const parsed: [number, number, number] = [0, 0, 0];

/**
 * Reads `<digits>.<digits>.<digits>;` at `start` into `into`; returns the index of the `;`, or -1
 * when the bytes there are anything else.
 */
function readMarker(frame: Buffer, start: number, into: [number, number, number]): number {
  let at = start;
  for (let field = 0; field < 3; field += 1) {
    let value = 0;
    const digitsFrom = at;
    while (at < frame.length && (frame[at] as number) >= ZERO && (frame[at] as number) <= NINE) {
      value = value * 10 + ((frame[at] as number) - ZERO);
      at += 1;
    }
    if (at === digitsFrom || at >= frame.length) return -1;
    into[field] = value;
    const separator = field < 2 ? DOT : TERMINATOR;
    if (frame[at] !== separator) return -1;
    if (field < 2) at += 1;
  }
  return at;
}
