import type { JSONContent } from '@tiptap/core';

/** The sections every new group draft starts with (journey J1.3). */
export const DRAFT_SECTIONS = ['Context', 'Key issues', 'Recommendations'] as const;

/** A new group's draft: a title, then Context · Key issues · Recommendations, each with an empty paragraph. */
export function draftTemplate(
  groupName: string,
  openingParagraphs: Partial<Record<(typeof DRAFT_SECTIONS)[number], string[]>> = {},
): JSONContent {
  const content: JSONContent[] = [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: groupName }] },
  ];
  for (const section of DRAFT_SECTIONS) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: section }] });
    const paragraphs = openingParagraphs[section] ?? [];
    if (paragraphs.length === 0) content.push({ type: 'paragraph' });
    for (const text of paragraphs) content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
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
