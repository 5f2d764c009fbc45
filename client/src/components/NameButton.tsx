import { strings } from '../lib/strings';
import { colorForName } from '../lib/userColor';

/** The person's own name in the header; clicking it opens the name dialog. */
export function NameButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" className="name-button" onClick={onClick} aria-label={strings.displayName.change(name)}>
      <span className="avatar" style={{ backgroundColor: colorForName(name) }} aria-hidden="true">
        {initialOf(name)}
      </span>
      <span className="name-button__text">{name}</span>
    </button>
  );
}

function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}
