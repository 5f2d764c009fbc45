import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flattenTypedText } from './flattenTypedText';

/** Applies `update` to `doc` in one transaction and returns that transaction's state vectors. */
function applyObserved(doc: Y.Doc, update: Uint8Array): { before: Map<number, number>; after: Map<number, number> } {
  let seen: { before: Map<number, number>; after: Map<number, number> } | null = null;
  const listener = (transaction: Y.Transaction) => {
    seen ??= { before: transaction.beforeState, after: transaction.afterState };
  };
  doc.on('afterTransaction', listener);
  Y.applyUpdate(doc, update);
  doc.off('afterTransaction', listener);
  if (!seen) throw new Error('no transaction');
  return seen;
}

describe('flattenTypedText', () => {
  it('finds the one item each typist’s keystrokes were merged into, and nothing in untouched text', () => {
    const server = new Y.Doc();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getText('t').insert(0, 'Train judges. ');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(alice));
    const typed: Record<string, Uint8Array[]> = { alice: [], bob: [] };
    alice.on('update', (update: Uint8Array) => typed.alice?.push(update));
    bob.on('update', (update: Uint8Array) => typed.bob?.push(update));
    for (const character of 'Fund shelters.') alice.getText('t').insert(alice.getText('t').length, character);
    for (const character of 'Protect victims.') bob.getText('t').insert(0, character);

    let last = { before: new Map<number, number>(), after: new Map<number, number>() };
    for (const update of typed.alice ?? []) last = applyObserved(server, update);
    // Alice's keystrokes merged, one by one, into the item holding her first sentence.
    expect(flattenTypedText(server, last.before, last.after.keys())).toBe(1);
    const aliceItem = server.store.clients.get(alice.clientID)?.at(-1);
    expect(aliceItem instanceof Y.Item && aliceItem.content instanceof Y.ContentString && aliceItem.content.str).toBe(
      'Train judges. Fund shelters.',
    );

    // Bob typed backwards at the start: each keystroke is an item of its own, nothing to flatten.
    for (const update of typed.bob ?? []) last = applyObserved(server, update);
    expect(flattenTypedText(server, last.before, last.after.keys())).toBe(0);
    expect(server.getText('t').toString()).toBe('.smitciv tcetorPTrain judges. Fund shelters.');
    // A transaction that added nothing finds nothing.
    expect(flattenTypedText(server, last.after, last.after.keys())).toBe(0);
  });
});
