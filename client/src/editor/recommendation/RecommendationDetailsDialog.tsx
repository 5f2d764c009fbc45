import {
  MAX_LEGAL_REFERENCE_CHARS,
  MAX_RESPONSIBLE_BODY_CHARS,
  PRIORITIES,
  RECOMMENDATION_STATUSES,
  RESPONSIBLE_BODY_SUGGESTIONS,
  type RecommendationFields,
  TIMEFRAMES,
} from '@plenary/shared/domain';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { type InputHTMLAttributes, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { ConfirmBox } from '../../components/ConfirmBox';
import { strings } from '../../lib/strings';
import { findRecommendation } from './findRecommendation';
import { moveToReadingPlace, readingPlaceIn } from './readingPlace';
import type { RecommendationNumbers } from './recommendationNumbers';

interface RecommendationDetailsDialogProps {
  editor: Editor;
  recommendationId: string;
  /** The numbers the cards show, so the panel's title names the card it was opened from. */
  numbers: RecommendationNumbers;
  audiences: readonly string[];
  /** A brief's audience order (its cards are numbered and printed by it); null for a draft. */
  readingOrder: readonly string[] | null;
  readOnly: boolean;
  onClose: () => void;
}

type EditableFields = Partial<Omit<RecommendationFields, 'id'>>;

/**
 * The fields of one recommendation in a side panel (a modal dialog: focus stays inside, Esc
 * closes). Every change is one `updateRecommendation`, so it is one attribute change in the
 * shared document and merges with someone else changing another field at the same time. The
 * values shown are always the document's, so others' changes appear here live.
 */
export function RecommendationDetailsDialog({
  editor,
  recommendationId,
  numbers,
  audiences,
  readingOrder,
  readOnly,
  onClose,
}: RecommendationDetailsDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const current = useEditorState({
    editor,
    selector: ({ editor: e }) => findRecommendation(e.state, recommendationId, numbers),
  });
  // In a brief, a card whose priority or first audience changed may sit where it is not printed.
  const outOfPlace = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      readingOrder === null || readOnly ? false : readingPlaceIn(e.state.doc, recommendationId, readingOrder) !== null,
  });
  const ids = {
    title: useId(),
    intro: useId(),
    priority: useId(),
    responsibleBody: useId(),
    responsibleBodyHint: useId(),
    suggestions: useId(),
    timeframe: useId(),
    legalReference: useId(),
    legalReferenceHint: useId(),
  };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Start on the first field rather than on "Close", the first button in the panel.
      dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    }
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    // Someone deleted it while the panel was open: there is nothing left to edit.
    if (current === null) onClose();
  }, [current, onClose]);

  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Fields whose words someone else's change overtook or replaced. Closing the panel would take
  // their note and "Put mine back" with it, so the first attempt shows them instead.
  const attention = useRef(new Set<string>());
  const warned = useRef(false);
  const needsAttention = (field: string, needs: boolean) => {
    if (needs) attention.current.add(field);
    else attention.current.delete(field);
    if (attention.current.size === 0) warned.current = false;
  };
  const leave = () => {
    if (attention.current.size === 0 || warned.current) return onClose();
    warned.current = true;
    // A field still being typed in turns into "replaced" once left; then its button takes the focus.
    if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
    requestAnimationFrame(() => dialogRef.current?.querySelector<HTMLElement>('[data-testid=put-mine-back]')?.focus());
  };

  if (current === null) return null;
  const { fields, number } = current;
  const update = (changes: EditableFields) => {
    if (!readOnly) editor.commands.updateRecommendation(recommendationId, changes);
  };
  // Audiences the workshop no longer lists stay visible, so they can be unticked.
  const audienceChoices = [...audiences, ...fields.audiences.filter((a) => !audiences.includes(a))];
  const labels = strings.recommendation.fields;

  return (
    <dialog
      ref={dialogRef}
      className="side-panel"
      aria-labelledby={ids.title}
      aria-describedby={ids.intro}
      data-testid="recommendation-details"
      onCancel={(event) => {
        event.preventDefault();
        leave();
      }}
    >
      <form className="side-panel__form" onSubmit={(event) => event.preventDefault()}>
        <div className="side-panel__head">
          <h2 id={ids.title} className="side-panel__title">
            {strings.recommendation.detailsTitle(number)}
          </h2>
          <button type="button" className="button button--quiet button--small" onClick={leave}>
            {strings.recommendation.close}
          </button>
        </div>
        <p id={ids.intro} className="side-panel__intro">
          {readOnly ? strings.recommendation.detailsReadOnly : strings.recommendation.detailsIntro}
        </p>
        <fieldset className="side-panel__fields" disabled={readOnly}>
          <fieldset className="choice-group">
            <legend className="field-label">{labels.audiences}</legend>
            {audienceChoices.length === 0 && <p className="field-hint">{strings.recommendation.noAudiences}</p>}
            {audienceChoices.map((audience, index) => (
              <label key={audience} className="choice">
                <input
                  type="checkbox"
                  data-initial-focus={index === 0 ? '' : undefined}
                  checked={fields.audiences.includes(audience)}
                  onChange={(event) =>
                    update({
                      audiences: event.target.checked
                        ? audienceChoices.filter((a) => a === audience || fields.audiences.includes(a))
                        : fields.audiences.filter((a) => a !== audience),
                    })
                  }
                />
                <span>{audience}</span>
              </label>
            ))}
          </fieldset>

          <div className="field">
            <label className="field-label" htmlFor={ids.priority}>
              {labels.priority}
            </label>
            <select
              id={ids.priority}
              className="text-input"
              data-initial-focus={audienceChoices.length === 0 ? '' : undefined}
              value={fields.priority ?? ''}
              onChange={(event) => update({ priority: PRIORITIES.find((p) => p === event.target.value) ?? null })}
            >
              <option value="">{strings.recommendation.notSetOption}</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {strings.recommendation.priorities[priority]}
                </option>
              ))}
            </select>
          </div>

          {/* Under the fields that move a card in the printed brief, so nothing above them shifts; the
              live region is there before its text, or screen readers would not read it out. */}
          <div role="status">
            {outOfPlace && (
              <div className="side-panel__notice" data-testid="reading-place">
                <p className="side-panel__notice-text">{strings.recommendation.outOfPlace(number)}</p>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => moveToReadingPlace(editor, recommendationId, readingOrder ?? [])}
                  data-testid="reading-place-move"
                >
                  {strings.recommendation.moveToPlace}
                </button>
              </div>
            )}
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.responsibleBody}>
              {labels.responsibleBody}
            </label>
            <SharedTextInput
              id={ids.responsibleBody}
              list={ids.suggestions}
              maxLength={MAX_RESPONSIBLE_BODY_CHARS}
              aria-describedby={ids.responsibleBodyHint}
              value={fields.responsibleBody}
              onEdit={(responsibleBody) => update({ responsibleBody })}
              onAttention={(needs) => needsAttention('responsibleBody', needs)}
            />
            <datalist id={ids.suggestions}>
              {RESPONSIBLE_BODY_SUGGESTIONS.map((body) => (
                <option key={body} value={body} />
              ))}
            </datalist>
            <p id={ids.responsibleBodyHint} className="field-hint muted">
              {strings.recommendation.responsibleBodyHint}
            </p>
          </div>

          <div className="field">
            <label className="field-label" htmlFor={ids.timeframe}>
              {labels.timeframe}
            </label>
            <select
              id={ids.timeframe}
              className="text-input"
              value={fields.timeframe ?? ''}
              onChange={(event) => update({ timeframe: TIMEFRAMES.find((t) => t === event.target.value) ?? null })}
            >
              <option value="">{strings.recommendation.notSetOption}</option>
              {TIMEFRAMES.map((timeframe) => (
                <option key={timeframe} value={timeframe}>
                  {strings.recommendation.timeframes[timeframe]}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <label className="field-label" htmlFor={ids.legalReference}>
              {labels.legalReference}
            </label>
            <SharedTextInput
              id={ids.legalReference}
              maxLength={MAX_LEGAL_REFERENCE_CHARS}
              aria-describedby={ids.legalReferenceHint}
              value={fields.legalReference}
              onEdit={(legalReference) => update({ legalReference })}
              onAttention={(needs) => needsAttention('legalReference', needs)}
            />
            <p id={ids.legalReferenceHint} className="field-hint muted">
              {strings.recommendation.legalReferenceHint}
            </p>
          </div>

          <fieldset className="choice-group choice-group--row">
            <legend className="field-label">{labels.status}</legend>
            {RECOMMENDATION_STATUSES.map((status) => (
              <label key={status} className={`choice choice--status rec-status--${status}`}>
                <input
                  type="radio"
                  name={`status-${recommendationId}`}
                  value={status}
                  checked={fields.status === status}
                  onChange={() => update({ status })}
                />
                <span>{strings.recommendation.statuses[status]}</span>
              </label>
            ))}
          </fieldset>
        </fieldset>
        {confirmingDelete && (
          <ConfirmBox
            question={strings.recommendation.deleteQuestion(number)}
            confirmLabel={strings.recommendation.deleteConfirm}
            cancelLabel={strings.recommendation.deleteKeep}
            // The panel closes once the card is gone (see above); focus goes back to the text.
            onConfirm={() => editor.chain().deleteRecommendation(recommendationId).run()}
            onCancel={() => setConfirmingDelete(false)}
            busy={false}
            testId="recommendation-delete-confirm"
          />
        )}
        <div className="side-panel__actions">
          {/* Stays while the question is open: "Keep it" gives the focus back to it. */}
          {!readOnly && (
            <button
              type="button"
              className="button button--quiet button--danger"
              onClick={() => setConfirmingDelete(true)}
              data-testid="recommendation-delete"
            >
              {strings.recommendation.deleteRecommendation}
            </button>
          )}
          <button type="button" className="button button--primary" onClick={leave}>
            {strings.recommendation.done}
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface SharedTextInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onFocus' | 'onBlur'> {
  /** The value in the shared document. */
  value: string;
  /** Called with the whole new value on every change the person makes. */
  onEdit: (value: string) => void;
  /** Told whether someone else's change overtook or replaced this person's words here. */
  onAttention: (needs: boolean) => void;
}

/**
 * A one-line field whose value lives in the shared document as one attribute (the last writer
 * wins). Once the person starts typing in it, it shows their own text: were it to take on others'
 * changes keystroke by keystroke, two people typing in the same field would interleave their
 * letters ("aanndd"). Until their first keystroke it follows the document, so a field merely
 * focused never writes back a value someone else has since changed. Every change is written at
 * once, so the others see it live; on leaving the field it shows the document's value again,
 * whoever wrote last. Nobody's words go without a word: while someone else's change overtakes
 * theirs the field says what it now reads, and once they leave it replaced, they may put theirs back.
 */
function SharedTextInput({ value, onEdit, onAttention, ...input }: SharedTextInputProps) {
  const [typing, setTyping] = useState<string | null>(null);
  /** What this person had typed when they left the field, if a later change replaced it. */
  const [replaced, setReplaced] = useState<string | null>(null);
  const overtaken = typing !== null && typing !== value;
  const lost = !overtaken && replaced !== null && replaced !== value;
  const text = strings.recommendation;
  // Before the browser paints: a click on "Done" right after leaving the field must already know.
  useLayoutEffect(() => onAttention(overtaken || lost), [onAttention, overtaken, lost]);
  // Someone else's change arriving before the first keystroke replaces the value, and the browser
  // moves the caret to its end: what this person had selected (all of it, to type over it) is
  // selected again, so their typing replaces rather than lands after the other's words.
  const field = useRef<HTMLInputElement>(null);
  const selection = useRef<{ start: number; end: number; length: number } | null>(null);
  useLayoutEffect(() => {
    const element = field.current;
    const before = selection.current;
    // Only while the field follows the document: the person's own typing keeps its own caret.
    if (typing !== null || !element || !before || document.activeElement !== element || value === '') return;
    if (before.start === 0 && before.end === before.length && before.length > 0) return element.select();
    // A caret at the end stays at the end; anywhere else, at the same place.
    const place = (position: number) => (position === before.length ? value.length : Math.min(position, value.length));
    element.setSelectionRange(place(before.start), place(before.end));
  }, [value, typing]);
  return (
    <>
      <input
        {...input}
        ref={field}
        onSelect={(event) => {
          const { selectionStart, selectionEnd, value: shown } = event.currentTarget;
          selection.current = { start: selectionStart ?? 0, end: selectionEnd ?? 0, length: shown.length };
        }}
        className="text-input"
        dir="auto"
        autoComplete="off"
        value={typing ?? value}
        onChange={(event) => {
          setTyping(event.target.value);
          setReplaced(null);
          onEdit(event.target.value);
        }}
        onBlur={() => {
          if (overtaken) setReplaced(typing);
          setTyping(null);
        }}
      />
      {/* Always on the page, so screen readers read what appears in it; it changes only when the
          situation does, not with every letter the other person types (that is the line below). */}
      <p className="field-note" role="status" data-testid="field-note">
        {overtaken ? text.fieldOvertaken : lost ? text.fieldReplaced(replaced) : ''}
      </p>
      {overtaken && (
        <p className="field-note" data-testid="field-now">
          {text.fieldNow(value)}
        </p>
      )}
      {lost && (
        <button
          type="button"
          className="button button--small"
          data-testid="put-mine-back"
          onClick={() => {
            onEdit(replaced);
            setReplaced(null);
          }}
        >
          {text.putMineBack}
        </button>
      )}
    </>
  );
}
