import type { DashboardGroup, Group, VisitingPerson } from '@plenary/shared/api';
import { Fragment, useEffect, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { setGroupLocked } from '../api/workshops';
import { AppLink } from '../components/AppLink';
import { MessagePage } from '../components/MessagePage';
import { activeLocale } from '../lib/language';
import { formatRelativeTime } from '../lib/relativeTime';
import { composerPath, documentPath, workshopPath } from '../lib/router';
import { strings } from '../lib/strings';
import { useNow } from '../lib/useNow';
import { DashboardProjector } from '../workshop/DashboardProjector';
import { TimerControl } from '../workshop/TimerControl';
import { useDashboard } from '../workshop/useDashboard';
import { useWorkshop } from '../workshop/WorkshopContext';
import { WorkshopHeader } from '../workshop/WorkshopHeader';

/** `/w/:workshopId/dashboard`: per group who is online, progress and last activity; the countdown; locks. */
export function DashboardPage() {
  const { home, version, may } = useWorkshop();
  const { workshop } = home;
  const { dashboard, error, reload } = useDashboard(workshop.id, version);
  // Re-renders "3 minutes ago" as time passes, between polls.
  const now = useNow(15_000);
  const [projecting, setProjecting] = useState(false);

  useEffect(() => {
    document.title = `${strings.dashboard.title}: ${workshop.title} — ${strings.productName}`;
  }, [workshop.title]);

  if (!may('dashboard.view')) {
    return <MessagePage title={strings.document.forbiddenTitle} body={<p>{strings.document.forbiddenBody}</p>} />;
  }

  return (
    <>
      <WorkshopHeader documentTitle={strings.dashboard.title} />
      <main className="page page--wide" id="main" data-testid="dashboard">
        <div className="page__heading-row">
          <h1 className="page__title">
            {strings.dashboard.title}: {workshop.title}
          </h1>
          <div className="page__heading-actions">
            {dashboard !== null && (
              <button
                type="button"
                className="button"
                onClick={() => setProjecting(true)}
                data-testid="dashboard-projector-open"
              >
                {strings.dashboard.projector}
              </button>
            )}
            <AppLink href={workshopPath(workshop.id)} className="button">
              {strings.dashboard.backHome}
            </AppLink>
          </div>
        </div>
        {projecting && dashboard !== null && (
          <DashboardProjector workshop={workshop} groups={dashboard.groups} onClose={() => setProjecting(false)} />
        )}
        <p className="muted">{strings.dashboard.updatedLive}</p>
        <TimerControl />
        <h2 className="section-title">{strings.dashboard.groupsHeading}</h2>
        {error !== null && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {dashboard !== null && dashboard.groups.length === 0 && <p className="muted">{strings.dashboard.noGroups}</p>}
        {dashboard !== null && (
          <ul className="dashboard-grid">
            {dashboard.groups.map((group) => (
              <GroupCard
                key={group.groupId}
                group={group}
                now={now}
                documentId={home.groups.find((g) => g.id === group.groupId)?.documentId ?? null}
                onChanged={reload}
              />
            ))}
          </ul>
        )}
        {dashboard !== null && dashboard.briefs.length > 0 && (
          <>
            <h2 className="section-title">{strings.dashboard.briefsHeading}</h2>
            <ul className="item-list" data-testid="dashboard-briefs">
              {dashboard.briefs.map((brief) => (
                <li key={brief.briefId} className="item-list__item" data-testid="dashboard-brief">
                  <div className="item-list__main">
                    <AppLink href={composerPath(workshop.id, brief.briefId)} className="item-list__title">
                      {brief.title}
                    </AppLink>
                    <span
                      className={brief.changedAtSource > 0 ? 'badge badge--warning' : 'muted'}
                      data-testid="changed-at-source"
                    >
                      {strings.dashboard.changedAtSource(brief.changedAtSource)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </>
  );
}

interface GroupCardProps {
  group: DashboardGroup;
  documentId: string | null;
  now: number;
  onChanged: () => void;
}

function GroupCard({ group, documentId, now, onChanged }: GroupCardProps) {
  const { home, may, refresh } = useWorkshop();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `group-${group.groupId}-heading`;

  const toggleLock = async () => {
    setBusy(true);
    setError(null);
    try {
      await setGroupLocked(home.workshop.id, group.groupId, !group.locked);
      onChanged();
      refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className={`dashboard-card${group.locked ? ' dashboard-card--locked' : ''}`}
      aria-labelledby={headingId}
      data-testid="dashboard-group"
      data-group-name={group.name}
      data-locked={group.locked}
    >
      <div className="dashboard-card__head">
        <h3 id={headingId} className="dashboard-card__title">
          {group.name}
        </h3>
        <span className={`badge${group.locked ? ' badge--warning' : ' badge--ok'}`}>
          {group.locked ? strings.dashboard.locked : strings.dashboard.open}
        </span>
      </div>
      <div className="dashboard-card__online">
        <h4 className="dashboard-card__label">
          {strings.dashboard.online}
          <span className="visually-hidden">: {strings.dashboard.onlineCount(group.online.length)}</span>
        </h4>
        {group.online.length === 0 ? (
          <p className="muted dashboard-card__nobody" data-testid="dashboard-online">
            {group.visiting.length === 0 ? strings.dashboard.nobodyOnline : strings.dashboard.noMemberOnline}
          </p>
        ) : (
          <ul className="dashboard-card__people" data-testid="dashboard-online">
            {group.online.map((person, index) => (
              // The same name can be online twice (two tabs, or two people called Ali).
              // biome-ignore lint/suspicious/noArrayIndexKey: presence entries carry no id
              <li key={`${person.name}-${index}`} className="presence__person">
                <span
                  className="presence__dot"
                  style={{ backgroundColor: safeColor(person.color) }}
                  aria-hidden="true"
                />
                <span className="presence__name">{person.name}</span>
              </li>
            ))}
          </ul>
        )}
        {group.visiting.length > 0 && (
          <p className="muted dashboard-card__visiting" data-testid="dashboard-visiting">
            {strings.dashboard.alsoHere}{' '}
            {group.visiting.map((person, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: presence entries carry no id
              <Fragment key={`${person.name}-${index}`}>
                {index > 0 && strings.composer.listSeparator}
                <bdi>{person.name}</bdi> (<bdi>{visitorRole(person, home.groups)}</bdi>)
              </Fragment>
            ))}
          </p>
        )}
      </div>
      <dl className="dashboard-card__stats">
        {group.recommendationCount > 0 ? (
          <div>
            <dt>{strings.dashboard.recommendations}</dt>
            <dd data-testid="dashboard-recommendations">{group.recommendationCount}</dd>
          </div>
        ) : (
          // Until the group writes recommendations, words are the only sign of progress.
          <div>
            <dt>{strings.dashboard.words}</dt>
            <dd data-testid="dashboard-words">{group.wordCount}</dd>
          </div>
        )}
        <div>
          <dt>{strings.dashboard.lastActivity}</dt>
          <dd data-testid="dashboard-last-activity">
            {group.lastActivityAt === null ? (
              strings.dashboard.noActivity
            ) : (
              <time
                dateTime={group.lastActivityAt}
                title={new Date(group.lastActivityAt).toLocaleString(activeLocale())}
              >
                {formatRelativeTime(group.lastActivityAt, now)}
              </time>
            )}
          </dd>
        </div>
      </dl>
      <div className="dashboard-card__actions">
        {documentId !== null && (
          <AppLink href={documentPath(home.workshop.id, documentId)} className="button button--small">
            {strings.dashboard.openDraft}
          </AppLink>
        )}
        {may('draft.lock') && (
          <button
            type="button"
            className="button button--small"
            aria-label={
              group.locked ? strings.dashboard.unlockLabel(group.name) : strings.dashboard.lockLabel(group.name)
            }
            onClick={toggleLock}
            disabled={busy}
            data-testid="lock-toggle"
          >
            {group.locked ? strings.dashboard.unlock : strings.dashboard.lock}
          </button>
        )}
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** What brings someone who is not a member to a group's draft: their role, or their own group. */
function visitorRole(person: VisitingPerson, groups: readonly Group[]): string {
  if (person.role === null) return strings.dashboard.visitorUnknown;
  if (person.role === 'member') {
    const group = groups.find((candidate) => candidate.id === person.groupId);
    if (group) return strings.memberOf(group.name);
  }
  return strings.roleTitle[person.role];
}

/** Colours come from the server, but only a plain hex colour ever reaches a style attribute. */
function safeColor(color: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#64748b';
}
