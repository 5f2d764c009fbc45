import { CloseCode } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProtocolError } from './ProtocolError';
import { MAX_VALUE_DEPTH, scanUpdate } from './updateShape';

/** What Yjs itself finds in the update: the figures the scan must agree with. */
function decodedShape(update: Uint8Array) {
  const { structs, ds } = Y.decodeUpdate(update);
  let deleteRanges = 0;
  for (const ranges of ds.clients.values()) deleteRanges += ranges.length;
  return { structs: structs.length, deleteRanges };
}

function refusal(run: () => unknown): ProtocolError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('the update was accepted');
}

/** A document touching every kind of struct and content a Plenary client can produce, and more. */
function everyKindOfContent(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('prosemirror');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('dir', 'auto');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(0, [paragraph]);
  text.insert(0, 'صوبائی پولیس needs a desk 🚓', { bold: true });
  text.format(2, 5, { italic: true });
  text.insertEmbed(3, { image: 'x.png' });
  text.delete(1, 3);
  const map = doc.getMap('reactions');
  map.set('numbers', [1, -2, 3.5, 2 ** 40, Number.NaN]);
  map.set('nested', { audiences: ['Judiciary'], at: null, ok: true, no: false, none: undefined });
  map.set('big', 12_345_678_901_234_567_890n);
  map.set('bytes', new Uint8Array([1, 2, 3]));
  map.set('child', new Y.Map());
  map.set('hook', new Y.XmlHook('hook'));
  map.delete('bytes');
  const array = doc.getArray('order');
  array.insert(0, ['a', 'b', 'c']);
  array.delete(1, 1);
  doc.getText('plain').insert(0, 'x');
  return doc;
}

describe('scanUpdate', () => {
  it('counts the same structs and delete ranges as Yjs in every kind of content', () => {
    const update = Y.encodeStateAsUpdate(everyKindOfContent());
    const shape = scanUpdate(update, Number.POSITIVE_INFINITY);
    expect(shape).toEqual(decodedShape(update));
    expect(shape.structs).toBeGreaterThan(10);
    expect(shape.deleteRanges).toBeGreaterThan(0);
  });

  it('agrees with Yjs on merged updates with skipped ranges and on seeded random edits', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    for (let step = 0; step < 500; step++) {
      if (text.length > 0 && random() < 0.3) text.delete(Math.floor(random() * text.length), 1);
      else text.insert(Math.floor(random() * (text.length + 1)), random() < 0.5 ? 'ab' : 'ک');
    }
    // Every other update, merged: the gaps become skip structs.
    const gapped = Y.mergeUpdates(updates.filter((_, index) => index % 2 === 0));
    for (const update of [...updates, Y.encodeStateAsUpdate(doc), gapped]) {
      expect(scanUpdate(update, Number.POSITIVE_INFINITY)).toEqual(decodedShape(update));
    }
  });

  it('refuses more structs and deletions than allowed with "message too big", before decoding them', () => {
    const doc = new Y.Doc();
    for (let index = 0; index < 20; index++) doc.getText('t').insert(0, `${index}`);
    const update = Y.encodeStateAsUpdate(doc);
    expect(scanUpdate(update, 20).structs).toBe(20);
    expect(refusal(() => scanUpdate(update, 19)).closeCode).toBe(CloseCode.MessageTooBig);

    // A header claiming four billion structs is refused from its first bytes.
    const claim = encoding.createEncoder();
    encoding.writeVarUint(claim, 1);
    encoding.writeVarUint(claim, 4_000_000_000);
    expect(refusal(() => scanUpdate(encoding.toUint8Array(claim), 100_000)).closeCode).toBe(CloseCode.MessageTooBig);
  });

  it('refuses an item of length zero, which would make deleting the text around it throw on every client', () => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1); // one client
    encoding.writeVarUint(update, 1); // one struct
    encoding.writeVarUint(update, 42); // client id
    encoding.writeVarUint(update, 0); // clock
    encoding.writeUint8(update, 4); // an item with string content, no origins
    encoding.writeVarUint(update, 1); // parent is a root type…
    encoding.writeVarString(update, 't'); // …named "t"
    encoding.writeVarString(update, ''); // the empty string
    encoding.writeVarUint(update, 0); // empty delete set
    expect(refusal(() => scanUpdate(encoding.toUint8Array(update), 100)).message).toMatch(/no content/);
  });

  it('refuses every truncation of a real update as a bad message', () => {
    const update = Y.encodeStateAsUpdate(everyKindOfContent());
    for (let length = 0; length < update.byteLength; length++) {
      expect(refusal(() => scanUpdate(update.subarray(0, length), 100_000)).closeCode).toBe(CloseCode.BadMessage);
    }
  });

  it('reports each struct where Yjs decodes it: id, clock length, origins and parent', () => {
    const update = Y.encodeStateAsUpdate(everyKindOfContent());
    const seen: string[] = [];
    const deletions: string[] = [];
    scanUpdate(update, Number.POSITIVE_INFINITY, {
      struct: (s) => {
        const origin = s.originClient >= 0 ? `${s.originClient}:${s.originClock}` : '-';
        const right = s.rightOriginClient >= 0 ? `${s.rightOriginClient}:${s.rightOriginClock}` : '-';
        const parent =
          s.parentNameStart >= 0
            ? new TextDecoder().decode(update.subarray(s.parentNameStart, s.parentNameEnd))
            : s.parentClient >= 0
              ? `${s.parentClient}:${s.parentClock}`
              : '-';
        seen.push(`${s.kind} ${s.client}:${s.clock}+${s.length} ${origin} ${right} ${parent}`);
      },
      deleteRange: (client, clock, length) => deletions.push(`${client}:${clock}+${length}`),
    });
    const { structs, ds } = Y.decodeUpdate(update);
    const expected = structs.map((struct) => {
      if (!(struct instanceof Y.Item)) return `gc ${struct.id.client}:${struct.id.clock}+${struct.length} - - -`;
      const id = (value: Y.ID | null) => (value ? `${value.client}:${value.clock}` : '-');
      const parent =
        typeof struct.parent === 'string' ? struct.parent : struct.parent instanceof Y.ID ? id(struct.parent) : '-';
      return `item ${struct.id.client}:${struct.id.clock}+${struct.length} ${id(struct.origin)} ${id(struct.rightOrigin)} ${parent}`;
    });
    expect(seen).toEqual(expected);
    const mixed = new Y.Doc();
    mixed.getText('t').insert(0, 'kک🚓'); // one, two and four UTF-8 bytes: 1 + 1 + 2 UTF-16 units
    const lengths: number[] = [];
    scanUpdate(Y.encodeStateAsUpdate(mixed), 10, { struct: (s) => lengths.push(s.length), deleteRange: () => {} });
    expect(lengths).toEqual([4]);
    expect(deletions).toEqual(
      [...ds.clients].flatMap(([client, ranges]) => ranges.map((r) => `${client}:${r.clock}+${r.len}`)),
    );
  });

  it('refuses a string that is not UTF-8, whose length Yjs would count differently', () => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 42);
    encoding.writeVarUint(update, 0);
    encoding.writeUint8(update, 4);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, 't');
    encoding.writeVarUint8Array(update, new Uint8Array([0x61, 0xff, 0x80]));
    encoding.writeVarUint(update, 0);
    expect(refusal(() => scanUpdate(encoding.toUint8Array(update), 100)).message).toMatch(/UTF-8/);
  });

  it('refuses what Yjs itself would throw on while reading or integrating, in every place it reads', () => {
    const bad = new Uint8Array([0x61, 0xff]); // not UTF-8
    const cases: Record<string, Uint8Array> = {
      'a format name that is not UTF-8': oneItem(6, (e) => {
        encoding.writeVarUint8Array(e, bad);
        encoding.writeVarString(e, 'true');
      }),
      'a format value that is not JSON': oneItem(6, (e) => {
        encoding.writeVarString(e, 'bold');
        encoding.writeVarString(e, '{');
      }),
      'an embed that is not JSON': oneItem(5, (e) => encoding.writeVarString(e, '{"image":')),
      'JSON content that is not JSON': oneItem(2, (e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'nope');
      }),
      'an unknown type': oneItem(7, (e) => encoding.writeVarUint(e, 7)),
      'an element name that is not UTF-8': oneItem(7, (e) => {
        encoding.writeVarUint(e, 3);
        encoding.writeVarUint8Array(e, bad);
      }),
      'a root name that is not UTF-8': oneItem(4, (e) => encoding.writeVarString(e, 'a'), { root: bad }),
      'a map key that is not UTF-8': oneItem(8, writeNull, { key: bad }),
      'a value string that is not UTF-8': oneItem(8, (e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeUint8(e, 119);
        encoding.writeVarUint8Array(e, bad);
      }),
      'a value key that is not UTF-8': oneItem(8, (e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeUint8(e, 118);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, bad);
        encoding.writeUint8(e, 126);
      }),
      'a sub-document without options': oneItem(
        9,
        (e) => {
          encoding.writeVarString(e, 'guid');
          encoding.writeUint8(e, 126);
        },
        { key: new TextEncoder().encode('sub') },
      ),
      'an item inserted after itself': oneItem(4, (e) => encoding.writeVarString(e, 'a'), { originOfItself: true }),
      // lib0 keeps a leading byte-order mark, and JSON.parse refuses it.
      'an embed after a byte-order mark': oneItem(5, (e) => encoding.writeVarString(e, '\uFEFF{"image":"x.png"}')),
      'a format value after a byte-order mark': oneItem(6, (e) => {
        encoding.writeVarString(e, 'bold');
        encoding.writeVarString(e, '\uFEFFtrue');
      }),
      'JSON content after a byte-order mark': oneItem(2, (e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, '\uFEFFundefined');
      }),
    };
    for (const [name, update] of Object.entries(cases)) {
      expect(() => Y.applyUpdate(new Y.Doc(), update), name).toThrow();
      expect(refusal(() => scanUpdate(update, 100)).closeCode, name).toBe(CloseCode.BadMessage);
    }
  });

  it('agrees with Yjs on every awkward text in every place it reads text: refused exactly when Yjs throws', () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const texts: Uint8Array[] = [
      ...['true', '"x"', 'null', '{"image":"x.png"}', 'undefined', ' true ', '{', '', '\u2028', 'ک🚓'].map(utf8),
      ...['\uFEFFtrue', '\uFEFFundefined', '\uFEFF{"a":1}', '\uFEFF'].map(utf8),
      new Uint8Array([0xff]), // never UTF-8
      new Uint8Array([0xc0, 0x80]), // an overlong NUL
      new Uint8Array([0xed, 0xa0, 0x80]), // a UTF-16 surrogate written as UTF-8
      new Uint8Array([0xf0, 0x9f, 0x9a]), // a character cut short
    ];
    const anyOf = (tag: number, write: (e: encoding.Encoder) => void) => (e: encoding.Encoder) => {
      encoding.writeVarUint(e, 1);
      encoding.writeUint8(e, tag);
      write(e);
    };
    const places: Record<string, (text: Uint8Array) => Uint8Array> = {
      'a string': (t) => oneItem(4, (e) => encoding.writeVarUint8Array(e, t)),
      'an embed': (t) => oneItem(5, (e) => encoding.writeVarUint8Array(e, t)),
      'a format name': (t) =>
        oneItem(6, (e) => {
          encoding.writeVarUint8Array(e, t);
          encoding.writeVarString(e, 'true');
        }),
      'a format value': (t) =>
        oneItem(6, (e) => {
          encoding.writeVarString(e, 'bold');
          encoding.writeVarUint8Array(e, t);
        }),
      'JSON content': (t) =>
        oneItem(2, (e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, t);
        }),
      'an element name': (t) =>
        oneItem(7, (e) => {
          encoding.writeVarUint(e, 3);
          encoding.writeVarUint8Array(e, t);
        }),
      'a root name': (t) => oneItem(4, (e) => encoding.writeVarString(e, 'a'), { root: t }),
      'a map key': (t) => oneItem(8, writeNull, { key: t }),
      'a value string': (t) =>
        oneItem(
          8,
          anyOf(119, (e) => encoding.writeVarUint8Array(e, t)),
        ),
      'a value key': (t) =>
        oneItem(
          8,
          anyOf(118, (e) => {
            encoding.writeVarUint(e, 1);
            encoding.writeVarUint8Array(e, t);
            encoding.writeUint8(e, 126);
          }),
        ),
    };
    let compared = 0;
    for (const [place, build] of Object.entries(places)) {
      for (const text of texts) {
        const update = build(text);
        let yjsThrows = false;
        try {
          Y.applyUpdate(new Y.Doc(), update);
        } catch {
          yjsThrows = true;
        }
        let refused = false;
        try {
          scanUpdate(update, 100);
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error;
          refused = true;
        }
        // An empty string item is refused for its own reason (see above), though Yjs takes it.
        const emptyItem = place === 'a string' && text.length === 0;
        if (!emptyItem) expect(refused, `${place}: ${[...text].join(',')}`).toBe(yjsThrows);
        compared += 1;
      }
    }
    expect(compared).toBe(Object.keys(places).length * texts.length);
  });

  it('refuses sub-documents, which Plenary does not use and whose options can break Yjs after the fact', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc({ guid: 'sub' }));
    expect(refusal(() => scanUpdate(Y.encodeStateAsUpdate(doc), 100)).message).toMatch(/sub-document/);
    // Options naming `guid: null` apply, and then every encode of the document throws.
    const nullGuid = oneItem(
      9,
      (e) => {
        encoding.writeVarString(e, 'g');
        encoding.writeUint8(e, 118);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'guid');
        encoding.writeUint8(e, 126);
      },
      { key: new TextEncoder().encode('sub') },
    );
    const applied = new Y.Doc();
    Y.applyUpdate(applied, nullGuid);
    expect(() => Y.encodeStateAsUpdate(applied)).toThrow();
    expect(refusal(() => scanUpdate(nullGuid, 100)).closeCode).toBe(CloseCode.BadMessage);
  });

  it('refuses numbers that lib0 reads as NaN or Infinity (a long run of zero-valued bytes)', () => {
    const run = (last: number) => [...new Array(147).fill(0x80), last];
    const bytes = (...parts: Array<number | number[]>) => new Uint8Array(parts.flat());
    const cases: Record<string, Uint8Array> = {
      // Client 77 inserts "x" after an origin whose clock reads as NaN.
      'an origin clock': bytes(1, 1, 0x4d, 0, 0x84, 1, run(0), 1, 0x78, 0),
      'a type reference': bytes(1, 1, 0x4d, 0, 7, 1, 1, 0x74, run(0), 0),
      'a deleted length': bytes(1, 1, 0x4d, 0, 1, 1, 1, 0x74, run(1), 0),
      'a client id': bytes(1, 1, run(1), 0, 4, 1, 1, 0x74, 1, 0x78, 0),
      'a deletion clock': bytes(1, 1, 0x4d, 0, 4, 1, 1, 0x74, 1, 0x78, 1, 0x4d, 1, run(0), 1),
    };
    for (const [name, update] of Object.entries(cases)) {
      expect(refusal(() => scanUpdate(update, 100)).message, name).toMatch(/out of range/);
    }
  });

  it('refuses a client listed twice, of which Yjs would apply only the last section', () => {
    const writer = new Y.Doc();
    writer.clientID = 42;
    writer.getText('t').insert(0, 'evil');
    const section = Y.encodeStateAsUpdate(writer).subarray(1); // without the client count
    const twice = encoding.createEncoder();
    encoding.writeVarUint(twice, 2);
    // The struct sections of the update as written (the trailing empty delete set dropped)…
    encoding.writeUint8Array(twice, section.subarray(0, section.length - 1));
    // …then the same client again, with no structs, and the empty delete set.
    encoding.writeVarUint(twice, 0);
    encoding.writeVarUint(twice, 42);
    encoding.writeVarUint(twice, 4);
    encoding.writeVarUint(twice, 0);
    const update = encoding.toUint8Array(twice);
    const applied = new Y.Doc();
    Y.applyUpdate(applied, update);
    expect(applied.getText('t').toString()).toBe('');
    expect(refusal(() => scanUpdate(update, 100)).message).toMatch(/twice/);
  });

  it("refuses values nested deeper than the limit, before they overflow a reader's stack", () => {
    const nested = (depth: number) =>
      oneItem(8, (e) => {
        encoding.writeVarUint(e, 1);
        for (let level = 0; level < depth; level++) {
          encoding.writeUint8(e, 117); // a list of one…
          encoding.writeVarUint(e, 1);
        }
        encoding.writeUint8(e, 126); // …null at the bottom
      });
    expect(scanUpdate(nested(MAX_VALUE_DEPTH), 100).structs).toBe(1);
    expect(refusal(() => scanUpdate(nested(MAX_VALUE_DEPTH + 1), 100)).message).toMatch(/nested/);
    expect(() => Y.applyUpdate(new Y.Doc(), nested(200_000))).toThrow(RangeError);
  });

  it('passes only updates that Yjs then applies without throwing, across thousands of mutations', () => {
    let seed = 11;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * below);
    };
    const base = everyKindOfContent();
    const baseState = Y.encodeStateAsUpdate(base);
    const typing: Uint8Array[] = [];
    const typist = new Y.Doc();
    Y.applyUpdate(typist, baseState);
    typist.on('update', (update: Uint8Array) => typing.push(update));
    const text = typist.getXmlFragment('prosemirror').get(0) as Y.XmlElement;
    const inner = text.get(0) as Y.XmlText;
    for (let step = 0; step < 40; step++) {
      if (step % 5 === 4) inner.format(0, 3, { bold: step % 2 === 0 ? true : null });
      else if (step % 7 === 6) inner.delete(1, 2);
      else inner.insert(random(inner.length + 1), step % 3 === 0 ? 'ک' : 'ab');
    }
    const samples = [baseState, ...typing, Y.mergeUpdates(typing)];
    let passed = 0;
    for (let round = 0; round < 4_000; round++) {
      const original = samples[random(samples.length)] as Uint8Array;
      const mutated = original.slice();
      const flips = 1 + random(3);
      for (let flip = 0; flip < flips; flip++) {
        const at = random(mutated.length);
        if (random(2) === 0) mutated[at] = (mutated[at] ?? 0) ^ (1 << random(8));
        else mutated[at] = random(256);
      }
      try {
        scanUpdate(mutated, 10_000);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        continue;
      }
      passed += 1;
      const target = new Y.Doc();
      if (original !== baseState) Y.applyUpdate(target, baseState);
      expect(() => Y.applyUpdate(target, mutated), `mutation ${round}`).not.toThrow();
    }
    // Enough mutations get through the scan for the check to mean something.
    expect(passed).toBeGreaterThan(400);
  });
});

function writeNull(e: encoding.Encoder): void {
  encoding.writeVarUint(e, 1);
  encoding.writeUint8(e, 126);
}

/**
 * An update of one item of client 42 at clock 0 with content `kind` written by `content`, in the
 * root type "t" (or `root`), under map key `key` if given, or inserted after itself.
 */
function oneItem(
  kind: number,
  content: (e: encoding.Encoder) => void,
  place: { root?: Uint8Array; key?: Uint8Array; originOfItself?: boolean } = {},
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, 42); // client id
  encoding.writeVarUint(e, 0); // clock
  if (place.originOfItself) {
    encoding.writeUint8(e, kind | 0x80);
    encoding.writeVarUint(e, 42);
    encoding.writeVarUint(e, 0);
  } else {
    encoding.writeUint8(e, kind | (place.key ? 0x20 : 0));
    encoding.writeVarUint(e, 1); // parent is a root type
    encoding.writeVarUint8Array(e, place.root ?? new TextEncoder().encode('t'));
    if (place.key) encoding.writeVarUint8Array(e, place.key);
  }
  content(e);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
