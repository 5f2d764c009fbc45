import { strings } from '../lib/strings';
import { chainInsertRecommendation, type NewRecommendationFields } from './recommendation/insertRecommendationBlock';
import type { SlashItem } from './slashCommands';

/** The slash menu's entries: a recommendation first (the reason the menu exists), then headings and lists. */
export function slashItems(newRecommendation: () => NewRecommendationFields): SlashItem[] {
  return [
    {
      id: 'recommendation',
      label: strings.slashMenu.recommendation,
      hint: strings.slashMenu.recommendationHint,
      keywords: ['rec', 'proposal'],
      apply: (chain) => chainInsertRecommendation(chain, newRecommendation()),
    },
    {
      id: 'heading2',
      label: strings.slashMenu.heading(2),
      keywords: ['h2', 'section', 'title'],
      apply: (chain) => chain.setNode('heading', { level: 2 }),
    },
    {
      id: 'heading3',
      label: strings.slashMenu.heading(3),
      keywords: ['h3', 'subsection'],
      apply: (chain) => chain.setNode('heading', { level: 3 }),
    },
    {
      id: 'bulletList',
      label: strings.slashMenu.bulletList,
      keywords: ['ul', 'list', 'bullets'],
      apply: (chain) => chain.toggleBulletList(),
    },
    {
      id: 'orderedList',
      label: strings.slashMenu.orderedList,
      keywords: ['ol', 'list', 'numbers'],
      apply: (chain) => chain.toggleOrderedList(),
    },
  ];
}
