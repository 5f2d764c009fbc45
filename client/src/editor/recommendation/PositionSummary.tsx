import { STANCES } from '@plenary/shared/domain';
import { useSyncExternalStore } from 'react';
import { strings } from '../../lib/strings';
import { useCardTabIndex } from './caretRecommendation';
import { useRecommendationEnvironment } from './RecommendationEnvironment';

interface PositionSummaryProps {
  recommendationId: string | null;
  number: number | null;
}

/** The positions recorded on a recommendation, tallied by audience, with who said what one click away. */
export function PositionSummary({ recommendationId, number }: PositionSummaryProps) {
  const env = useRecommendationEnvironment();
  const tabIndex = useCardTabIndex();
  const reactions = useSyncExternalStore(env.reactions.subscribe, () => env.reactions.get(recommendationId));
  const mine = reactions.positions.find((p) => p.participantId === env.participant.id) ?? null;
  const audiences = Object.keys(reactions.tallyByAudience).sort(byAudienceOrder(env.audiences));

  return (
    <div className="rec-positions">
      <span className="rec-positions__title">{strings.recommendation.positions}</span>
      {audiences.length === 0 ? (
        <span className="rec-positions__none">{strings.recommendation.noPositions}</span>
      ) : (
        <ul className="rec-tally" data-testid="position-tally">
          {audiences.map((audience) => {
            const tally = reactions.tallyByAudience[audience];
            if (!tally) return null;
            return (
              <li key={audience} className="rec-tally__row" data-audience={audience}>
                <span className="rec-tally__audience">{audience || strings.recommendation.noAudience}:</span>{' '}
                {STANCES.filter((stance) => tally[stance] > 0).map((stance) => (
                  <span key={stance} className={`rec-stance rec-stance--${stance}`} data-stance={stance}>
                    {strings.recommendation.tally(tally[stance], stance)}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {reactions.positions.length > 0 && (
        <details className="rec-positions__details">
          <summary tabIndex={tabIndex}>{strings.recommendation.showPositions(reactions.positions.length)}</summary>
          <ul className="rec-positions__list" data-testid="position-list">
            {reactions.positions.map((position) => (
              <li key={position.participantId} className="rec-position" data-stance={position.stance}>
                <strong>
                  <bdi>{position.organisation || position.name}</bdi>
                </strong>
                {position.audience && <span className="muted"> ({position.audience})</span>}:{' '}
                <span className={`rec-stance rec-stance--${position.stance}`}>
                  {strings.recommendation.stances[position.stance]}
                </span>
                {position.reason && (
                  <>
                    {' '}
                    — <bdi>{position.reason}</bdi>
                  </>
                )}{' '}
                <span className="muted">{strings.recommendation.positionBy(position.name)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {env.canReact && recommendationId !== null && (
        <button
          type="button"
          className="rec-positions__record"
          data-testid="position-button"
          tabIndex={tabIndex}
          aria-haspopup="dialog"
          aria-label={`${mine ? strings.recommendation.changePosition : strings.recommendation.recordPosition} (${strings.recommendation.heading(number)})`}
          onClick={(event) =>
            env.openDialog({ kind: 'position', recommendationId, returnFocusTo: event.currentTarget })
          }
        >
          {mine ? strings.recommendation.changePosition : strings.recommendation.recordPosition}
        </button>
      )}
    </div>
  );
}

/** Audiences in the workshop's order, then any others alphabetically, then "no audience" last. */
function byAudienceOrder(order: readonly string[]) {
  const rank = (audience: string) => {
    if (audience === '') return Number.MAX_SAFE_INTEGER;
    const index = order.indexOf(audience);
    return index === -1 ? order.length : index;
  };
  return (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
}
