import { Recommendation } from '@plenary/shared/schema';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { RecommendationCard } from './RecommendationCard';

/**
 * Events inside the card's own controls (buttons, the positions disclosure) belong to the
 * browser: ProseMirror would otherwise turn a click on a button's label into a node selection.
 * Drags and drops stay with ProseMirror.
 */
function stopCardEvents({ event }: { event: Event }): boolean {
  if (event.type.startsWith('drag') || event.type === 'drop') return false;
  const target = event.target;
  return target instanceof Element && target.closest('[data-card-chrome]') !== null;
}

/** The shared `recommendation` node drawn as a card; the schema itself stays in `shared/`. */
export const RecommendationWithCard = Recommendation.extend({
  addNodeView() {
    return ReactNodeViewRenderer(RecommendationCard, { stopEvent: stopCardEvents });
  },
});
