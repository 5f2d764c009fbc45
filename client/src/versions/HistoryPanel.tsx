import type { DocumentInfo, Version, VersionComparison } from '@plenary/shared/api';
import type { Action } from '@plenary/shared/domain';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { ApiRequestError, NetworkError } from '../api/http';
import { compareVersions, deleteVersion, getVersion, listVersions, nameVersion, restoreVersion } from '../api/versions';
import { activeLocale } from '../lib/language';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';
import { VersionDiffView } from './VersionDiffView';
import { VersionPreview } from './VersionPreview';
import './versions.css';
import { useModalDialog } from '../components/useModalDialog';

/** The "History" entry in the document's side column; the history itself opens as a side panel. */
export function HistoryPanel({ info }: { info: DocumentInfo }) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  // The dialog gives the focus back to this button as it closes (useModalDialog).
  const close = useCallback(() => setOpen(false), []);
  return (
    <section className="history-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="presence__heading">
        {strings.versions.heading}
      </h2>
      <p className="muted history-entry__hint">{strings.versions.openHint}</p>
      <button
        type="button"
        className="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="history-open"
      >
        {strings.versions.open}
      </button>
      {open && <HistoryDialog info={info} onClose={close} />}
    </section>
  );
}

type Pane =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'version'; version: Version; content: Record<string, unknown> }
  | { kind: 'compare'; comparison: VersionComparison }
  | { kind: 'confirm-restore'; version: Version }
  | { kind: 'confirm-delete'; version: Version };

const when = (version: Version) =>
  new Intl.DateTimeFormat(activeLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(version.createdAt),
  );
/** How a version is called in messages: its name, or "Automatic version, <time>". */
const labelOf = (version: Version) => version.name ?? `${strings.versions.automatic}, ${when(version)}`;

function HistoryDialog({ info, onClose }: { info: DocumentInfo; onClose: () => void }) {
  const { may, version: workshopVersion } = useWorkshop();
  const dialogRef = useModalDialog();
  const paneRef = useRef<HTMLDivElement>(null);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('now');
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), name: useId(), nameHint: useId(), from: useId(), to: useId(), list: useId() };

  const resource = { groupId: info.groupId, locked: info.locked, document: info.kind };
  const allowed = (action: Action) => may(action, resource);

  const reload = useCallback(async () => {
    try {
      const list = await listVersions(info.documentId);
      setVersions(list);
      setFrom((current) => (list.some((v) => v.id === current) ? current : (list[0]?.id ?? '')));
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, [info.documentId]);

  useEffect(() => {
    // Others name, restore and delete versions too; the workshop's change events say when.
    void workshopVersion;
    void reload();
  }, [reload, workshopVersion]);

  useEffect(() => {
    if (pane.kind !== 'none' && pane.kind !== 'loading') paneRef.current?.focus();
  }, [pane]);

  /** Runs one request; a version deleted meanwhile refreshes the list and says so. */
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.code === 'version_deleted') {
        setPane({ kind: 'none' });
        setError(strings.versions.gone);
        await reload();
      } else {
        setError(messageOf(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  const submitName = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void run(async () => {
      await nameVersion(info.documentId, trimmed);
      setName('');
      setStatus(strings.versions.named(trimmed));
      await reload();
    });
  };

  const openVersion = (version: Version) =>
    run(async () => {
      setPane({ kind: 'loading' });
      const { content } = await getVersion(info.documentId, version.id);
      setPane({ kind: 'version', version, content });
    });

  const compare = (fromId: string, toId: string) =>
    run(async () => {
      setPane({ kind: 'loading' });
      setPane({ kind: 'compare', comparison: await compareVersions(info.documentId, fromId, toId) });
    });

  const restore = (version: Version) =>
    run(async () => {
      await restoreVersion(info.documentId, version.id);
      setPane({ kind: 'none' });
      setStatus(strings.versions.restored(labelOf(version)));
      await reload();
    });

  const remove = (version: Version) =>
    run(async () => {
      await deleteVersion(info.documentId, version.id);
      setPane({ kind: 'none' });
      setStatus(strings.versions.deleted(labelOf(version)));
      await reload();
    });

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes a modal dialog by itself; the click is for the backdrop
    <dialog
      ref={dialogRef}
      className="side-panel history"
      aria-labelledby={ids.title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose();
      }}
      data-testid="history"
    >
      <div className="side-panel__form">
        <div className="side-panel__head">
          <h2 id={ids.title} className="side-panel__title">
            {strings.versions.dialogTitle(info.title)}
          </h2>
          <button type="button" className="button button--quiet" onClick={onClose} data-testid="history-close">
            {strings.versions.close}
          </button>
        </div>

        {allowed('version.create') && (
          <form className="history__name" onSubmit={submitName}>
            <label htmlFor={ids.name} className="field-label">
              {strings.versions.nameLabel}
            </label>
            <p id={ids.nameHint} className="field-hint">
              {strings.versions.nameHint}
            </p>
            <div className="history__name-row">
              <input
                id={ids.name}
                value={name}
                maxLength={120}
                className="text-input"
                onChange={(event) => setName(event.target.value)}
                aria-describedby={ids.nameHint}
                data-testid="version-name-input"
              />
              <button
                type="submit"
                className="button button--primary"
                disabled={busy || !name.trim()}
                data-testid="version-name-submit"
              >
                {strings.versions.nameSubmit}
              </button>
            </div>
          </form>
        )}

        <p role="status" aria-live="polite" className="history__status" data-testid="history-status">
          {status}
        </p>
        {error && (
          <p role="alert" className="banner banner--error" data-testid="history-error">
            {error}
          </p>
        )}

        <h3 id={ids.list} className="history__subheading">
          {strings.versions.listHeading}
        </h3>
        {versions === null ? (
          <p className="muted">{strings.versions.loading}</p>
        ) : versions.length === 0 ? (
          <p className="muted" data-testid="version-empty">
            {allowed('version.create') ? strings.versions.empty : strings.versions.emptyReadOnly}
          </p>
        ) : (
          <ul className="history__list" aria-labelledby={ids.list} data-testid="version-list">
            {versions.map((version) => (
              <li
                key={version.id}
                className="history__item"
                data-testid="version-item"
                data-kind={version.kind}
                data-version-name={version.name ?? ''}
              >
                <div className="history__item-text">
                  <strong>{version.name ?? strings.versions.automatic}</strong>
                  <span className="muted">
                    <time dateTime={version.createdAt}>{when(version)}</time>
                    {version.createdBy && <> · {strings.versions.by(version.createdBy)}</>}
                  </span>
                </div>
                <div className="history__item-actions">
                  <ItemButton
                    label={strings.versions.openVersion}
                    of={version}
                    testId="version-open"
                    disabled={busy}
                    onClick={() => openVersion(version)}
                  />
                  <ItemButton
                    label={strings.versions.compareNow}
                    of={version}
                    testId="version-compare-now"
                    disabled={busy}
                    onClick={() => compare(version.id, 'now')}
                  />
                  {allowed('version.restore') && (
                    <ItemButton
                      label={strings.versions.restore}
                      of={version}
                      testId="version-restore"
                      disabled={busy}
                      onClick={() => setPane({ kind: 'confirm-restore', version })}
                    />
                  )}
                  {allowed('version.delete') && (
                    <ItemButton
                      label={strings.versions.delete}
                      of={version}
                      testId="version-delete"
                      disabled={busy}
                      danger
                      onClick={() => setPane({ kind: 'confirm-delete', version })}
                    />
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}

        {versions !== null && versions.length > 0 && (
          <form
            className="history__compare"
            onSubmit={(event) => {
              event.preventDefault();
              if (from) void compare(from, to);
            }}
          >
            <h3 className="history__subheading">{strings.versions.compareHeading}</h3>
            <div className="history__compare-row">
              <label htmlFor={ids.from} className="field-label">
                {strings.versions.compareFrom}
              </label>
              <select
                id={ids.from}
                className="text-input"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                data-testid="compare-from"
              >
                {versions.map((version) => (
                  <option key={version.id} value={version.id}>
                    {labelOf(version)}
                  </option>
                ))}
              </select>
              <label htmlFor={ids.to} className="field-label">
                {strings.versions.compareTo}
              </label>
              <select
                id={ids.to}
                className="text-input"
                value={to}
                onChange={(event) => setTo(event.target.value)}
                data-testid="compare-to"
              >
                <option value="now">{strings.versions.now}</option>
                {versions.map((version) => (
                  <option key={version.id} value={version.id}>
                    {labelOf(version)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button" disabled={busy || !from} data-testid="compare-submit">
              {strings.versions.compareSubmit}
            </button>
          </form>
        )}

        <div ref={paneRef} tabIndex={-1} className="history__pane" aria-live="polite">
          <PaneView
            pane={pane}
            busy={busy}
            onRestore={restore}
            onDelete={remove}
            onCancel={() => setPane({ kind: 'none' })}
          />
        </div>
      </div>
    </dialog>
  );
}

function ItemButton(props: {
  label: string;
  of: Version;
  testId: string;
  disabled: boolean;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`button button--small${props.danger ? ' button--danger' : ''}`}
      // The visible word is short; the accessible name says which version it acts on.
      aria-label={`${props.label}: ${labelOf(props.of)}`}
      disabled={props.disabled}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.label}
    </button>
  );
}

function PaneView({
  pane,
  busy,
  onRestore,
  onDelete,
  onCancel,
}: {
  pane: Pane;
  busy: boolean;
  onRestore: (version: Version) => void;
  onDelete: (version: Version) => void;
  onCancel: () => void;
}) {
  switch (pane.kind) {
    case 'none':
      return null;
    case 'loading':
      return <p className="muted">{strings.versions.loading}</p>;
    case 'version':
      return (
        <>
          <h3 className="history__subheading">{strings.versions.viewing(labelOf(pane.version))}</h3>
          <VersionPreview content={pane.content} label={labelOf(pane.version)} />
        </>
      );
    case 'compare': {
      const { comparison } = pane;
      return (
        <>
          <h3 className="history__subheading">
            {strings.versions.comparing(
              labelOf(comparison.from),
              comparison.to ? labelOf(comparison.to) : strings.versions.nowLabel,
            )}
          </h3>
          <VersionDiffView comparison={comparison} />
        </>
      );
    }
    case 'confirm-restore':
      return (
        <ConfirmPane
          label={strings.versions.confirmTitle(labelOf(pane.version))}
          heading
          body={strings.versions.confirmBody}
          confirmLabel={strings.versions.confirmRestore}
          confirmClass="button--primary"
          testId="restore-confirm"
          busy={busy}
          onConfirm={() => onRestore(pane.version)}
          onCancel={onCancel}
        />
      );
    case 'confirm-delete':
      return (
        <ConfirmPane
          label={strings.versions.confirmDelete(labelOf(pane.version))}
          confirmLabel={strings.versions.delete}
          confirmClass="button--danger-solid"
          testId="delete-confirm"
          busy={busy}
          onConfirm={() => onDelete(pane.version)}
          onCancel={onCancel}
        />
      );
    default:
      return null;
  }
}

/**
 * Asks before a restore or a delete: the question (as heading, or as the text itself), Cancel, and
 * the confirming button.
 */
function ConfirmPane(props: {
  label: string;
  heading?: boolean;
  body?: string;
  confirmLabel: string;
  confirmClass: string;
  testId: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <section className="history__confirm" aria-label={props.label} data-testid={props.testId}>
      {props.heading ? <h3 className="history__subheading">{props.label}</h3> : <p>{props.label}</p>}
      {props.body !== undefined && <p>{props.body}</p>}
      <div className="history__confirm-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          {strings.versions.cancel}
        </button>
        <button
          type="button"
          className={`button ${props.confirmClass}`}
          disabled={props.busy}
          onClick={props.onConfirm}
          data-testid={`${props.testId}-button`}
        >
          {props.confirmLabel}
        </button>
      </div>
    </section>
  );
}

function messageOf(error: unknown): string {
  return error instanceof ApiRequestError || error instanceof NetworkError
    ? errorMessage(error)
    : strings.versions.failed;
}
