import type { Brief } from '@plenary/shared/api';
import { type FormEvent, useId, useRef, useState } from 'react';
import { createBrief, deleteBrief, renameBrief } from '../api/workshops';
import { AppLink } from '../components/AppLink';
import { ConfirmBox } from '../components/ConfirmBox';
import { FormError } from '../components/FormError';
import { focusedElement, returnFocus } from '../components/returnFocus';
import { TextField } from '../components/TextField';
import { composerPath, documentPath } from '../lib/router';
import { strings } from '../lib/strings';
import { PublishButton } from './PublishButton';
import { useFormAction } from './useFormAction';
import { useWorkshop } from './WorkshopContext';

/** The workshop's briefs, and for those who may write them a field to start one. */
export function BriefsSection() {
  const { home, may } = useWorkshop();
  const { briefs } = home;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="briefs-heading">
      <h2 id="briefs-heading" className="card__title" ref={headingRef} tabIndex={-1}>
        {strings.home.briefsHeading}
      </h2>
      <p className="visually-hidden" role="status">
        {deleted !== null ? strings.home.briefDeleted(deleted) : ''}
      </p>
      {briefs.length === 0 ? (
        <p className="muted">{strings.home.noBriefs}</p>
      ) : (
        <ul className="item-list" data-testid="brief-list">
          {briefs.map((brief) => (
            <BriefRow
              key={brief.id}
              brief={brief}
              onDeleted={() => {
                setDeleted(brief.title);
                // The row and its buttons are gone: the list's heading keeps the keyboard's place.
                headingRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      {may('brief.write') && <AddBriefForm />}
    </section>
  );
}

/**
 * One brief: its link, and for its writers Publish, Compose, Rename and (while it is unpublished:
 * a published page keeps its brief) Delete.
 */
function BriefRow({ brief, onDeleted }: { brief: Brief; onDeleted: () => void }) {
  const { home, may, refresh } = useWorkshop();
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { busy, error, run } = useFormAction();
  const renameRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const errorId = useId();
  const published = home.published.some((entry) => entry.briefId === brief.id);
  const stopRenaming = () => {
    // Back to the button that opened the form, once it is back: one frame was not always enough
    // for the row to render again, and the focus then fell to the page.
    returnFocus(focusedElement(), () => renameRef.current, { openerGoes: true });
    setRenaming(false);
  };
  if (renaming) {
    return (
      <li className="item-list__item" data-testid="brief-row">
        <RenameBriefForm brief={brief} onDone={stopRenaming} />
      </li>
    );
  }
  return (
    <li className="item-list__item" data-testid="brief-row">
      <div className="item-list__main">
        <AppLink href={documentPath(home.workshop.id, brief.documentId)} className="item-list__title">
          {brief.title}
        </AppLink>
      </div>
      <div className="item-list__actions">
        {may('brief.publish') && <PublishButton briefId={brief.id} title={brief.title} />}
        {may('brief.write') && (
          <>
            <AppLink
              href={composerPath(home.workshop.id, brief.id)}
              className="button button--small"
              data-testid="compose-link"
            >
              {strings.composer.composeLink}
            </AppLink>
            <button
              ref={renameRef}
              type="button"
              className="button button--small"
              onClick={() => setRenaming(true)}
              aria-label={strings.home.renameBriefNamed(brief.title)}
              data-testid="brief-rename"
            >
              {strings.home.renameBrief}
            </button>
            {!published && (
              <button
                ref={deleteRef}
                type="button"
                className="button button--small button--danger"
                onClick={() => setConfirmingDelete(true)}
                disabled={busy}
                aria-label={strings.home.deleteBriefNamed(brief.title)}
                data-testid="brief-delete"
              >
                {strings.home.deleteBrief}
              </button>
            )}
          </>
        )}
      </div>
      <FormError id={errorId} message={error} />
      {confirmingDelete && (
        <ConfirmBox
          question={strings.home.confirmDeleteBrief(brief.title)}
          confirmLabel={strings.home.confirmDeleteBriefButton}
          cancelLabel={strings.invites.cancel}
          onConfirm={() =>
            void run(
              async () => {
                await deleteBrief(home.workshop.id, brief.id);
                onDeleted();
                refresh();
              },
              // Refused (published meanwhile, say): the box goes, the error shows, Delete has the focus.
              { thenStayBusy: true, focusInstead: () => deleteRef.current },
            ).then(() => setConfirmingDelete(false))
          }
          onCancel={() => setConfirmingDelete(false)}
          busy={busy}
          testId="brief-delete-confirm"
        />
      )}
    </li>
  );
}

function RenameBriefForm({ brief, onDone }: { brief: Brief; onDone: () => void }) {
  const { home, refresh } = useWorkshop();
  const [title, setTitle] = useState(brief.title);
  const { busy, error, setError, run } = useFormAction();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') return setError(strings.home.briefTitleRequired);
    if (trimmed === brief.title) return onDone();
    void run(async () => {
      await renameBrief(home.workshop.id, brief.id, trimmed);
      refresh();
      onDone();
    });
  };

  return (
    <form
      className="inline-form"
      onSubmit={submit}
      noValidate
      data-testid="rename-brief-form"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onDone();
      }}
    >
      <TextField
        label={strings.home.renameBriefLabel(brief.title)}
        hint={strings.home.renameBriefHint}
        value={title}
        errorId={error !== null ? errorId : null}
        autoFocus
        onChange={(value) => {
          setTitle(value);
          setError(null);
        }}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {strings.home.saveBriefTitle}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone} disabled={busy}>
          {strings.home.cancelRename}
        </button>
      </div>
      <FormError id={errorId} message={error} />
    </form>
  );
}

function AddBriefForm() {
  const { home, refresh } = useWorkshop();
  const [title, setTitle] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') {
      setError(strings.home.briefTitleRequired);
      return;
    }
    void run(async () => {
      await createBrief(home.workshop.id, trimmed);
      setTitle('');
      refresh();
    });
  };

  return (
    <form className="inline-form inline-form--top-gap" onSubmit={submit} noValidate data-testid="add-brief-form">
      <TextField
        label={strings.home.addBriefHeading}
        placeholder={strings.home.briefTitle}
        value={title}
        errorId={error !== null ? errorId : null}
        onChange={(value) => {
          setTitle(value);
          setError(null);
        }}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {strings.home.addBrief}
        </button>
      </div>
      <FormError id={errorId} message={error} />
    </form>
  );
}
