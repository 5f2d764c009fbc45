import type { ReactNode } from 'react';
import { AccountControls } from '../components/AccountControls';
import { AppHeader } from '../components/AppHeader';
import { AppLink } from '../components/AppLink';
import { roleLabelFor } from '../lib/roleLabel';
import { workshopPath } from '../lib/router';
import { strings } from '../lib/strings';
import { BreakoutCountdown } from './BreakoutCountdown';
import { useWorkshop } from './WorkshopContext';

interface WorkshopHeaderProps {
  /** The open document's title, after the workshop's. */
  documentTitle?: ReactNode;
  /** Page-specific status (the editor's connection line), before the countdown. */
  children?: ReactNode;
}

/** The header every page of a workshop shares: its title, the breakout countdown, you, sign-out. */
export function WorkshopHeader({ documentTitle, children }: WorkshopHeaderProps) {
  const { home, participant } = useWorkshop();
  const { workshop, groups } = home;
  const groupName = groups.find((group) => group.id === participant.groupId)?.name;
  return (
    <AppHeader
      title={
        <>
          <AppLink
            href={workshopPath(workshop.id)}
            className="app-header__workshop"
            data-testid="workshop-title"
            aria-label={`${strings.header.workshop}: ${workshop.title}`}
          >
            {workshop.title}
          </AppLink>
          {documentTitle !== undefined && (
            <>
              <span className="app-header__separator" aria-hidden="true">
                /
              </span>
              <span className="app-header__document">{documentTitle}</span>
            </>
          )}
        </>
      }
    >
      {children}
      {workshop.timer !== null && <BreakoutCountdown timer={workshop.timer} />}
      <AccountControls roleLabel={roleLabelFor(participant.role, participant.workshopId, groupName)} />
    </AppHeader>
  );
}
