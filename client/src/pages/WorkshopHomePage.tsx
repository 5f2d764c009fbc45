import { useEffect } from 'react';
import { updateWorkshop } from '../api/workshops';
import { AppLink } from '../components/AppLink';
import { dashboardPath, documentPath } from '../lib/router';
import { strings } from '../lib/strings';
import { formatWorkshopDates } from '../lib/workshopDates';
import { AddGroupForm } from '../workshop/AddGroupForm';
import { BriefsSection } from '../workshop/BriefsSection';
import { GroupSettings } from '../workshop/GroupSettings';
import { InviteLinks } from '../workshop/InviteLinks';
import { PublishedSection } from '../workshop/PublishedSection';
import { useWorkshop } from '../workshop/WorkshopContext';
import { WorkshopForm } from '../workshop/WorkshopForm';
import { WorkshopHeader } from '../workshop/WorkshopHeader';

/** `/w/:workshopId`: the groups and briefs your role may open; for facilitators also the setup. */
export function WorkshopHomePage() {
  const { home, participant, may, offline, refresh } = useWorkshop();
  const { workshop, groups } = home;
  const isFacilitator = may('workshop.edit');
  const isReader = participant.role === 'reader';
  const meta = [workshop.venue, formatWorkshopDates(workshop.startsOn, workshop.endsOn)].filter(Boolean).join(' · ');

  useEffect(() => {
    document.title = `${workshop.title} — ${strings.productName}`;
  }, [workshop.title]);

  return (
    <>
      <WorkshopHeader />
      <main className="page page--medium" id="main" data-testid="workshop-home">
        <h1 className="page__title">{workshop.title}</h1>
        {meta !== '' && <p className="page__meta">{meta}</p>}
        <ul className="chips" aria-label={strings.workshopForm.audiences}>
          {workshop.audiences.map((audience) => (
            <li key={audience} className="chip">
              {audience}
            </li>
          ))}
        </ul>
        {offline && <p className="notice">{strings.document.offlineInfo}</p>}
        {may('dashboard.view') && (
          <p>
            <AppLink href={dashboardPath(workshop.id)} className="button button--primary" data-testid="dashboard-link">
              {strings.home.dashboard}
            </AppLink>
          </p>
        )}

        {isReader ? (
          <PublishedSection />
        ) : (
          <section className="card" aria-labelledby="groups-heading">
            <h2 id="groups-heading" className="card__title">
              {strings.home.groupsHeading}
            </h2>
            {groups.length === 0 ? (
              <p className="muted">{isFacilitator ? strings.home.noGroupsFacilitator : strings.home.noGroups}</p>
            ) : (
              <ul className="item-list" data-testid="group-list">
                {groups.map((group) => {
                  const own = group.id === participant.groupId;
                  const writable = may('draft.write', { groupId: group.id, locked: group.locked });
                  return (
                    <li
                      key={group.id}
                      className="item-list__item"
                      data-testid="group-item"
                      data-group-name={group.name}
                    >
                      <div className="item-list__main">
                        <AppLink href={documentPath(workshop.id, group.documentId)} className="item-list__title">
                          {group.name}
                        </AppLink>
                        {group.focusAudience !== null && (
                          <span className="muted">{strings.home.focus(group.focusAudience)}</span>
                        )}
                      </div>
                      <div className="item-list__badges">
                        {own && <span className="badge badge--accent">{strings.home.yourGroup}</span>}
                        {group.locked && <span className="badge badge--warning">{strings.home.locked}</span>}
                        {!writable && !group.locked && <span className="badge">{strings.home.readOnly}</span>}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        )}

        {may('brief.read') && <BriefsSection />}
        {!isReader && home.published.length > 0 && <PublishedSection />}

        {isFacilitator && (
          <section className="setup" aria-labelledby="setup-heading" data-testid="setup">
            <h2 id="setup-heading" className="section-title">
              {strings.home.setupHeading}
            </h2>
            <section className="card" aria-labelledby="settings-heading">
              <h3 id="settings-heading" className="card__title">
                {strings.home.settingsHeading}
              </h3>
              <WorkshopForm
                testId="workshop-settings-form"
                initial={workshop}
                submitLabel={strings.workshopForm.save}
                busyLabel={strings.workshopForm.saving}
                savedMessage={strings.workshopForm.saved}
                onSubmit={async (details) => {
                  await updateWorkshop(workshop.id, details);
                  refresh();
                }}
              />
            </section>
            <GroupSettings />
            <AddGroupForm />
            <InviteLinks />
          </section>
        )}
      </main>
    </>
  );
}
