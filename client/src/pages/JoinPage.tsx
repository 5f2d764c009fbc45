import type { InvitePreview } from '@plenary/shared/api';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { ApiRequestError } from '../api/http';
import { joinWithInvite, previewInvite } from '../api/session';
import { AppHeader } from '../components/AppHeader';
import { LoadingPage, MessagePage } from '../components/MessagePage';
import { MAX_DISPLAY_NAME_LENGTH, normaliseDisplayName } from '../lib/displayName';
import { navigate } from '../lib/router';
import { strings } from '../lib/strings';
import { useSession } from '../session/SessionContext';

type PreviewState =
  | { status: 'loading' }
  | { status: 'valid'; preview: InvitePreview }
  | { status: 'invalid' }
  | { status: 'failed'; message: string };

/** `/join/:secret`: shows what the link grants, asks for a name, joins, and goes to the landing page. */
export function JoinPage({ secret }: { secret: string }) {
  const { state: sessionState, setSession } = useSession();
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.title = `${strings.join.title} — ${strings.productName}`;
  }, []);

  useEffect(() => {
    let current = true;
    void attempt; // re-runs the preview on "Try again"
    previewInvite(secret).then(
      (value) => {
        if (current) setPreview({ status: 'valid', preview: value });
      },
      (error: unknown) => {
        if (!current) return;
        // A guessed, malformed or revoked link all answer 404 (invite_invalid); a too-short one 400.
        if (error instanceof ApiRequestError && (error.status === 404 || error.status === 400)) {
          setPreview({ status: 'invalid' });
        } else {
          setPreview({ status: 'failed', message: rateLimitedOr(error) });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [secret, attempt]);

  switch (preview.status) {
    case 'loading':
      return <LoadingPage />;
    case 'invalid':
      return <InvalidLink />;
    case 'failed':
      return (
        <MessagePage
          title={strings.join.title}
          body={<p role="alert">{preview.message}</p>}
          actions={
            <button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>
              {strings.retry}
            </button>
          }
        />
      );
    case 'valid':
      return (
        <JoinForm
          secret={secret}
          preview={preview.preview}
          signedInAs={sessionState.status === 'signedIn' ? sessionState.session.participant.displayName : null}
          onJoined={(session) => {
            setSession(session);
            navigate(session.landing, { replace: true });
          }}
          onInvalid={() => setPreview({ status: 'invalid' })}
        />
      );
  }
}

function InvalidLink() {
  return (
    <MessagePage testId="invite-invalid" title={strings.join.invalidTitle} body={<p>{strings.join.invalidBody}</p>} />
  );
}

interface JoinFormProps {
  secret: string;
  preview: InvitePreview;
  signedInAs: string | null;
  onJoined: (session: Awaited<ReturnType<typeof joinWithInvite>>) => void;
  onInvalid: () => void;
}

function JoinForm({ secret, preview, signedInAs, onJoined, onInvalid }: JoinFormProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const displayName = normaliseDisplayName(name);
    if (displayName === '') {
      setError(strings.displayName.required);
      return;
    }
    if (displayName.length > MAX_DISPLAY_NAME_LENGTH) {
      setError(strings.displayName.tooLong(MAX_DISPLAY_NAME_LENGTH));
      return;
    }
    setJoining(true);
    try {
      onJoined(await joinWithInvite(secret, displayName));
    } catch (failure) {
      setJoining(false);
      // Revoked between the preview and the click.
      if (failure instanceof ApiRequestError && failure.status === 404) onInvalid();
      else setError(rateLimitedOr(failure));
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page page--narrow" id="main">
        <h1 className="page__title">{strings.join.title}</h1>
        <div className="card join-card" data-testid="join-preview">
          {preview.workshopTitle !== null ? (
            <p className="join-card__workshop">{strings.join.invitedTo(preview.workshopTitle)}</p>
          ) : (
            <p className="join-card__workshop">{strings.join.operatorInvite}</p>
          )}
          <p className="join-card__role">
            {preview.role === 'member' && preview.groupName !== null
              ? strings.join.asMember(preview.groupName)
              : strings.join.asRole(strings.roleAsArticle[preview.role])}
          </p>
        </div>
        {signedInAs !== null && <p className="notice">{strings.join.alreadySignedIn(signedInAs)}</p>}
        <form className="card stack-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={inputId} className="field-label">
              {strings.join.nameLabel}
            </label>
            <input
              id={inputId}
              className="text-input"
              data-testid="join-name"
              autoComplete="name"
              maxLength={MAX_DISPLAY_NAME_LENGTH * 2}
              value={name}
              aria-invalid={error !== null}
              aria-describedby={error !== null ? `${hintId} ${errorId}` : hintId}
              onChange={(event) => {
                setName(event.target.value);
                setError(null);
              }}
            />
            <p id={hintId} className="muted field-hint">
              {preview.role === 'reader' ? strings.join.readerNameHint : strings.join.nameHint}
            </p>
            {error !== null && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={joining} data-testid="join-submit">
              {joining ? strings.join.joining : strings.join.submit}
            </button>
          </div>
        </form>
      </main>
    </>
  );
}

function rateLimitedOr(error: unknown): string {
  return error instanceof ApiRequestError && error.status === 429 ? strings.join.rateLimited : errorMessage(error);
}
