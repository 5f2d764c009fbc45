import type { VersionComparison } from '@plenary/shared/api';
import type { ComparedField } from '@plenary/shared/domain';
import { WordDiff } from '../composer/WordDiff';
import { strings } from '../lib/strings';

type Block = VersionComparison['blocks'][number];

/**
 * A comparison block by block: added and removed blocks whole, changed ones word by word, and a
 * recommendation's changed fields as "before → after". Changes are marked by underline and
 * strike-through as well as colour, and each block says in words what happened to it.
 */
export function VersionDiffView({ comparison }: { comparison: VersionComparison }) {
  const { inserted, deleted, changed } = comparison.counts;
  const anyChange = inserted + deleted + changed > 0;
  return (
    <div className="version-diff" data-testid="version-diff">
      <p className="version-diff__counts" data-testid="version-diff-counts">
        {anyChange ? strings.versions.counts(inserted, deleted, changed) : strings.versions.noChanges}
      </p>
      <ol className="version-diff__blocks">
        {comparison.blocks.map((block, index) =>
          // An empty paragraph that stayed empty says nothing and takes a line.
          block.change === 'unchanged' && block.text.length === 0 ? null : (
            // Blocks have no id of their own and never move within one comparison.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <DiffBlock key={index} block={block} />
          ),
        )}
      </ol>
    </div>
  );
}

function DiffBlock({ block }: { block: Block }) {
  const label = strings.versions.change[block.change];
  return (
    <li
      className={`version-diff__block version-diff__block--${block.change} version-diff__block--${block.type}`}
      data-testid="version-diff-block"
      data-change={block.change}
      data-recommendation-id={block.recommendationId ?? undefined}
    >
      {block.change !== 'unchanged' && <span className="version-diff__badge">{label}</span>}
      {block.type === 'recommendation' && <span className="version-diff__kind">{strings.versions.recommendation}</span>}
      <WordDiff parts={block.text} />
      {block.fields.length > 0 && (
        <dl className="version-diff__fields" data-testid="version-diff-fields">
          {block.fields.map((change) => (
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
      )}
    </li>
  );
}

/** A field's value in the interface's words (priorities and timeframes have labels). */
function fieldValue(field: ComparedField, value: string): string {
  if (value === '') return strings.versions.unset;
  const labels: Partial<Record<ComparedField, Record<string, string>>> = {
    priority: strings.recommendation.priorities,
    timeframe: strings.recommendation.timeframes,
    status: strings.recommendation.statuses,
  };
  return labels[field]?.[value] ?? value;
}
