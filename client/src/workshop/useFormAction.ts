import { useState } from 'react';
import { errorMessage } from '../api/errorMessage';

export interface RunOptions {
  /**
   * Stay busy after a success: for an action that makes its own form go away once the page has
   * refetched (a revoked link, a deleted group), so it cannot be clicked again meanwhile.
   */
  thenStayBusy?: boolean;
}

/**
 * The busy flag and error message of a form that calls the server: `run` clears the error, marks
 * the form busy for the length of the call, and turns a failure into a sentence to show.
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, options: RunOptions = {}) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!options.thenStayBusy) setBusy(false);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
