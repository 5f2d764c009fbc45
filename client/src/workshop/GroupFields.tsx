import { useId } from 'react';
import { TextField } from '../components/TextField';
import { strings } from '../lib/strings';

interface GroupFieldsProps {
  name: string;
  onNameChange: (name: string) => void;
  /** One of `audiences`, or '' for no particular audience. */
  focus: string;
  onFocusChange: (focus: string) => void;
  audiences: readonly string[];
  placeholder?: string;
  /** The id of the error shown under the form, or null when there is none. */
  errorId: string | null;
}

/** A group's name and focus audience, as adding and editing a group both ask for them. */
export function GroupFields({
  name,
  onNameChange,
  focus,
  onFocusChange,
  audiences,
  placeholder,
  errorId,
}: GroupFieldsProps) {
  const focusId = useId();
  return (
    <>
      <TextField
        label={strings.home.groupName}
        value={name}
        onChange={onNameChange}
        placeholder={placeholder}
        errorId={errorId}
      />
      <div className="field">
        <label htmlFor={focusId} className="field-label">
          {strings.home.focusAudience}
        </label>
        <select
          id={focusId}
          className="text-input"
          value={focus}
          onChange={(event) => onFocusChange(event.target.value)}
        >
          {audiences.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
          <option value="">{strings.home.noFocus}</option>
        </select>
      </div>
    </>
  );
}

/** What the server takes for the fields, or null when the name is blank. */
export function groupBody(name: string, focus: string): { name: string; focusAudience: string | null } | null {
  const trimmed = name.trim();
  return trimmed === '' ? null : { name: trimmed, focusAudience: focus === '' ? null : focus };
}
