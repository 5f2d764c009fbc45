import { useEffect, useRef } from 'react';

interface ConfirmBoxProps {
  /** The question, saying what the action does and to whom. */
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
  testId: string;
  /** `final` for an act that is not a removal but cannot be taken back either (publishing). */
  tone?: 'danger' | 'final';
}

/**
 * An inline "are you sure?" for an action that cannot be undone. The safe answer takes the focus
 * (as an alert dialog for a destructive action should), so a second Enter pressed out of habit
 * or a double tap keeps what the first one asked to remove; Escape cancels too.
 */
export function ConfirmBox({
  question,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy,
  testId,
  tone = 'danger',
}: ConfirmBoxProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => {
      // Cancelled (or the action left the page as it was): back to the button that asked, rather
      // than to nowhere as the box and its focused button go.
      if (document.activeElement === document.body && opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <fieldset
      className={`confirm confirm--${tone}`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Only the question is cancelled: not a dialog the box sits in as well.
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
    >
      <legend className="confirm__text">{question}</legend>
      <div className="confirm__actions">
        <button
          type="button"
          className={`button button--small ${tone === 'danger' ? 'button--danger-solid' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy}
          data-testid={testId}
        >
          {confirmLabel}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--small button--quiet"
          onClick={onCancel}
          data-testid="confirm-cancel"
        >
          {cancelLabel}
        </button>
      </div>
    </fieldset>
  );
}
