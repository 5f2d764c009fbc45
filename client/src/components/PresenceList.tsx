import type { PresenceSnapshot } from '../collab/presenceTracker';
import { strings } from '../lib/strings';

/** "Who is here": everyone in the document now, yourself first; joins and leaves read out politely. */
export function PresenceList({ presence }: { presence: PresenceSnapshot }) {
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="presence__heading">
        {strings.presence.heading}
      </h2>
      <ul className="presence__list" data-testid="presence">
        {presence.people.map((person) => (
          <li key={person.clientId} className="presence__person">
            <span className="presence__dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <bdi className="presence__name">{person.name}</bdi>
            {person.isSelf && <span className="presence__you"> {strings.presence.you}</span>}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {presence.announcement?.text}
      </p>
    </section>
  );
}
