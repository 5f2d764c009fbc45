import type { SourceChange } from '@plenary/shared/api';
import { excerpt } from '@plenary/shared/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { FieldChangeList } from '../components/FieldChangeList';
import { strings } from '../lib/strings';
import { sourcesNeedingAttention } from './composerModel';
import { hasChanges, WordDiff } from './WordDiff';

/** A request from elsewhere (a card's "Source changed" badge) to open one change; `nonce` repeats it. */
export interface ChangeFocusRequest {
  recommendationId: string;
  sourceIndex: number;
  nonce: number;
}

interface SourceChangesPanelProps {
  changes: readonly SourceChange[];
  /** How many sources each brief recommendation has: a merged one cannot be pulled. */
  sourceCounts: ReadonlyMap<string, number>;
  canWrite: boolean;
  busy: boolean;
  focusRequest: ChangeFocusRequest | null;
  /** Resolve once done; focus then moves to the panel's heading, as the entry may be gone. */
  onPull(change: SourceChange): Promise<void>;
  onKeep(change: SourceChange): Promise<void>;
  onGoTo(recommendationId: string): void;
}

const changeKey = (change: Pick<SourceChange, 'recommendationId' | 'sourceIndex'>) =>
  `${change.recommendationId ?? ''}/${change.sourceIndex}`;

/**
 * Imported recommendations whose group changed or removed them. A changed one opens a three-way
 * view — what the group changed since the rapporteurs last imported, pulled or kept it, and the
 * brief's own edits — with "Pull the group's version" and "Keep the brief's text". A removed
 * source is said plainly, never as an error, and can be kept in the brief for good.
 */
export function SourceChangesPanel(props: SourceChangesPanelProps) {
  const { focusRequest } = props;
  const headingId = useId();
  const attention = sourcesNeedingAttention(props.changes);
  const changedCount = attention.filter((change) => change.status === 'changed').length;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const afterAction = (action: Promise<void>) => {
    void action.then(() => headingRef.current?.focus());
  };

  useEffect(() => {
    if (focusRequest === null) return;
    const key = changeKey(focusRequest);
    setOpen((current) => new Set(current).add(key));
    // After the entry has opened: move focus to it so the keyboard continues from there.
    requestAnimationFrame(() => {
      const entry = listRef.current?.querySelector<HTMLElement>(`[data-change-key="${CSS.escape(key)}"]`);
      entry?.scrollIntoView({ block: 'start' });
      entry?.focus();
    });
  }, [focusRequest]);

  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <section className="source-changes" aria-labelledby={headingId} data-testid="source-changes">
      <h2 id={headingId} className="source-changes__title" ref={headingRef} tabIndex={-1}>
        {strings.composer.changesHeading}
        {changedCount > 0 && (
          <span className="badge badge--warning source-changes__count" data-testid="source-changes-count">
            {strings.composer.changedCount(changedCount)}
          </span>
        )}
      </h2>
      {attention.length === 0 ? (
        <p className="muted source-changes__none">
          {props.changes.length === 0 ? strings.composer.noImportsYet : strings.composer.noChanges}
        </p>
      ) : (
        <ul className="source-changes__list" ref={listRef}>
          {attention.map((change) => (
            <ChangeEntry
              key={changeKey(change)}
              change={change}
              changeKeyValue={changeKey(change)}
              open={open.has(changeKey(change))}
              merged={(props.sourceCounts.get(change.recommendationId ?? '') ?? 1) > 1}
              canWrite={props.canWrite}
              busy={props.busy}
              onToggle={() => toggle(changeKey(change))}
              onPull={() => afterAction(props.onPull(change))}
              onKeep={() => afterAction(props.onKeep(change))}
              onGoTo={props.onGoTo}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface ChangeEntryProps {
  change: SourceChange;
  changeKeyValue: string;
  open: boolean;
  merged: boolean;
  canWrite: boolean;
  busy: boolean;
  onToggle(): void;
  onPull(): void;
  onKeep(): void;
  onGoTo(recommendationId: string): void;
}

function ChangeEntry({ change, changeKeyValue, open, merged, canWrite, busy, ...actions }: ChangeEntryProps) {
  const id = useId();
  const what = excerpt(change.briefText || change.importedText);
  const changed = change.status === 'changed';
  const summary = changed
    ? strings.composer.changedSummary(change.groupName, what)
    : change.status === 'removed'
      ? change.groupDeleted
        ? strings.composer.groupDeletedSummary(change.groupName, what)
        : strings.composer.removedSummary(change.groupName, what)
      : strings.composer.unavailableSummary(change.groupName, what);
  const badge = changed
    ? strings.composer.sourceChanged
    : change.status === 'removed'
      ? strings.composer.sourceRemoved
      : strings.composer.sourceUnavailable;

  return (
    <li
      className={`source-change source-change--${change.status}`}
      data-testid="source-change"
      data-status={change.status}
      data-group-name={change.groupName}
      data-recommendation-id={change.recommendationId ?? ''}
      data-change-key={changeKeyValue}
      tabIndex={-1}
    >
      <p className="source-change__summary">
        <span className={`badge ${changed ? 'badge--warning' : ''}`} data-testid="source-change-badge">
          {badge}
        </span>{' '}
        {summary}
      </p>
      <div className="source-change__buttons">
        {changed && (
          <button
            type="button"
            className="button button--small"
            data-testid="source-change-toggle"
            aria-expanded={open}
            aria-controls={`${id}-detail`}
            onClick={actions.onToggle}
          >
            {open ? strings.composer.hideChanges : strings.composer.viewChanges}
          </button>
        )}
        {change.status === 'removed' && canWrite && (
          <button
            type="button"
            className="button button--small"
            data-testid="source-removal-keep"
            disabled={busy}
            onClick={actions.onKeep}
          >
            {strings.composer.keepAfterRemoval}
          </button>
        )}
        {change.recommendationId !== null && (
          <button
            type="button"
            className="button button--small button--quiet"
            data-testid="source-change-go-to"
            onClick={() => change.recommendationId && actions.onGoTo(change.recommendationId)}
          >
            {strings.composer.goToIt}
          </button>
        )}
      </div>
      {changed && open && (
        <div id={`${id}-detail`} className="source-change__detail">
          <div className="three-way">
            <div className="three-way__side">
              <h3 className="three-way__title">{strings.composer.groupChanged(change.groupName)}</h3>
              <WordDiff parts={change.sourceDiff} testId="source-diff" />
              {change.sourceFields.length > 0 && (
                <FieldChangeList changes={change.sourceFields} testId="source-fields" />
              )}
            </div>
            <div className="three-way__side">
              <h3 className="three-way__title">{strings.composer.briefEdits}</h3>
              {hasChanges(change.briefDiff) ? (
                <WordDiff parts={change.briefDiff} testId="brief-diff" />
              ) : (
                <p className="muted" data-testid="brief-diff">
                  {change.briefFields.length > 0 ? strings.composer.noBriefTextEdits : strings.composer.noBriefEdits}
                </p>
              )}
              {change.briefFields.length > 0 && <FieldChangeList changes={change.briefFields} testId="brief-fields" />}
            </div>
          </div>
          {change.conflicting && !merged && (
            <p className="notice source-change__warning">{strings.composer.conflicting}</p>
          )}
          {merged && <p className="notice source-change__warning">{strings.composer.mergedPullHint}</p>}
          {canWrite && (
            <div className="source-change__actions">
              {!merged && (
                <button
                  type="button"
                  className="button button--small button--primary"
                  data-testid="source-pull"
                  disabled={busy}
                  onClick={actions.onPull}
                >
                  {strings.composer.pull}
                </button>
              )}
              <button
                type="button"
                className="button button--small"
                data-testid="source-keep"
                disabled={busy}
                onClick={actions.onKeep}
              >
                {strings.composer.keep}
              </button>
            </div>
          )}
        </div>
      )}
    </li>
  );
}
