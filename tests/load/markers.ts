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

/** Calls `visit` for every well-formed marker found in `frame` from byte `from` on. */
export function forEachMarker(
  frame: Buffer,
  from: number,
  visit: (sender: number, seq: number, sentAtMs: number) => void,
): void {
  let at = frame.indexOf(PREFIX, from);
  while (at !== -1) {
    const end = frame.indexOf(TERMINATOR, at + PREFIX.length);
    if (end === -1) return;
    const [sender, seq, micros] = frame
      .toString('latin1', at + PREFIX.length, end)
      .split('.')
      .map(Number);
    if (sender !== undefined && seq !== undefined && micros !== undefined && Number.isFinite(micros)) {
      visit(sender, seq, micros / 1000);
    }
    at = frame.indexOf(PREFIX, end + 1);
  }
}
