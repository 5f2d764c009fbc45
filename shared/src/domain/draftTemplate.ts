import type { JSONContent } from '@tiptap/core';

/** The sections every new group draft starts with (journey J1.3). */
export const DRAFT_SECTIONS = ['Context', 'Key issues', 'Recommendations'] as const;

/** Opening text of a draft: paragraphs per section, and recommendation blocks under Recommendations. */
export interface DraftOpening {
  paragraphs?: Partial<Record<(typeof DRAFT_SECTIONS)[number], string[]>>;
  recommendations?: JSONContent[];
}

/** A new group's draft: a title, then Context · Key issues · Recommendations (empty paragraphs unless given). */
export function draftTemplate(groupName: string, opening: DraftOpening = {}): JSONContent {
  const content: JSONContent[] = [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: groupName }] },
  ];
  for (const section of DRAFT_SECTIONS) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: section }] });
    const paragraphs = opening.paragraphs?.[section] ?? [];
    const blocks = section === 'Recommendations' ? (opening.recommendations ?? []) : [];
    if (paragraphs.length === 0 && blocks.length === 0) content.push({ type: 'paragraph' });
    for (const text of paragraphs) content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
    content.push(...blocks);
  }
  return { type: 'doc', content };
}

/** A new brief: its title, an executive summary, and room for recommendations by audience. */
export function briefTemplate(title: string): JSONContent {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Executive summary' }] },
      { type: 'paragraph' },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Recommendations' }] },
      { type: 'paragraph' },
    ],
  };
}
