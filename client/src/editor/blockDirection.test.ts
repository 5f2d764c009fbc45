import { createDocumentExtensions } from '@plenary/shared/schema';
import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { blockDirections } from './blockDirection';

const schema = getSchema(createDocumentExtensions());
const paragraph = (text?: string) => ({ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) });

describe('blockDirections', () => {
  it('gives each block the direction of its own first letter', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'سفارشات' }] },
        paragraph('FIA and the provinces.'),
        paragraph('2018 کا ایکٹ'),
        paragraph(),
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('پہلا نکتہ')] }] },
      ],
    });
    const byText = blockDirections(doc).map(({ from, to, dir }) => [doc.textBetween(from, to), dir]);
    expect(byText).toEqual([
      ['سفارشات', 'rtl'],
      ['FIA and the provinces.', 'ltr'],
      ['2018 کا ایکٹ', 'rtl'],
      ['', 'auto'],
      ['پہلا نکتہ', 'rtl'],
      ['پہلا نکتہ', 'rtl'],
    ]);
  });
});
