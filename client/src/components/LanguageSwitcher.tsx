import { LANGUAGE_NAMES } from '@plenary/shared/domain';
import { LANGUAGES, type Language, switchLanguage, useLanguage } from '../lib/language';
import { strings } from '../lib/strings';

/** The interface language, on every page's header (the join page too); remembered on this device. */
export function LanguageSwitcher() {
  const language = useLanguage();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{strings.interfaceLanguage.label}</span>
      <select
        className="language-switcher__select"
        value={language}
        onChange={(event) => switchLanguage(event.target.value as Language)}
        data-testid="language-switcher"
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
