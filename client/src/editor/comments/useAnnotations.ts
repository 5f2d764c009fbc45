import { type AuthorRecord, type CommentThread, readAuthors } from '@plenary/shared/domain';
import { AUTHORS_FIELD, DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { anchorToRange, authorshipRanges, type ProseMirrorMapping } from '@plenary/shared/schema';
import type { Editor } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { type AnnotationSpec, annotationsKey, showsAlready } from './Annotations';

/** Where each thread's text is now; null: the text was deleted. */
export type ThreadRanges = ReadonlyMap<string, { from: number; to: number } | null>;

/** One author's run of characters, as last computed (while authors are shown). */
export interface AuthorRun {
  from: number;
  to: number;
  name: string;
  color: string;
}

export interface Annotated {
  ranges: ThreadRanges;
  /** In document order; empty while authors are hidden. */
  authorRuns: readonly AuthorRun[];
}

/** The editor's Yjs ↔ ProseMirror mapping, once the collaboration binding exists. */
export function bindingMapping(editor: Editor): ProseMirrorMapping | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: { mapping: ProseMirrorMapping } } | undefined;
  return state?.binding?.mapping ?? null;
}

/**
 * Keeps the editor's comment highlights and (when `showAuthors`) authorship colours current:
 * recomputed from the Yjs document after every change, at most once a frame, and handed to the
 * `Annotations` plugin. Returns where each thread's text is, for the sidebar, and who wrote what,
 * for the authorship legend.
 */
export function useAnnotations(
  editor: Editor,
  doc: Y.Doc,
  threads: readonly CommentThread[],
  activeThreadId: string | null,
  showAuthors: boolean,
): Annotated {
  const [annotated, setAnnotated] = useState<Annotated>({ ranges: new Map(), authorRuns: [] });

  useEffect(() => {
    let frame = 0;
    // After the binding has rendered the change: never dispatch from inside a Yjs transaction.
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(recompute);
    };
    const recompute = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const mapping = bindingMapping(editor);
      if (!mapping || (mapping.size === 0 && doc.getXmlFragment(DOCUMENT_FIELD).length > 0)) {
        schedule(); // the binding has not rendered the document yet
        return;
      }
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      const specs: AnnotationSpec[] = [];
      const authorRuns: AuthorRun[] = [];
      const next = new Map<string, { from: number; to: number } | null>();
      for (const thread of threads) {
        const range = anchorToRange(doc, fragment, mapping, thread.anchor);
        next.set(thread.id, range);
        if (range && !thread.resolved && !thread.deleted) {
          specs.push({ kind: 'comment', ...range, threadId: thread.id, active: thread.id === activeThreadId });
        }
      }
      if (showAuthors) {
        const authors = readAuthors(doc.getMap(AUTHORS_FIELD).entries());
        for (const run of authorshipRanges(fragment, mapping)) {
          const author: AuthorRecord | undefined = authors.get(run.clientId);
          if (!author) continue;
          specs.push({ kind: 'author', from: run.from, to: run.to, name: author.name, color: author.color });
          authorRuns.push({ from: run.from, to: run.to, name: author.name, color: author.color });
        }
      }
      const size = editor.state.doc.content.size;
      const inside = specs.filter((spec) => spec.from >= 0 && spec.to <= size && spec.from < spec.to);
      if (!showsAlready(editor.state, inside)) {
        editor.view.dispatch(editor.state.tr.setMeta(annotationsKey, inside).setMeta('addToHistory', false));
      }
      setAnnotated({ ranges: next, authorRuns });
    };
    schedule();
    // 'update', not 'afterTransaction': the binding answers our own (meta-only) dispatch with an
    // empty Yjs transaction, which must not schedule another round.
    doc.on('update', schedule);
    editor.on('update', schedule);
    return () => {
      doc.off('update', schedule);
      editor.off('update', schedule);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [editor, doc, threads, activeThreadId, showAuthors]);

  return annotated;
}
