import { useRef, useState } from 'react';
import { publishBrief } from '../api/briefs';
import { errorMessage } from '../api/errorMessage';
import { ConfirmBox } from '../components/ConfirmBox';
import { returnFocus } from '../components/returnFocus';
import { strings } from '../lib/strings';
import { useWorkshop } from './WorkshopContext';

/** Freezes a brief as a new published version and shows its public link. */
export function PublishButton({ briefId, title }: { briefId: string; title: string }) {
  const { home, refresh } = useWorkshop();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ text: string; href?: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const publish = async () => {
    // The confirmation's button had the focus; once it goes, Publish has it.
    const opener = button.current;
    setAsking(false);
    setBusy(true);
    setMessage(null);
    try {
      const publication = await publishBrief(home.workshop.id, briefId);
      setMessage({ text: strings.publish.done(publication.version), href: publication.path });
      refresh();
    } catch (failure) {
      setMessage({ text: errorMessage(failure) });
    } finally {
      setBusy(false);
      returnFocus(opener);
    }
  };

  return (
    <>
      <span className="publish">
        <button
          ref={button}
          type="button"
          className="button button--small"
          onClick={() => setAsking(true)}
          disabled={busy}
          data-testid="publish-brief"
        >
          {busy ? strings.publish.publishing : strings.publish.publish}
        </button>
        <span role="status" aria-live="polite">
          {message && (
            <>
              {message.text}{' '}
              {message.href && (
                <a href={message.href} data-testid="publication-link">
                  {strings.publish.open}
                </a>
              )}
            </>
          )}
        </span>
      </span>
      {asking && (
        <ConfirmBox
          question={strings.publish.confirm(title)}
          confirmLabel={strings.publish.publish}
          cancelLabel={strings.invites.cancel}
          onConfirm={() => void publish()}
          onCancel={() => setAsking(false)}
          busy={busy}
          testId="publish-confirm"
          tone="final"
        />
      )}
    </>
  );
}
