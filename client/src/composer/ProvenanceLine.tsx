import { normaliseSources } from '@plenary/shared/domain';
import './provenance.css';
import { Fragment, useMemo } from 'react';
import { AppLink } from '../components/AppLink';
import { useCardTabIndex } from '../editor/recommendation/caretRecommendation';
import { documentPath } from '../lib/router';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';
import { audienceToName } from './composerModel';
import { useProvenance } from './ProvenanceContext';

interface ProvenanceLineProps {
  /** The recommendation node's `sources` attribute, as stored (normalised here). */
  sources: unknown;
  /** The node's id, to find its live status in the composer. */
  recommendationId: string | null;
}

/**
 * Where a brief's recommendation came from, for its card: "from Group 2 — Law enforcement" with a
 * link to the group's draft, or "Merged from Group 2, Group 4" with a Split action; in the composer
 * also "Source changed" (opens the three-way view) and "Source removed". Renders nothing for a
 * recommendation written in the brief itself.
 *
 * Mount it inside the card's non-editable chrome (`CARD_CHROME`), e.g. under the field chips:
 * `<ProvenanceLine sources={node.attrs.sources} recommendationId={fields.id} />`.
 */
export function ProvenanceLine({ sources: raw, recommendationId }: ProvenanceLineProps) {
  const { home } = useWorkshop();
  const provenance = useProvenance();
  const tabIndex = useCardTabIndex();
  const sources = useMemo(() => normaliseSources(raw), [raw]);
  if (sources.length === 0) return null;

  const workshopId = home.workshop.id;
  const focusOf = (groupId: string) => home.groups.find((group) => group.id === groupId)?.focusAudience ?? null;
  const statusOf = (sourceIndex: number) =>
    provenance?.changes.find((c) => c.recommendationId === recommendationId && c.sourceIndex === sourceIndex)?.status ??
    'unchanged';
  const link = (index: number, text: string) => {
    const source = sources[index];
    if (!source) return null;
    return (
      <AppLink
        href={documentPath(workshopId, source.documentId)}
        className="provenance__link"
        tabIndex={tabIndex}
        title={strings.composer.openSource(source.groupName)}
      >
        {text}
      </AppLink>
    );
  };
  const merged = sources.length > 1;
  const groupNames = [...new Set(sources.map((source) => source.groupName))];

  return (
    <div className="provenance" data-testid="provenance" data-merged={merged ? 'true' : 'false'}>
      <span className="visually-hidden">{strings.composer.provenance}: </span>
      {merged ? (
        <span data-testid="provenance-text">
          {strings.composer.mergedFromPrefix}
          {sources.map((source, index) => (
            <Fragment key={`${source.documentId}#${source.recommendationId}`}>
              {index > 0 && strings.composer.listSeparator}
              {link(index, source.groupName)}
            </Fragment>
          ))}
        </span>
      ) : (
        <span data-testid="provenance-text">
          {link(
            0,
            strings.composer.from(
              sources[0]?.groupName ?? '',
              audienceToName(sources[0]?.groupName ?? '', focusOf(sources[0]?.groupId ?? '')),
            ),
          )}
        </span>
      )}
      {sources.map((source, index) => {
        const status = statusOf(index);
        const key = `${source.documentId}#${source.recommendationId}`;
        if (status === 'changed' && provenance && recommendationId) {
          return (
            <button
              key={key}
              type="button"
              className="badge badge--warning provenance__badge"
              data-testid="provenance-changed"
              tabIndex={tabIndex}
              onClick={() => provenance.showChange(recommendationId, index)}
            >
              {strings.composer.sourceChanged}
              {merged && ` (${source.groupName})`}
            </button>
          );
        }
        if (status === 'removed' || status === 'foreign') {
          return (
            <span key={key} className="badge provenance__badge" data-testid="provenance-removed">
              {status === 'removed' ? strings.composer.sourceRemoved : strings.composer.sourceUnavailable}
              {merged && ` (${source.groupName})`}
            </span>
          );
        }
        return null;
      })}
      {merged && provenance?.canWrite && recommendationId && (
        <button
          type="button"
          className="button button--small button--quiet provenance__split"
          data-testid="provenance-split"
          tabIndex={tabIndex}
          aria-label={strings.composer.splitLabel(groupNames.join(strings.composer.listSeparator))}
          onClick={() => provenance.split(recommendationId)}
        >
          {strings.composer.split}
        </button>
      )}
    </div>
  );
}
