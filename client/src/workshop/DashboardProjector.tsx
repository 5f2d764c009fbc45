import type { DashboardGroup, Workshop } from '@plenary/shared/api';
import { useId } from 'react';
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
      <ul className="projector-groups">
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
