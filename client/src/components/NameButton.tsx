import { strings } from '../lib/strings';

interface NameButtonProps {
  name: string;
  color: string;
  /** The role line under the name, e.g. "Member · Group 1". */
  roleLabel: string;
  onClick: () => void;
}

/** The person's own name and role in the header; clicking it opens the rename dialog. */
export function NameButton({ name, color, roleLabel, onClick }: NameButtonProps) {
  return (
    <button type="button" className="name-button" onClick={onClick} data-testid="name-button">
      <span className="avatar" style={{ backgroundColor: color }} aria-hidden="true">
        {initialOf(name)}
      </span>
      <span className="name-button__text">
        <span className="name-button__name">{name}</span>
        <span className="name-button__role">{roleLabel}</span>
      </span>
      {/* Named by what it shows, then what it does (speech input says what it sees). */}
      <span className="visually-hidden">{strings.account.changeNameSuffix}</span>
    </button>
  );
}

function initialOf(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}
