import { useId, useState, useSyncExternalStore } from 'react';
import { strings } from '../../lib/strings';
import { useCardTabIndex } from './caretRecommendation';
import { useRecommendationEnvironment } from './RecommendationEnvironment';

/**
 * Endorse (or withdraw) with one press; the count updates live. Who endorsed shows on hover and
 * on focus (and is the button's description for screen readers); Esc hides it.
 */
export function EndorseButton({ recommendationId }: { recommendationId: string | null }) {
  const env = useRecommendationEnvironment();
  const tabIndex = useCardTabIndex();
  const reactions = useSyncExternalStore(env.reactions.subscribe, () => env.reactions.get(recommendationId));
  const [hidden, setHidden] = useState(false);
  const whoId = useId();
  const endorsed = reactions.endorsements.some((e) => e.participantId === env.participant.id);
  const count = reactions.endorsements.length;
  const names = reactions.endorsements.map((e) => e.name || strings.recommendation.someone).join(', ');

  const toggle = () => {
    if (recommendationId === null || !env.canReact) return;
    env.reactions.setEndorsed(recommendationId, env.participant, !endorsed);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Esc only hides the hover text of the button inside
    <span
      className={`rec-endorse${hidden ? ' rec-endorse--quiet' : ''}`}
      onMouseLeave={() => setHidden(false)}
      onBlur={() => setHidden(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setHidden(true);
      }}
    >
      <button
        type="button"
        className="rec-endorse__button"
        data-testid="endorse-button"
        tabIndex={tabIndex}
        aria-pressed={endorsed}
        aria-describedby={whoId}
        disabled={recommendationId === null || !env.canReact}
        title={env.canReact ? undefined : strings.recommendation.reactionsLocked}
        onClick={toggle}
      >
        <ThumbIcon />
        <span>{endorsed ? strings.recommendation.endorsed : strings.recommendation.endorse}</span>
        <span className="rec-endorse__count" data-testid="endorsement-count">
          {count}
        </span>
        <span className="visually-hidden"> {strings.recommendation.endorsements(count)}</span>
      </button>
      <span id={whoId} role="tooltip" className="rec-endorse__who" data-testid="endorsers">
        {count === 0 ? strings.recommendation.noEndorsements : strings.recommendation.endorsedBy(names)}
      </span>
    </span>
  );
}

function ThumbIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M7 10v11H3V10h4Zm0 0 4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.1 21H7" />
    </svg>
  );
}
