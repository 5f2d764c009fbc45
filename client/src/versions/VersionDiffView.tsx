import type { VersionComparison } from '@plenary/shared/api';
import { FieldChangeList } from '../components/FieldChangeList';
import { WordDiff } from '../composer/WordDiff';
import { strings } from '../lib/strings';

type Block = VersionComparison['blocks'][number];

/**
 * A comparison block by block: added and removed blocks whole, changed ones word by word, and a
 * recommendation's changed fields as "before → after". Changes are marked by underline and
 * strike-through as well as colour, and each block says in words what happened to it.
 */
export function VersionDiffView({ comparison }: { comparison: VersionComparison }) {
  const { inserted, deleted, changed, moved } = comparison.counts;
  const anyChange = inserted + deleted + changed + moved > 0;
  return (
    <div className="version-diff" data-testid="version-diff">
      <p className="version-diff__counts" data-testid="version-diff-counts">
        {anyChange ? strings.versions.counts(inserted, deleted, changed, moved) : strings.versions.noChanges}
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
      data-moved={block.moved || undefined}
    >
      {block.change !== 'unchanged' && <span className="version-diff__badge">{label}</span>}
      {block.moved && (
        <span className="version-diff__badge" data-testid="version-diff-moved">
          {strings.versions.moved}
        </span>
      )}
      {block.type === 'recommendation' && (
        <span className="version-diff__kind" data-testid="version-diff-number">
          {recommendationLabel(block)}
        </span>
      )}
      <WordDiff parts={block.text} />
      {block.fields.length > 0 && <FieldChangeList changes={block.fields} testId="version-diff-fields" />}
    </li>
  );
}

/** A removed recommendation is named by the number it had, which another may carry now. */
function recommendationLabel(block: Block): string {
  if (block.number === null) return strings.versions.recommendation;
  if (block.change === 'deleted') return strings.versions.formerRecommendation(block.number);
  return strings.versions.numberedRecommendation(block.number, block.numberBefore);
}
