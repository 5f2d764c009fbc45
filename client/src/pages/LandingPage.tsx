import { useEffect } from 'react';
import { AppHeader } from '../components/AppHeader';
import { LoadingPage } from '../components/MessagePage';
import { navigate } from '../lib/router';
import { strings } from '../lib/strings';
import { useSession } from '../session/SessionContext';

/** `/`: sends a signed-in person to where they belong; everyone else learns to open their invite link. */
export function LandingPage() {
  const { state } = useSession();
  const landing = state.status === 'signedIn' ? state.session.landing : null;

  useEffect(() => {
    document.title = strings.productName;
    if (landing !== null) navigate(landing, { replace: true });
  }, [landing]);

  if (state.status === 'loading' || landing !== null) return <LoadingPage />;

  return (
    <>
      <AppHeader />
      <main className="page page--narrow" id="main" data-testid="landing">
        <h1 className="page__title">{strings.landing.title}</h1>
        <p className="page__lead">{strings.landing.intro}</p>
        <section className="card" aria-labelledby="how-heading">
          <h2 id="how-heading" className="card__title">
            {strings.landing.howHeading}
          </h2>
          <ol className="steps">
            {strings.landing.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="operator-heading">
          <h2 id="operator-heading" className="card__title">
            {strings.landing.operatorHeading}
          </h2>
          <p className="muted">{strings.landing.operatorBody}</p>
          <p>
            <code className="command">{strings.landing.operatorCommand}</code>
          </p>
        </section>
      </main>
    </>
  );
}
