import type { Workshop } from '@plenary/shared/api';
import { can, DEFAULT_AUDIENCES } from '@plenary/shared/domain';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { isUnauthorized } from '../api/http';
import { createWorkshop, listWorkshops } from '../api/workshops';
import { AccountControls } from '../components/AccountControls';
import { AppHeader } from '../components/AppHeader';
import { AppLink } from '../components/AppLink';
import { roleLabelFor } from '../lib/roleLabel';
import { navigate, workshopPath } from '../lib/router';
import { strings } from '../lib/strings';
import { formatWorkshopDates } from '../lib/workshopDates';
import { endReasonOf, useSession, useSignedInSession } from '../session/SessionContext';
import { WorkshopForm } from '../workshop/WorkshopForm';

const EMPTY_WORKSHOP = { title: '', venue: '', startsOn: null, endsOn: null, audiences: [...DEFAULT_AUDIENCES] };

/** `/workshops`: the workshops this session can open and, for the operator, a form for a new one. */
export function WorkshopsPage() {
  const { endSession } = useSession();
  const { session } = useSignedInSession();
  const { participant } = session;
  const [workshops, setWorkshops] = useState<Workshop[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayCreate = can(
    { role: participant.role, workshopId: participant.workshopId, groupId: participant.groupId },
    'workshop.create',
    { workshopId: null },
  );

  useEffect(() => {
    document.title = `${strings.workshops.title} — ${strings.productName}`;
    let current = true;
    listWorkshops().then(
      (list) => {
        if (current) setWorkshops(list);
      },
      (failure: unknown) => {
        if (!current) return;
        if (isUnauthorized(failure)) endSession(endReasonOf(failure));
        else setError(errorMessage(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [endSession]);

  return (
    <>
      <AppHeader>
        <AccountControls roleLabel={roleLabelFor(participant.role, participant.workshopId)} />
      </AppHeader>
      <main className="page page--medium" id="main">
        <h1 className="page__title">{strings.workshops.title}</h1>
        {mayCreate && <p className="page__lead">{strings.workshops.intro}</p>}
        {error !== null && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {workshops !== null && (
          <section className="card" aria-label={strings.workshops.title}>
            {workshops.length === 0 ? (
              <p className="muted">{strings.workshops.empty}</p>
            ) : (
              <ul className="item-list" data-testid="workshop-list">
                {workshops.map((workshop) => (
                  <li key={workshop.id} className="item-list__item">
                    <div className="item-list__main">
                      <AppLink href={workshopPath(workshop.id)} className="item-list__title">
                        {workshop.title}
                      </AppLink>
                      <span className="muted">
                        {[workshop.venue, formatWorkshopDates(workshop.startsOn, workshop.endsOn)]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {mayCreate && (
          <section className="card" aria-labelledby="new-workshop-heading">
            <h2 id="new-workshop-heading" className="card__title">
              {strings.workshops.newHeading}
            </h2>
            <WorkshopForm
              testId="new-workshop-form"
              initial={EMPTY_WORKSHOP}
              submitLabel={strings.workshops.create}
              busyLabel={strings.workshops.creating}
              onSubmit={async (details) => {
                const created = await createWorkshop(details);
                navigate(workshopPath(created.id));
              }}
            />
          </section>
        )}
      </main>
    </>
  );
}
