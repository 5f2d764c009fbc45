import { useState } from 'react';
import { deviceCopies } from '../collab/deviceCopies';
import { saveFile } from '../lib/saveFile';
import { strings } from '../lib/strings';
import type { SessionEndReason } from '../session/SessionContext';

/**
 * On the page that says a session ended: words made on this device that the server never
 * confirmed are not lost with the session. Where a new link can still send them, it says how;
 * where their draft is gone, and as a fallback everywhere, the local copy downloads as text.
 */
export function UnsentWordsNotice({ reason }: { reason: SessionEndReason }) {
  // Read once: nothing on this page can send or delete them.
  const [unsent] = useState(() => deviceCopies().unsentDocuments());
  const [state, setState] = useState<'idle' | 'reading' | 'failed'>('idle');
  if (unsent.length === 0) return null;

  const download = async () => {
    setState('reading');
    try {
      const [{ readLocalCopy }, { rescueText }] = await Promise.all([
        import('../collab/readLocalCopy'),
        import('../collab/rescueText'),
      ]);
      const texts = await Promise.all(unsent.map(async (documentId) => rescueText(await readLocalCopy(documentId))));
      // A byte-order mark, so Notepad and older editors read Urdu as UTF-8.
      const file = new Blob(['\uFEFF', texts.join('\n\n\n')], { type: 'text/plain;charset=utf-8' });
      saveFile(file, strings.sessionEnded.keptFileName);
      setState('idle');
    } catch {
      setState('failed');
    }
  };

  const canStillSend = reason !== 'group_deleted';
  return (
    <div className="unsent-notice" data-testid="unsent-notice">
      <p className="unsent-notice__text">
        {canStillSend
          ? strings.sessionEnded.unsentKept(unsent.length, reason === 'revoked')
          : strings.sessionEnded.unsentOrphaned(unsent.length)}
      </p>
      <button
        type="button"
        className="button"
        onClick={() => void download()}
        disabled={state === 'reading'}
        data-testid="download-kept"
      >
        {state === 'reading' ? strings.sessionEnded.downloadingKept : strings.sessionEnded.downloadKept}
      </button>
      {state === 'failed' && (
        <p className="field-error" role="alert">
          {strings.sessionEnded.downloadKeptFailed}
        </p>
      )}
    </div>
  );
}
