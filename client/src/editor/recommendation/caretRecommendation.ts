import type { EditorState } from '@tiptap/pm/state';
import { createContext, useContext } from 'react';
import { recommendationIdAtSelection } from './findRecommendation';

/** What the caret store needs of the Tiptap editor: its state, and the event every change fires. */
export interface CaretEditor {
  readonly state: EditorState;
  on(event: 'transaction', listener: () => void): unknown;
  off(event: 'transaction', listener: () => void): unknown;
}

/**
 * The recommendation the caret is in, for the cards' Tab stops: only that card's controls are in
 * the Tab order, so Tab from a statement reaches its own card's "Edit details" rather than the
 * first card's, and the next Tab stops after the card instead of walking every card of the draft.
 * It listens to the editor only while a card subscribes, so it needs no teardown.
 */
export class CaretRecommendation {
  private id: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly editor: CaretEditor) {
    this.id = recommendationIdAtSelection(editor.state);
  }

  current = (): string | null => this.id;

  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) {
      this.id = recommendationIdAtSelection(this.editor.state);
      this.editor.on('transaction', this.recheck);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.editor.off('transaction', this.recheck);
    };
  };

  private recheck = () => {
    const id = recommendationIdAtSelection(this.editor.state);
    if (id === this.id) return;
    this.id = id;
    for (const listener of [...this.listeners]) listener();
  };
}

/** The `tabIndex` of a card's controls (0 outside a card, as in the brief composer's list). */
const CardTabIndex = createContext<0 | -1>(0);

export const CardTabIndexProvider = CardTabIndex.Provider;

export function useCardTabIndex(): 0 | -1 {
  return useContext(CardTabIndex);
}
