import { type AnyExtension, getSchema } from '@tiptap/core';
import { Link } from '@tiptap/extension-link';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { Recommendation } from './recommendation';
import { ALLOWED_LINK_PROTOCOLS, isSafeHref } from './safeLink';

/**
 * The document schema, defined once. The client `.extend()`s or adds UI-only extensions
 * (collaboration, carets); the server builds its schema for export from this same list, so
 * nothing the client writes is dropped on the server.
 */
export function createDocumentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Undo and redo come from Yjs (per-user, collaboration-aware), not ProseMirror history.
      undoRedo: false,
      // Replaced below by a non-inclusive Link with our protocol rules.
      link: false,
    }),
    // Non-inclusive: typing right after a link must not extend it (autolink would make it inclusive).
    Link.extend({ inclusive: false }).configure({
      openOnClick: false,
      autolink: true,
      protocols: [...ALLOWED_LINK_PROTOCOLS],
      defaultProtocol: 'https',
      isAllowedUri: (url) => isSafeHref(url),
      shouldAutoLink: (url) => isSafeHref(url) || /^[\w.-]+\.[a-z]{2,}/i.test(url),
    }),
    Recommendation,
  ];
}

let cachedSchema: Schema | undefined;

/** The ProseMirror schema of a Plenary document (for the server: export, validation, seeding). */
export function getDocumentSchema(): Schema {
  cachedSchema ??= getSchema(createDocumentExtensions());
  return cachedSchema;
}
