import type { Editor } from '@tiptap/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { strings } from '../lib/strings';
import { parseLinkInput } from './linkHref';

interface LinkFormProps {
  id: string;
  editor: Editor;
  onClose: () => void;
}

/** Add, change or remove the link at the selection; only http, https and mailto are accepted. */
export function LinkForm({ id, editor, onClose }: LinkFormProps) {
  const existingHref = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [value, setValue] = useState(existingHref);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const result = parseLinkInput(value);
    if (!result.ok) {
      setError(result.reason === 'empty' ? strings.linkForm.empty : strings.linkForm.invalid);
      inputRef.current?.focus();
      return;
    }
    const { href } = result;
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as the link text, and type on unlinked.
      chain
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .unsetMark('link')
        .run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <form
      id={id}
      className="link-form"
      onSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
      noValidate
    >
      <label htmlFor={inputId} className="link-form__label">
        {strings.linkForm.label}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="text-input link-form__input"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder={strings.linkForm.placeholder}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
      />
      <div className="link-form__actions">
        <button type="submit" className="button button--primary">
          {strings.linkForm.apply}
        </button>
        {existingHref !== '' && (
          <button type="button" className="button" onClick={remove}>
            {strings.linkForm.remove}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={close}>
          {strings.linkForm.cancel}
        </button>
      </div>
      {error !== null && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
