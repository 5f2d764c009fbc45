import type { JSONContent } from '@tiptap/core';
import { audienceNamedBy, sameWords } from './audienceHeading';
import { priorityRank, readingOrderNumbers } from './provenance';
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

interface Section {
  index: number;
  /** The first block after the section: the next heading as high, or the end. */
  end: number;
  title: string;
}

/**
 * Where a recommendation imported for `audience` goes, so that the brief the rapporteurs edit
 * reads in the order its exports print (`readingOrderNumbers`): its audience's section (a heading
 * that names it, read as the exports read it) in the workshop's audience order, then other
 * audiences, then the section of recommendations with none; inside the section, after those of
 * the same or a higher priority. A missing section is made (as a level-2 heading) before the
 * first section that comes later in that order, else right after the last one, else after the
 * template's "Recommendations" section: never after the rapporteurs' own closing text ("Next
 * steps"), which would then be printed first.
 */
export function briefPlacement(
  blocks: readonly JSONContent[],
  audience: string,
  priority: RecommendationFields['priority'],
  audienceOrder: readonly string[],
): BriefPlacement {
  const sections = sectionsOf(blocks);
  const own = sections.find((section) => audienceNamedBy(section.title, [audience]) !== undefined);
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
      audienceNamedBy(section.title, [...audienceOrder, OTHER_RECOMMENDATIONS_SECTION]) !== undefined ||
      (!sameWords(section.title, RECOMMENDATIONS_HEADING) &&
        blocks.slice(section.index + 1, section.end).some((block) => block.type === 'recommendation')),
  );
  const later = audienceSections.find((section) => sectionRank(section.title, audienceOrder) > rank);
  if (later) return { index: later.index, createSection: true };
  const last = audienceSections.at(-1) ?? sections.find((section) => sameWords(section.title, RECOMMENDATIONS_HEADING));
  return { index: last ? last.end : blocks.length, createSection: true };
}

/** Where a brief's recommendation goes to read in its printed order again, and the section heading to make first if any. */
export interface ReadingPlace extends BriefPlacement {
  /** The audience whose section it goes to (the heading's text when one is made). */
  audience: string;
}

/**
 * Whether recommendation `id` sits out of the order the brief prints (its number is below an
 * earlier card's, or above a later one's: say after its priority or first audience changed), and
 * if so, where to put it back: the index among the other top-level blocks, as an import of it
 * would place it (`briefPlacement`). null when it is in place, or not in `blocks`.
 */
export function readingPlace(
  blocks: readonly JSONContent[],
  id: string,
  audienceOrder: readonly string[],
): ReadingPlace | null {
  const cards = blocks.flatMap((block, index) =>
    block.type === 'recommendation' ? [{ index, fields: normaliseRecommendationFields(block.attrs) }] : [],
  );
  const at = cards.findIndex((card) => card.fields.id === id);
  const card = cards[at];
  if (!card) return null;
  const numbers = readingOrderNumbers(
    cards.map((entry) => entry.fields),
    audienceOrder,
  );
  const own = numbers[at] ?? 0;
  const audience = card.fields.audiences[0] ?? OTHER_RECOMMENDATIONS_SECTION;
  // Under another audience's heading, it is printed elsewhere even when the numbers run in order.
  const section = sectionsOf(blocks)
    .filter((candidate) => candidate.index < card.index && card.index < candidate.end)
    .at(-1);
  const sectionAudience = section
    ? audienceNamedBy(section.title, [...audienceOrder, OTHER_RECOMMENDATIONS_SECTION, audience])
    : undefined;
  const inPlace =
    (sectionAudience === undefined || sameWords(sectionAudience, audience)) &&
    numbers.slice(0, at).every((number) => number < own) &&
    numbers.slice(at + 1).every((number) => number > own);
  if (inPlace) return null;
  const others = blocks.filter((_, index) => index !== card.index);
  return { ...briefPlacement(others, audience, card.fields.priority, audienceOrder), audience };
}

/** Every heading below the title, with where its section ends. */
function sectionsOf(blocks: readonly JSONContent[]): Section[] {
  return blocks.flatMap((block, index) => {
    const level = headingLevel(block);
    if (level === null || level < 2) return [];
    let end = index + 1;
    while (end < blocks.length && !((headingLevel(blocks[end]) ?? Number.POSITIVE_INFINITY) <= level)) end++;
    return [{ index, end, title: headingText(block) }];
  });
}

/** The workshop's audiences in order, then any other audience, then the section of those with none. */
function sectionRank(title: string, audienceOrder: readonly string[]): number {
  if (sameWords(title, OTHER_RECOMMENDATIONS_SECTION)) return audienceOrder.length + 1;
  const named = audienceNamedBy(title, audienceOrder);
  return named === undefined ? audienceOrder.length : audienceOrder.indexOf(named);
}

const headingLevel = (block: JSONContent | undefined): number | null =>
  block?.type === 'heading' ? Number(block.attrs?.level) : null;

function headingText(block: JSONContent): string {
  return (block.content ?? []).map((child) => (child.type === 'text' ? (child.text ?? '') : '')).join('');
}
