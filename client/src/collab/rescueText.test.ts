import { describe, expect, it } from 'vitest';
import { rescueText } from './rescueText';

const paragraph = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });

describe('rescueText', () => {
  it('writes headings, paragraphs and lists as lines, and each recommendation with its readable details', () => {
    const text = rescueText({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Law enforcement' }] },
        paragraph('Shelters are underfunded.'),
        paragraph(''),
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [paragraph('FIA desks')] }],
        },
        {
          type: 'recommendation',
          attrs: {
            id: 'r1',
            audiences: ['Law enforcement agencies', 'Judiciary'],
            priority: 'high',
            responsibleBody: 'FIA',
            timeframe: 'within_6_months',
            legalReference: 'PTPA 2018',
            status: 'agreed',
          },
          content: [paragraph('Fund a desk in every district.')],
        },
        { type: 'recommendation', attrs: { status: 'draft' }, content: [paragraph('Train judges.')] },
      ],
    });
    expect(text).toBe(
      [
        'Law enforcement',
        'Shelters are underfunded.',
        '',
        '- FIA desks',
        '',
        'Recommendation',
        'Fund a desk in every district.',
        '  Audiences: Law enforcement agencies, Judiciary',
        '  Priority: High',
        '  Responsible body: FIA',
        '  Timeframe: Within 6 months',
        '  Legal or policy reference: PTPA 2018',
        '  Status: Agreed',
        '',
        'Recommendation',
        'Train judges.',
      ].join('\n'),
    );
  });

  it('keeps a draft with no blocks empty', () => {
    expect(rescueText({ type: 'doc', content: [] })).toBe('');
  });
});
