import { isValidDocumentId } from '@plenary/shared/protocol';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { AppHeader } from '../components/AppHeader';
import { AppLink } from '../components/AppLink';
import { DisplayNameDialog } from '../components/DisplayNameDialog';
import { NameButton } from '../components/NameButton';
import { useDisplayName } from '../lib/displayName';
import { documentPath, navigate } from '../lib/router';
import { strings } from '../lib/strings';

const DEMO_DOCUMENT_ID = 'demo';

/** The start page: the demo draft, and a field to open any draft by its id. */
export function LandingPage() {
  const name = useDisplayName();
  const [editingName, setEditingName] = useState(false);
  const [draftId, setDraftId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    document.title = strings.productName;
  }, []);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = draftId.trim();
    if (!isValidDocumentId(id)) {
      setError(strings.landing.idInvalid);
      return;
    }
    navigate(documentPath(id));
  };

  return (
    <>
      <AppHeader>{name !== null && <NameButton name={name} onClick={() => setEditingName(true)} />}</AppHeader>
      <main className="page page--narrow" id="main">
        <h1 className="page__title">{strings.landing.title}</h1>
        <p className="page__lead">{strings.landing.intro}</p>

        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="card__title">
            {strings.landing.demoHeading}
          </h2>
          <p>
            <AppLink href={documentPath(DEMO_DOCUMENT_ID)} className="button button--primary">
              {strings.landing.demoLink}
            </AppLink>
          </p>
          <p className="muted">{strings.landing.demoHint}</p>
        </section>

        <section className="card" aria-labelledby="open-heading">
          <h2 id="open-heading" className="card__title">
            {strings.landing.openHeading}
          </h2>
          <form className="open-form" onSubmit={open} noValidate>
            <label htmlFor={inputId} className="field-label">
              {strings.landing.idLabel}
            </label>
            <div className="open-form__row">
              <input
                id={inputId}
                className="text-input"
                value={draftId}
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                aria-invalid={error !== null}
                aria-describedby={error !== null ? `${errorId} ${hintId}` : hintId}
                onChange={(event) => {
                  setDraftId(event.target.value);
                  setError(null);
                }}
              />
              <button type="submit" className="button">
                {strings.landing.openButton}
              </button>
            </div>
            <p id={hintId} className="muted field-hint">
              {strings.landing.idHint}
            </p>
            {error !== null && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </form>
        </section>
      </main>
      {editingName && name !== null && (
        <DisplayNameDialog initialName={name} required={false} onDone={() => setEditingName(false)} />
      )}
    </>
  );
}
