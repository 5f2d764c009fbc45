import type { SourceChange } from '@plenary/shared/api';
import { strings } from '../lib/strings';

type DiffPart = SourceChange['sourceDiff'][number];

/**
 * A word diff as running text: insertions in `<ins>`, deletions in `<del>`. Screen readers do not
 * announce those elements, so each change also says what it is in words only they read.
 */
export function WordDiff({ parts, testId }: { parts: readonly DiffPart[]; testId?: string }) {
  return (
    <p className="word-diff" data-testid={testId}>
      {withOffsets(parts).map(({ part, offset }) => {
        const key = `${offset}-${part.kind}`;
        if (part.kind === 'equal') return <span key={key}>{part.text}</span>;
        const Tag = part.kind === 'insert' ? 'ins' : 'del';
        return (
          <Tag key={key} className={`word-diff__${part.kind}`}>
            <span className="visually-hidden">
              [{part.kind === 'insert' ? strings.composer.inserted : strings.composer.deleted}{' '}
            </span>
            {part.text}
            <span className="visually-hidden">, {strings.composer.diffEnd}]</span>
          </Tag>
        );
      })}
    </p>
  );
}

/** Each part with where it starts in the joined text: a stable key, since parts never move. */
function withOffsets(parts: readonly DiffPart[]): Array<{ part: DiffPart; offset: number }> {
  let offset = 0;
  return parts.map((part) => {
    const at = offset;
    offset += part.text.length;
    return { part, offset: at };
  });
}

/** Whether a diff changes anything at all. */
export const hasChanges = (parts: readonly DiffPart[]) => parts.some((part) => part.kind !== 'equal');
