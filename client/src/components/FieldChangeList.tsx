import type { ComparedField, FieldChange } from '@plenary/shared/domain';
import { strings } from '../lib/strings';

/** A recommendation's changed fields as "before → after", in the interface's words. */
export function FieldChangeList({ changes, testId }: { changes: readonly FieldChange[]; testId?: string }) {
  return (
    <dl className="version-diff__fields" data-testid={testId}>
      {changes.map((change) => (
        <div key={change.field} className="version-diff__field" data-field={change.field}>
          <dt>{strings.versions.fieldNames[change.field]}</dt>
          <dd>
            <del className="word-diff__delete">{fieldValue(change.field, change.before)}</del>
            {' → '}
            <ins className="word-diff__insert">{fieldValue(change.field, change.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A field's value in the interface's words (priorities, timeframes and statuses have labels). */
function fieldValue(field: ComparedField, value: string): string {
  if (value === '') return strings.versions.unset;
  const labels: Partial<Record<ComparedField, Record<string, string>>> = {
    priority: strings.recommendation.priorities,
    timeframe: strings.recommendation.timeframes,
    status: strings.recommendation.statuses,
  };
  return labels[field]?.[value] ?? value;
}
