import { normaliseRecommendationFields, plainText } from '@plenary/shared/domain';
import type { JSONContent } from '@tiptap/core';
import { strings } from '../lib/strings';

/**
 * A draft as plain text, for someone whose words can no longer reach the server (their group was
 * deleted, their link revoked): the text of every block, and under each recommendation its details.
 */
export function rescueText(doc: JSONContent): string {
  const parts = (doc.content ?? []).map((node) =>
    node.type === 'recommendation' ? recommendationText(node) : plainText([node]),
  );
  return parts
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function recommendationText(node: JSONContent): string {
  const labels = strings.recommendation;
  const fields = normaliseRecommendationFields(node.attrs);
  const details = [
    fields.audiences.length > 0 && [labels.fields.audiences, fields.audiences.join(', ')],
    fields.priority && [labels.fields.priority, labels.priorities[fields.priority]],
    fields.responsibleBody && [labels.fields.responsibleBody, fields.responsibleBody],
    fields.timeframe && [labels.fields.timeframe, labels.timeframes[fields.timeframe]],
    fields.legalReference && [labels.fields.legalReference, fields.legalReference],
    fields.status !== 'draft' && [labels.fields.status, labels.statuses[fields.status]],
  ].flatMap((detail) => (detail ? [`  ${detail[0]}: ${detail[1]}\n`] : []));
  const statement = plainText(node.content ?? []).trim();
  return `\n${labels.heading(null)}\n${statement}\n${details.join('')}\n`;
}
