import { describe, expect, it } from 'vitest';
import { forEachMarker, markerText } from './markers';

function found(frame: Buffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachMarker(frame, 0, (sender, seq) => out.push([sender, seq]));
  return out;
}

describe('forEachMarker', () => {
  it('finds every marker in a frame, between binary bytes', () => {
    const frame = Buffer.concat([
      Buffer.from([0, 1, 0x85, 0x3b]),
      Buffer.from(markerText(17, 3), 'latin1'),
      Buffer.from([7, 0x2e]),
      Buffer.from(markerText(4, 200), 'latin1'),
    ]);
    expect(found(frame)).toEqual([
      [17, 3],
      [4, 200],
    ]);
  });

  it('is not thrown off by the bytes "#b" appearing by chance before a marker (a client id, a clock)', () => {
    // 0x23 0x62 is "#b": here it is the tail of a varint, followed by binary and then a real marker.
    const frame = Buffer.concat([
      Buffer.from([0x01, 0x23, 0x62, 0x9f, 0x2e, 0x00]),
      Buffer.from(markerText(3770, 200), 'latin1'),
    ]);
    expect(found(frame)).toEqual([[3770, 200]]);
  });
});
