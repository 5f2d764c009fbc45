import { createDocumentExtensions, type JSONContent } from '@plenary/shared/schema';
import { EditorContent, useEditor } from '@tiptap/react';
import { useMemo } from 'react';

/** A version's content in a non-editable editor with the shared schema: what the document read like. */
export function VersionPreview({ content, label }: { content: Record<string, unknown>; label: string }) {
  const extensions = useMemo(() => createDocumentExtensions(), []);
  const editor = useEditor(
    {
      extensions,
      editable: false,
      content: content as JSONContent,
      editorProps: { attributes: { 'aria-label': label, 'aria-readonly': 'true', class: 'version-preview__body' } },
    },
    [content],
  );
  return <EditorContent editor={editor} className="version-preview" data-testid="version-view" />;
}
