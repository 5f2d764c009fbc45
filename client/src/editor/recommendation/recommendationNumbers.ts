import { normaliseRecommendationFields, readingOrderNumbers } from '@plenary/shared/domain';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';

const RECOMMENDATION = 'recommendation';

/** Where each recommendation starts and its id, in document order (nested ones are not counted twice). */
export function recommendationsInOrder(doc: ProseMirrorNode): Array<{ pos: number; id: string | null }> {
  const found: Array<{ pos: number; id: string | null }> = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== RECOMMENDATION) return true;
    found.push({ pos, id: typeof node.attrs.id === 'string' ? node.attrs.id : null });
    return false;
  });
  return found;
}

/** What the numbers need of the Tiptap editor: its state, and the event a changed document fires. */
export interface NumberedEditor {
  readonly state: EditorState;
  on(event: 'update', listener: () => void): unknown;
  off(event: 'update', listener: () => void): unknown;
}

/**
 * The number each recommendation shows: its place in document order, recounted when the
 * document changes and never stored. Node views subscribe and re-render only when their own
 * number changes. It listens to the editor only while someone subscribes, so it needs no teardown.
 */
export class RecommendationNumbers {
  private countedDoc: ProseMirrorNode | null = null;
  private byId = new Map<string, number>();
  private byPos = new Map<number, number>();
  private readonly listeners = new Set<() => void>();

  /**
   * @param readingOrder a brief's audience order: numbers then follow audience, priority and
   *   document order (as in its exports); null for a draft, numbered in document order.
   */
  constructor(
    private readonly editor: NumberedEditor,
    private readonly readingOrder: readonly string[] | null = null,
  ) {}

  /** 1-based number of the recommendation with this id (or, for a block without an id yet, at this position). */
  numberOf(id: string | null, pos: number | undefined): number | null {
    this.recountIfChanged();
    if (id !== null) {
      const byId = this.byId.get(id);
      if (byId !== undefined) return byId;
    }
    return pos === undefined ? null : (this.byPos.get(pos) ?? null);
  }

  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) this.editor.on('update', this.notify);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.editor.off('update', this.notify);
    };
  };

  private notify = () => {
    for (const listener of [...this.listeners]) listener();
  };

  private recountIfChanged(): void {
    const doc = this.editor.state.doc;
    if (doc === this.countedDoc) return;
    this.countedDoc = doc;
    this.byId = new Map();
    this.byPos = new Map();
    const found = recommendationsInOrder(doc);
    const numbers = this.readingOrder
      ? readingOrderNumbers(
          found.map(({ pos }) => normaliseRecommendationFields(doc.nodeAt(pos)?.attrs)),
          this.readingOrder,
        )
      : found.map((_, index) => index + 1);
    found.forEach(({ pos, id }, index) => {
      const number = numbers[index] ?? index + 1;
      // A remote paste can briefly carry a duplicate id until its author's client gives the copy a new one.
      if (id !== null && !this.byId.has(id)) this.byId.set(id, number);
      this.byPos.set(pos, number);
    });
  }
}
