import type { RecommendationItem } from '@plenary/shared/api';
import { PRIORITIES, RECOMMENDATION_STATUSES } from '@plenary/shared/domain';
import { useId } from 'react';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';
import { type PoolFilters as Filters, NO_FILTERS } from './composerModel';

interface PoolFiltersProps {
  filters: Filters;
  onChange(filters: Filters): void;
  items: readonly RecommendationItem[];
}

/** Group, audience, priority, status, "in the brief" and text filters; each applies as it changes. */
export function PoolFilters({ filters, onChange, items }: PoolFiltersProps) {
  const { home } = useWorkshop();
  const id = useId();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  // Audiences someone used that the workshop no longer lists can still be filtered on.
  const audiences = [
    ...home.workshop.audiences,
    ...new Set(items.flatMap((item) => item.audiences).filter((a) => !home.workshop.audiences.includes(a))),
  ];
  const active = Object.entries(filters).some(([key, value]) => value !== NO_FILTERS[key as keyof Filters]);

  return (
    // A search landmark: the filters narrow the list below as they change, nothing to submit.
    <search className="pool-filters" aria-label={strings.composer.filtersLabel}>
      <div className="pool-filters__grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-group`}>
            {strings.composer.group}
          </label>
          <select
            id={`${id}-group`}
            className="text-input"
            data-testid="filter-group"
            value={filters.group}
            onChange={(event) => set('group', event.target.value)}
          >
            <option value="">{strings.composer.anyGroup}</option>
            {home.groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-audience`}>
            {strings.composer.audience}
          </label>
          <select
            id={`${id}-audience`}
            className="text-input"
            data-testid="filter-audience"
            value={filters.audience}
            onChange={(event) => set('audience', event.target.value)}
          >
            <option value="">{strings.composer.anyAudience}</option>
            {audiences.map((audience) => (
              <option key={audience} value={audience}>
                {audience}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-priority`}>
            {strings.composer.priority}
          </label>
          <select
            id={`${id}-priority`}
            className="text-input"
            data-testid="filter-priority"
            value={filters.priority}
            onChange={(event) => set('priority', event.target.value as Filters['priority'])}
          >
            <option value="">{strings.composer.anyPriority}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {strings.recommendation.priorities[priority]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-status`}>
            {strings.composer.status}
          </label>
          <select
            id={`${id}-status`}
            className="text-input"
            data-testid="filter-status"
            value={filters.status}
            onChange={(event) => set('status', event.target.value as Filters['status'])}
          >
            <option value="">{strings.composer.anyStatus}</option>
            {RECOMMENDATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {strings.recommendation.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-in-brief`}>
            {strings.composer.inBrief}
          </label>
          <select
            id={`${id}-in-brief`}
            className="text-input"
            data-testid="filter-in-brief"
            value={filters.inBrief}
            onChange={(event) => set('inBrief', event.target.value as Filters['inBrief'])}
          >
            <option value="">{strings.composer.inBriefAny}</option>
            <option value="no">{strings.composer.inBriefNo}</option>
            <option value="yes">{strings.composer.inBriefYes}</option>
          </select>
        </div>
      </div>
      <div className="pool-filters__text">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-text`}>
            {strings.composer.text}
          </label>
          <input
            id={`${id}-text`}
            type="search"
            className="text-input"
            data-testid="filter-text"
            value={filters.text}
            maxLength={200}
            aria-describedby={`${id}-text-hint`}
            onChange={(event) => set('text', event.target.value)}
          />
          <p id={`${id}-text-hint`} className="field-hint muted">
            {strings.composer.textHint}
          </p>
        </div>
        {active && (
          <button
            type="button"
            className="button button--quiet pool-filters__clear"
            data-testid="filters-clear"
            onClick={() => onChange(NO_FILTERS)}
          >
            {strings.composer.clearFilters}
          </button>
        )}
      </div>
    </search>
  );
}
