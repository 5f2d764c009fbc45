import { normaliseRecommendationFields, type RecommendationFields } from '@plenary/shared/domain';
import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId, useMemo, useSyncExternalStore } from 'react';
import { ProvenanceLine } from '../../composer/ProvenanceLine';
import { strings } from '../../lib/strings';
import { CardTabIndexProvider } from './caretRecommendation';
import { EndorseButton } from './EndorseButton';
import { PositionSummary } from './PositionSummary';
import { useRecommendationEnvironment } from './RecommendationEnvironment';

/** Marks the card's own controls, which ProseMirror must leave to the browser (see the node view's stopEvent). */
export const CARD_CHROME = { 'data-card-chrome': '', contentEditable: false, suppressContentEditableWarning: true };

/**
 * A recommendation as a card: number and status, its fields as chips, the editable statement,
 * a warning when the statement is empty, and endorsements and positions that update live.
 */
export function RecommendationCard({ node, getPos }: ReactNodeViewProps) {
  const env = useRecommendationEnvironment();
  const fields = useMemo(() => normaliseRecommendationFields(node.attrs), [node.attrs]);
  const number = useSyncExternalStore(env.numbers.subscribe, () => env.numbers.numberOf(fields.id, currentPos(getPos)));
  const empty = node.textContent.trim() === '';
  const headingId = useId();
  const caretId = useSyncExternalStore(env.caret.subscribe, env.caret.current);
  // While writing, Tab from a statement goes to its own card's controls and past the others; in a
  // read-only document there is no caret to place, so every card keeps its Tab stops.
  const tabIndex = !env.canWrite || (fields.id !== null && caretId === fields.id) ? 0 : -1;

  const openDetails = (button: HTMLElement) => {
    if (fields.id) env.openDialog({ kind: 'details', recommendationId: fields.id, returnFocusTo: button });
  };

  return (
    <CardTabIndexProvider value={tabIndex}>
      <NodeViewWrapper
        className={`rec-card rec-card--${fields.status}${empty ? ' rec-card--empty' : ''}`}
        role="group"
        aria-labelledby={headingId}
        data-testid="recommendation"
        data-recommendation-id={fields.id ?? ''}
        data-number={number ?? ''}
        data-status={fields.status}
      >
        <div className="rec-card__head" {...CARD_CHROME}>
          <span id={headingId} className="rec-card__number" data-testid="recommendation-number">
            {strings.recommendation.heading(number)}
          </span>
          <span className={`rec-status rec-status--${fields.status}`} data-testid="recommendation-status">
            <span className="visually-hidden">{strings.recommendation.statusLabel}: </span>
            {strings.recommendation.statuses[fields.status]}
          </span>
          <button
            type="button"
            className="rec-card__edit"
            data-testid="recommendation-edit"
            aria-haspopup="dialog"
            aria-keyshortcuts={env.canWrite ? 'Alt+Enter' : undefined}
            title={
              env.canWrite
                ? `${strings.recommendation.editDetails} (${strings.recommendation.editShortcutHint})`
                : undefined
            }
            disabled={fields.id === null}
            tabIndex={tabIndex}
            onClick={(event) => openDetails(event.currentTarget)}
          >
            {env.canWrite ? strings.recommendation.editDetails : strings.recommendation.viewDetails}
          </button>
        </div>
        <FieldChips fields={fields} label={strings.recommendation.detailsList(number)} />
        {hasSources(node.attrs.sources) && (
          <div {...CARD_CHROME}>
            <ProvenanceLine sources={node.attrs.sources} recommendationId={fields.id} />
          </div>
        )}
        <NodeViewContent className="rec-card__statement" />
        {empty && (
          <p className="rec-card__empty" data-testid="recommendation-empty" {...CARD_CHROME}>
            <span aria-hidden="true">⚠ </span>
            {strings.recommendation.emptyStatement}
          </p>
        )}
        {env.showReactions && (
          <div className="rec-card__reactions" {...CARD_CHROME}>
            <EndorseButton recommendationId={fields.id} />
            <PositionSummary recommendationId={fields.id} number={number} />
          </div>
        )}
      </NodeViewWrapper>
    </CardTabIndexProvider>
  );
}

/** A brief's recommendation imported from a group carries its sources; one written in place has none. */
const hasSources = (sources: unknown) => Array.isArray(sources) && sources.length > 0;

/** `getPos` throws or returns undefined while the node view is being torn down. */
function currentPos(getPos: () => number | undefined): number | undefined {
  try {
    return getPos();
  } catch {
    return undefined;
  }
}

/** The fields as chips; unset ones say so, so a missing priority is noticed rather than hidden. */
function FieldChips({ fields, label }: { fields: RecommendationFields; label: string }) {
  const labels = strings.recommendation.chipLabels;
  const chips: Array<{ field: string; name: string; value: string | null }> = [
    { field: 'audiences', name: labels.audiences, value: fields.audiences.length ? fields.audiences.join(', ') : null },
    {
      field: 'priority',
      name: labels.priority,
      value: fields.priority && strings.recommendation.priorities[fields.priority],
    },
    { field: 'responsibleBody', name: labels.responsibleBody, value: fields.responsibleBody.trim() || null },
    {
      field: 'timeframe',
      name: labels.timeframe,
      value: fields.timeframe && strings.recommendation.timeframes[fields.timeframe],
    },
  ];
  if (fields.legalReference.trim()) {
    chips.push({ field: 'legalReference', name: labels.legalReference, value: fields.legalReference.trim() });
  }
  return (
    <ul className="rec-chips" aria-label={label} {...CARD_CHROME}>
      {chips.map((chip) => (
        <li
          key={chip.field}
          className={`rec-chip${chip.value === null ? ' rec-chip--unset' : ''}`}
          data-testid="recommendation-chip"
          data-field={chip.field}
        >
          <span className="rec-chip__name">{chip.name}</span>{' '}
          {/* A value reads in its own direction (an Urdu body on an English card, and back). */}
          {chip.value === null ? strings.recommendation.notSet : <bdi>{chip.value}</bdi>}
        </li>
      ))}
    </ul>
  );
}
