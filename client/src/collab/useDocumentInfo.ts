import type { DocumentInfo } from '@plenary/shared/api';
import { useEffect, useState } from 'react';
import { getDocumentInfo } from '../api/documents';
import { isUnauthorized } from '../api/http';
import { endReasonOf, useSession } from '../session/SessionContext';

export type DocumentInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: DocumentInfo }
  | { status: 'failed'; error: unknown };

/**
 * What the document is and whether this participant may write it now. Refetched whenever
 * `version` changes, so a facilitator's lock makes the editor read-only within moments.
 */
export function useDocumentInfo(documentId: string, version: number): DocumentInfoState {
  const { endSession } = useSession();
  const [state, setState] = useState<DocumentInfoState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void version;
    getDocumentInfo(documentId).then(
      ({ value }) => {
        if (current) setState({ status: 'ready', info: value });
      },
      (error: unknown) => {
        if (!current) return;
        if (isUnauthorized(error)) endSession(endReasonOf(error));
        // A failed refetch keeps the last answer: offline is not a reason to close the draft.
        else setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed', error }));
      },
    );
    return () => {
      current = false;
    };
  }, [documentId, version, endSession]);

  return state;
}
