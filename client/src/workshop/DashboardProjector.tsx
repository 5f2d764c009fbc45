import type { DashboardGroup, Workshop } from '@plenary/shared/api';
import { type CSSProperties, useId } from 'react';
import { ProjectorFrame } from '../components/ProjectorDialog';
import { formatRelativeTime } from '../lib/relativeTime';
import { strings } from '../lib/strings';
import { useNow } from '../lib/useNow';
import { BreakoutCountdown } from './BreakoutCountdown';

interface DashboardProjectorProps {
  workshop: Workshop;
  groups: readonly DashboardGroup[];
  onClose: () => void;
}

/**
 * The dashboard for the wall: the countdown and each group's progress in type a room can read
 * from the back (the dashboard itself is for the facilitator's laptop). It follows the
 * dashboard's live data; only what the room may see is on it (no names of who is online).
 */
export function DashboardProjector({ workshop, groups, onClose }: DashboardProjectorProps) {
  const titleId = useId();
  const now = useNow(15_000);
  return (
    <ProjectorFrame labelledBy={titleId} onClose={onClose} testId="dashboard-projector" layout="dashboard">
      {/* Close first: the dialog focuses it, and at the top it keeps the view from scrolling. */}
      <div className="projector__top">
        <h2 id={titleId} className="projector__title" dir="auto">
          {workshop.title}
        </h2>
        <button type="button" className="button projector__close" onClick={onClose}>
          {strings.invites.close}
        </button>
      </div>
      {workshop.timer !== null && <BreakoutCountdown timer={workshop.timer} large />}
      <ul
        className={`projector-groups projector-groups--rows-${Math.min(rowsFor(groups.length), 3)}`}
        style={{ '--projector-columns': columnsFor(groups.length) } as CSSProperties}
      >
        {groups.map((group) => {
          const recommendations = group.recommendationCount > 0;
          return (
            <li
              key={group.groupId}
              className={`projector-group${group.locked ? ' projector-group--locked' : ''}`}
              data-testid="projector-group"
            >
              <h3 className="projector-group__name" dir="auto">
                {group.name}
              </h3>
              <p className="projector-group__count">
                <span className="projector-group__number">
                  {recommendations ? group.recommendationCount : group.wordCount}
                </span>{' '}
                {recommendations
                  ? strings.dashboard.projectorRecommendations(group.recommendationCount)
                  : strings.dashboard.projectorWords(group.wordCount)}
              </p>
              <p className="projector-group__meta">
                {group.locked
                  ? strings.dashboard.locked
                  : group.lastActivityAt === null
                    ? strings.dashboard.noActivity
                    : strings.dashboard.projectorLastEdit(formatRelativeTime(group.lastActivityAt, now))}
                {' · '}
                {strings.dashboard.onlineCount(group.online.length)}
              </p>
            </li>
          );
        })}
      </ul>
    </ProjectorFrame>
  );
}

/**
 * Columns on a landscape beamer: one row up to four groups, then rows of at most four, as even as
 * they come (six in two rows of three rather than four and two), so every group fits on the wall
 * at once and no card is too narrow for its words.
 */
function columnsFor(groups: number): number {
  if (groups <= 4) return Math.max(groups, 1);
  return Math.ceil(groups / Math.ceil(groups / 4));
}

function rowsFor(groups: number): number {
  return Math.ceil(groups / columnsFor(groups));
}
