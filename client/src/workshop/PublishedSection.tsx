import { activeLocale } from '../lib/language';
import { strings } from '../lib/strings';
import { useWorkshop } from './WorkshopContext';

/**
 * Published briefs: what readers come for, and what everyone else can share. Each link opens the
 * server-rendered read-only page (with its downloads), which needs no session.
 */
export function PublishedSection() {
  const { home } = useWorkshop();
  const { published } = home;
  return (
    <section className="card" aria-labelledby="published-heading">
      <h2 id="published-heading" className="card__title">
        {strings.publish.heading}
      </h2>
      {published.length === 0 ? (
        <>
          <p data-testid="reader-empty">{strings.home.readerEmpty}</p>
          <p className="muted">{strings.home.readerIntro}</p>
        </>
      ) : (
        <ul className="item-list" data-testid="published-list">
          {published.map((item) => (
            <li key={item.briefId} className="item-list__item" data-testid="published-item">
              <div className="item-list__main">
                {/* A plain link: the published page is served by the server, outside this app. */}
                <a href={item.path} className="item-list__title" data-testid="published-link">
                  {item.title}
                </a>
                <span className="muted">
                  {strings.publish.versionOn(
                    item.version,
                    new Date(item.publishedAt).toLocaleDateString(activeLocale()),
                  )}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
