import { ENDORSEMENTS_FIELD, endorsementKey, POSITIONS_FIELD } from '@plenary/shared/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesOnlyOwnReactions } from './reactionFilter';

/** The server's doc, and a reader's replica of it that produces updates. */
function setup() {
  const server = new Y.Doc();
  server.getXmlFragment('default').insert(0, [new Y.XmlText('Fund shelters in every district.')]);
  server.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'someone-else'), { name: 'Other' });
  const reader = new Y.Doc();
  Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
  const capture = (change: () => void) => {
    const before = Y.encodeStateVector(reader);
    change();
    return Y.encodeStateAsUpdate(reader, before);
  };
  return { server, reader, capture };
}

describe('changesOnlyOwnReactions', () => {
  // Pins: a reader of another group's draft may endorse and record positions, under their own id only.
  it('accepts adding, changing and withdrawing one’s own endorsement and position', () => {
    const { server, reader, capture } = setup();
    const endorsements = reader.getMap(ENDORSEMENTS_FIELD);
    const add = capture(() => endorsements.set(endorsementKey('rec1', 'me'), { name: 'Me' }));
    expect(changesOnlyOwnReactions(server, add, 'me')).toBe(true);
    Y.applyUpdate(server, add);

    const position = capture(() =>
      reader.getMap(POSITIONS_FIELD).set(endorsementKey('rec1', 'me'), { stance: 'supports', reason: 'Yes' }),
    );
    expect(changesOnlyOwnReactions(server, position, 'me')).toBe(true);

    const withdraw = capture(() => endorsements.delete(endorsementKey('rec1', 'me')));
    expect(changesOnlyOwnReactions(server, withdraw, 'me')).toBe(true);
  });

  // Pins forged endorsements: an update that overwrites another participant's entry names no key
  // (it points at the old entry), so only a trial apply can tell.
  it('refuses writing, overwriting or deleting someone else’s entries', () => {
    const { server, reader, capture } = setup();
    const endorsements = reader.getMap(ENDORSEMENTS_FIELD);
    expect(
      changesOnlyOwnReactions(
        server,
        capture(() => endorsements.set(endorsementKey('rec1', 'victim'), {})),
        'me',
      ),
    ).toBe(false);
    const { server: s2, reader: r2, capture: c2 } = setup();
    const overwrite = c2(() =>
      r2.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'someone-else'), { name: 'Forged' }),
    );
    expect(changesOnlyOwnReactions(s2, overwrite, 'me')).toBe(false);
    const { server: s3, reader: r3, capture: c3 } = setup();
    expect(
      changesOnlyOwnReactions(
        s3,
        c3(() => r3.getMap(ENDORSEMENTS_FIELD).delete(endorsementKey('rec1', 'someone-else'))),
        'me',
      ),
    ).toBe(false);
  });

  it('refuses any change to the text, alone or mixed with an own endorsement', () => {
    const { server, reader, capture } = setup();
    const text = reader.getXmlFragment('default').get(0) as Y.XmlText;
    expect(
      changesOnlyOwnReactions(
        server,
        capture(() => text.insert(0, 'Never ')),
        'me',
      ),
    ).toBe(false);
    const mixed = capture(() =>
      reader.transact(() => {
        reader.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'me'), { name: 'Me' });
        text.insert(0, 'Also ');
      }),
    );
    expect(changesOnlyOwnReactions(server, mixed, 'me')).toBe(false);
  });

  it('leaves the judged document untouched', () => {
    const { server, reader, capture } = setup();
    const before = Y.encodeStateAsUpdate(server);
    changesOnlyOwnReactions(
      server,
      capture(() => reader.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'me'), {})),
      'me',
    );
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});
