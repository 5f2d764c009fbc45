import type { RecommendationItem } from '@plenary/shared/api';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { strings } from '../lib/strings';
import {
  type BriefEntry,
  type PoolFilters as Filters,
  filterPool,
  itemKey,
  NO_FILTERS,
  sourceGroupNames,
} from './composerModel';
import { PoolFilters } from './PoolFilters';

interface RecommendationPoolProps {
  /** Null while the first answer is on its way. */
  items: RecommendationItem[] | null;
  coverage: { used: number; total: number } | null;
  /** The brief recommendation holding each group recommendation (by source key). */
  bySource: ReadonlyMap<string, BriefEntry>;
  selection: ReadonlySet<string>;
  onSelectionChange(next: Set<string>): void;
  onImport(items: RecommendationItem[]): void;
  onMerge(items: RecommendationItem[]): void;
  onGoTo(recommendationId: string): void;
  onSplit(recommendationId: string): void;
  busy: boolean;
  /** Shown under the actions: "already in the brief — go to it", errors. */
  notice: ReactNode;
  /** The last load failed: with no list yet this is what the pane shows, else a quiet warning. */
  loadError: string | null;
}

/**
 * Every group's recommendations in one list: filters, coverage, "in the brief" / "not yet" marks,
 * selection with Import and Merge, and per item Import, "Go to it" and Split.
 */
export function RecommendationPool(props: RecommendationPoolProps) {
  const { items, coverage, bySource, selection, onSelectionChange, busy } = props;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const headingId = useId();
  const inBrief = (item: RecommendationItem) => {
    const key = itemKey(item);
    return key !== null && bySource.has(key);
  };
  const shown = useMemo(
    () => (items === null ? [] : filterPool(items, filters, (item) => bySource.has(itemKey(item) ?? ''))),
    [items, filters, bySource],
  );
  const selectedItems = (items ?? []).filter((item) => selection.has(itemKey(item) ?? ''));
  // What "import everything" means with the filters applied: the shown ones the brief still lacks.
  const selectable = shown.flatMap((item) => {
    const key = itemKey(item);
    return key !== null && !bySource.has(key) && !selection.has(key) ? [key] : [];
  });

  const toggle = (key: string, on: boolean) => {
    const next = new Set(selection);
    if (on) next.add(key);
    else next.delete(key);
    onSelectionChange(next);
  };

  return (
    <section className="composer__pool" aria-labelledby={headingId} data-testid="composer-pool">
      <div className="pool__head">
        <h2 id={headingId} className="composer__pane-title">
          {strings.composer.poolHeading}
        </h2>
        {coverage !== null && (
          <p className="pool__coverage" data-testid="composer-coverage" aria-live="polite">
            {strings.composer.coverage(coverage.used, coverage.total)}
          </p>
        )}
      </div>
      {items !== null && <PoolFilters filters={filters} onChange={setFilters} items={items} />}

      <div className="pool__actions" role="toolbar" aria-label={strings.composer.selected(selectedItems.length)}>
        <span className="pool__selected" data-testid="selection-count">
          {strings.composer.selected(selectedItems.length)}
        </span>
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="import-selected"
          disabled={busy || selectedItems.length === 0}
          onClick={() => props.onImport(selectedItems)}
        >
          {strings.composer.importSelected}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="merge-selected"
          aria-haspopup="dialog"
          disabled={busy || selectedItems.length < 2}
          onClick={() => props.onMerge(selectedItems)}
        >
          {strings.composer.mergeSelected}
        </button>
        {selectable.length > 0 && (
          <button
            type="button"
            className="button button--small button--quiet"
            data-testid="select-shown"
            onClick={() => onSelectionChange(new Set([...selection, ...selectable]))}
          >
            {strings.composer.selectShownNotInBrief(selectable.length)}
          </button>
        )}
        {selectedItems.length > 0 && (
          <button
            type="button"
            className="button button--small button--quiet"
            data-testid="clear-selection"
            onClick={() => onSelectionChange(new Set())}
          >
            {strings.composer.clearSelection}
          </button>
        )}
      </div>
      {props.notice}
      {props.loadError !== null && items !== null && (
        <p className="banner banner--warning" role="status">
          {strings.composer.refreshFailed}
        </p>
      )}

      {items === null ? (
        props.loadError !== null ? (
          <p className="banner banner--error" role="alert">
            {props.loadError}
          </p>
        ) : (
          <p className="muted" role="status">
            {strings.composer.loadingList}
          </p>
        )
      ) : (
        <>
          <p className="pool__showing muted" aria-live="polite" data-testid="pool-showing">
            {items.length === 0
              ? strings.composer.noRecommendations
              : strings.composer.showing(shown.length, items.length)}
          </p>
          {items.length > 0 && shown.length === 0 && <p className="muted">{strings.composer.noMatches}</p>}
          <ul className="pool__list" data-testid="pool-list">
            {shown.map((item) => {
              const key = itemKey(item);
              return (
                <PoolItem
                  key={key ?? `${item.documentId}@${item.number}`}
                  item={item}
                  entry={key === null ? undefined : bySource.get(key)}
                  selected={key !== null && selection.has(key)}
                  inBrief={inBrief(item)}
                  busy={busy}
                  onToggle={(on) => key !== null && toggle(key, on)}
                  onImport={() => props.onImport([item])}
                  onGoTo={props.onGoTo}
                  onSplit={props.onSplit}
                />
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

interface PoolItemProps {
  item: RecommendationItem;
  entry: BriefEntry | undefined;
  selected: boolean;
  inBrief: boolean;
  busy: boolean;
  onToggle(on: boolean): void;
  onImport(): void;
  onGoTo(recommendationId: string): void;
  onSplit(recommendationId: string): void;
}

function PoolItem({ item, entry, selected, inBrief, busy, onToggle, onImport, onGoTo, onSplit }: PoolItemProps) {
  const id = useId();
  const tally = { supports: 0, reservations: 0, opposes: 0 };
  for (const position of item.positions) tally[position.stance] += 1;
  const hasPositions = item.positions.length > 0;
  const mergedGroups = entry && entry.sources.length > 1 ? sourceGroupNames(entry) : null;
  const merged = mergedGroups !== null;
  // Import and Split disappear once they have done their work; the keyboard stays on this item.
  const goToRef = useRef<HTMLButtonElement>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const actionHadFocus = useRef(false);
  const keepFocus = {
    onFocus: () => {
      actionHadFocus.current = true;
    },
    onBlur: (event: { relatedTarget: unknown }) => {
      // A blur towards another element is the person moving on; a removed button blurs towards nothing.
      if (event.relatedTarget !== null) actionHadFocus.current = false;
    },
  };
  useEffect(() => {
    // Runs when the item enters the brief or stops being merged: the moments those buttons go.
    void inBrief;
    void merged;
    if (!actionHadFocus.current || document.activeElement !== document.body) return;
    actionHadFocus.current = false;
    (goToRef.current ?? checkboxRef.current)?.focus();
  }, [inBrief, merged]);

  return (
    <li
      className={`pool-item${selected ? ' pool-item--selected' : ''}${inBrief ? ' pool-item--in-brief' : ''}`}
      data-testid="pool-item"
      data-group-name={item.groupName}
      data-recommendation-id={item.id ?? ''}
      data-in-brief={inBrief ? 'true' : 'false'}
    >
      <div className="pool-item__head">
        <input
          ref={checkboxRef}
          id={`${id}-select`}
          type="checkbox"
          className="pool-item__checkbox"
          data-testid="pool-select"
          checked={selected}
          disabled={item.id === null}
          aria-describedby={`${id}-text`}
          onChange={(event) => onToggle(event.target.checked)}
        />
        <label htmlFor={`${id}-select`} className="pool-item__label" id={`${id}-heading`}>
          {strings.composer.itemHeading(item.groupName, item.number)}
        </label>
        <span className={`badge ${inBrief ? 'badge--ok' : ''} pool-item__mark`} data-testid="pool-in-brief">
          {inBrief ? strings.composer.inTheBrief : strings.composer.notYet}
        </span>
      </div>
      <p id={`${id}-text`} className={`pool-item__text${item.empty ? ' muted' : ''}`} dir="auto">
        {item.empty ? strings.composer.emptyStatement : item.text}
      </p>
      <ul className="pool-item__chips" aria-label={strings.composer.details}>
        {item.audiences.map((audience) => (
          <li key={audience} className="chip">
            {audience}
          </li>
        ))}
        {item.priority && <li className="chip">{strings.recommendation.priorities[item.priority]}</li>}
        {/* What a rapporteur weighs before merging two: who is to act, by when, under which law. */}
        {item.responsibleBody.trim() !== '' && (
          <li className="chip" dir="auto" data-field="responsibleBody">
            {strings.recommendation.chipLabels.responsibleBody}: {item.responsibleBody}
          </li>
        )}
        {item.timeframe && (
          <li className="chip" data-field="timeframe">
            {strings.recommendation.timeframes[item.timeframe]}
          </li>
        )}
        {item.legalReference.trim() !== '' && (
          <li className="chip" dir="auto" data-field="legalReference">
            {strings.recommendation.chipLabels.legalReference}: {item.legalReference}
          </li>
        )}
        <li className={`chip pool-item__status pool-item__status--${item.status}`}>
          {strings.recommendation.statuses[item.status]}
        </li>
      </ul>
      <p className="pool-item__reactions muted">
        {strings.composer.endorsements(item.endorsementCount)} ·{' '}
        {hasPositions
          ? strings.composer.stances(tally.supports, tally.reservations, tally.opposes)
          : strings.composer.noPositions}
      </p>
      {mergedGroups && (
        <p className="pool-item__merged" data-testid="pool-merged-from">
          {strings.composer.mergedFrom(mergedGroups.join(strings.composer.listSeparator))}
        </p>
      )}
      <div className="pool-item__actions">
        {!inBrief && (
          <button
            type="button"
            className="button button--small"
            data-testid="pool-import"
            {...keepFocus}
            disabled={busy || item.id === null}
            aria-describedby={`${id}-heading`}
            onClick={onImport}
          >
            {strings.composer.importOne}
          </button>
        )}
        {entry && (
          <button
            ref={goToRef}
            type="button"
            className="button button--small"
            data-testid="pool-go-to"
            aria-describedby={`${id}-heading`}
            onClick={() => onGoTo(entry.recommendationId)}
          >
            {strings.composer.goToIt}
          </button>
        )}
        {entry && mergedGroups && (
          <button
            type="button"
            className="button button--small button--quiet"
            data-testid="pool-split"
            {...keepFocus}
            disabled={busy}
            aria-label={strings.composer.splitLabel(mergedGroups.join(strings.composer.listSeparator))}
            onClick={() => onSplit(entry.recommendationId)}
          >
            {strings.composer.split}
          </button>
        )}
      </div>
    </li>
  );
}
