import { useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { focusedElement, returnFocus } from '../components/returnFocus';

export interface RunOptions {
  /**
   * Stay busy after a success: for an action that makes its own form go away once the page has
   * refetched (a revoked link, a deleted group), so it cannot be clicked again meanwhile.
   */
  thenStayBusy?: boolean;
  /** Where the focus goes when the control that started the action is gone afterwards. */
  focusInstead?: () => Element | null;
}

/**
 * The busy flag and error message of a form that calls the server: `run` clears the error, marks
 * the form busy for the length of the call, turns a failure into a sentence to show, and gives
 * the focus back to the control that started it (see `returnFocus`).
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, options: RunOptions = {}) => {
    // The busy state disables the button that was pressed, which drops the keyboard's focus.
    const opener = focusedElement();
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!options.thenStayBusy) setBusy(false);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
    returnFocus(opener, options.focusInstead);
  };
  return { busy, error, setError, run };
}
