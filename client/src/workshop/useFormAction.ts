import { useState } from 'react';
import { errorMessage } from '../api/errorMessage';

/**
 * The busy flag and error message of a form that calls the server: `run` clears the error, marks
 * the form busy for the length of the call, and turns a failure into a sentence to show.
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
