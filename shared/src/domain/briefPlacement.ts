import type { JSONContent } from '@tiptap/core';
import { priorityRank } from './provenance';
import { normaliseRecommendationFields, type RecommendationFields } from './recommendationFields';

/** The section an imported recommendation with no audience is filed under. */
export const OTHER_RECOMMENDATIONS_SECTION = 'Other recommendations';

/** The heading under which a brief's template expects its audience sections. */
const RECOMMENDATIONS_HEADING = 'Recommendations';

/** Where an imported recommendation goes in a brief's top-level blocks, and whether its section heading must be made there first. */
export interface BriefPlacement {
  index: number;
  createSection: boolean;
}

/**
 * Where a recommendation imported for `audience` goes, so that the brief the rapporteurs edit
 * reads in the order its exports print (`readingOrderNumbers`): its audience's section (a level-2
 * heading named after it) in the workshop's audience order, then other audiences, then the
 * section of recommendations with none; inside the section, after those of the same or a higher
 * priority. A missing section is made before the first section that comes later in that order,
 * else right after the last one, else after the template's "Recommendations" section: never after
 * the rapporteurs' own closing text ("Next steps"), which would then be printed first.
 */
export function briefPlacement(
  blocks: readonly JSONContent[],
  audience: string,
  priority: RecommendationFields['priority'],
  audienceOrder: readonly string[],
): BriefPlacement {
  const sections = blocks.flatMap((block, index) =>
    isLevelTwoHeading(block) ? [{ index, title: headingText(block), end: sectionEnd(blocks, index) }] : [],
  );
  const own = sections.find((section) => section.title === audience);
  if (own) {
    for (let index = own.index + 1; index < own.end; index++) {
      const block = blocks[index];
      if (block?.type !== 'recommendation') continue;
      if (priorityRank(normaliseRecommendationFields(block.attrs).priority) > priorityRank(priority)) {
        return { index, createSection: false };
      }
    }
    return { index: own.end, createSection: false };
  }

  const rank = sectionRank(audience, audienceOrder);
  // A section of an audience the workshop no longer lists is known by the recommendations it holds.
  const audienceSections = sections.filter(
    (section) =>
      audienceOrder.includes(section.title) ||
      section.title === OTHER_RECOMMENDATIONS_SECTION ||
      (section.title !== RECOMMENDATIONS_HEADING &&
        blocks.slice(section.index + 1, section.end).some((block) => block.type === 'recommendation')),
  );
  const later = audienceSections.find((section) => sectionRank(section.title, audienceOrder) > rank);
  if (later) return { index: later.index, createSection: true };
  const last = audienceSections.at(-1) ?? sections.find((section) => section.title === RECOMMENDATIONS_HEADING);
  return { index: last ? last.end : blocks.length, createSection: true };
}

/** The workshop's audiences in order, then any other audience, then the section of those with none. */
function sectionRank(title: string, audienceOrder: readonly string[]): number {
  if (title === OTHER_RECOMMENDATIONS_SECTION) return audienceOrder.length + 1;
  const index = audienceOrder.indexOf(title);
  return index === -1 ? audienceOrder.length : index;
}

const isLevelTwoHeading = (block: JSONContent | undefined) =>
  block?.type === 'heading' && Number(block.attrs?.level) === 2;

/** The index of the next heading as high as a level-2 one, or the end. */
function sectionEnd(blocks: readonly JSONContent[], start: number): number {
  let end = start + 1;
  while (end < blocks.length && !(blocks[end]?.type === 'heading' && Number(blocks[end]?.attrs?.level) <= 2)) end++;
  return end;
}

function headingText(block: JSONContent): string {
  return (block.content ?? [])
    .map((child) => (child.type === 'text' ? (child.text ?? '') : ''))
    .join('')
    .trim();
}
