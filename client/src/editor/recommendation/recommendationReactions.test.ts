import { ENDORSEMENTS_FIELD, POSITIONS_FIELD } from '@plenary/shared/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReactionsStore } from './recommendationReactions';

const AMINA = { id: 'p-amina', name: 'Amina' };
const BILAL = { id: 'p-bilal', name: 'Bilal' };

/** Two replicas of one draft that exchange every update, as through the server. */
function twoReplicas() {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(theirs, update, 'remote');
  });
  theirs.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(mine, update, 'remote');
  });
  return { mine, theirs };
}

describe('ReactionsStore', () => {
  it('writes only the participant’s own entries, under the keys the server accepts', () => {
    const doc = new Y.Doc();
    const store = new ReactionsStore(doc);
    store.setEndorsed('rec-1', AMINA, true);
    store.setPosition('rec-1', AMINA, {
      organisation: ' FIA ',
      audience: 'Law enforcement agencies (police, FIA)',
      stance: 'supports',
      reason: 'Staff exist.\nBudget does not.',
    });
    expect(doc.getMap(ENDORSEMENTS_FIELD).toJSON()).toEqual({ 'rec-1/p-amina': { name: 'Amina' } });
    expect(doc.getMap(POSITIONS_FIELD).toJSON()).toEqual({
      'rec-1/p-amina': {
        name: 'Amina',
        organisation: 'FIA',
        audience: 'Law enforcement agencies (police, FIA)',
        stance: 'supports',
        reason: 'Staff exist. Budget does not.',
      },
    });
  });

  it('shows another participant’s endorsement and position live, tallied by audience', () => {
    const { mine, theirs } = twoReplicas();
    const store = new ReactionsStore(mine);
    const changes: number[] = [];
    store.subscribe(() => changes.push(store.get('rec-1').endorsements.length));
    new ReactionsStore(theirs).setEndorsed('rec-1', BILAL, true);
    new ReactionsStore(theirs).setPosition('rec-1', BILAL, {
      organisation: 'Punjab Judicial Academy',
      audience: 'Judiciary',
      stance: 'reservations',
      reason: '',
    });
    expect(changes).toEqual([1, 1]);
    expect(store.get('rec-1')).toMatchObject({
      endorsements: [{ participantId: 'p-bilal', name: 'Bilal' }],
      positions: [{ participantId: 'p-bilal', organisation: 'Punjab Judicial Academy', stance: 'reservations' }],
      tallyByAudience: { Judiciary: { supports: 0, reservations: 1, opposes: 0 } },
    });
  });

  it('withdraws an endorsement and a position', () => {
    const store = new ReactionsStore(new Y.Doc());
    store.setEndorsed('rec-1', AMINA, true);
    store.setPosition('rec-1', AMINA, { organisation: 'FIA', audience: null, stance: 'opposes', reason: '' });
    store.setEndorsed('rec-1', AMINA, false);
    store.setPosition('rec-1', AMINA, null);
    expect(store.get('rec-1')).toEqual({ endorsements: [], positions: [], tallyByAudience: {} });
  });

  it('gives React the same object until something of that recommendation changes', () => {
    const store = new ReactionsStore(new Y.Doc());
    const first = store.get('rec-1');
    const other = store.get('rec-2');
    expect(store.get('rec-1')).toBe(first);
    store.setEndorsed('rec-2', AMINA, true);
    expect(store.get('rec-1')).toBe(first);
    expect(store.get('rec-2')).not.toBe(other);
  });

  it('ignores malformed entries from an old client or a hand-crafted update', () => {
    const doc = new Y.Doc();
    doc.getMap(POSITIONS_FIELD).set('rec-1/p-x', { stance: 'maybe', organisation: 'X' });
    doc.getMap(POSITIONS_FIELD).set('rec-1/p-y', 'not an object');
    doc.getMap(ENDORSEMENTS_FIELD).set('rec-1/p-z', 42);
    doc.getMap(ENDORSEMENTS_FIELD).set('rec-10/p-amina', { name: 'Amina' });
    const store = new ReactionsStore(doc);
    expect(store.get('rec-1')).toEqual({ endorsements: [], positions: [], tallyByAudience: {} });
    expect(store.get(null).endorsements).toEqual([]);
  });
});
