import { LANGUAGE_NAMES } from '@plenary/shared/domain';
import { useEffect, useRef } from 'react';
import { LANGUAGES, type Language, switchLanguage, useLanguage } from '../lib/language';
import { strings } from '../lib/strings';

/** Set while the page is rebuilt after a switch made with the switcher focused. */
let refocusAfterSwitch = false;

/** The interface language, on every page's header (the join page too); remembered on this device. */
export function LanguageSwitcher() {
  const language = useLanguage();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // The whole page is rebuilt in the new language: a keyboard user who switched here stays here.
    if (refocusAfterSwitch) select.current?.focus();
    refocusAfterSwitch = false;
  }, []);
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{strings.interfaceLanguage.label}</span>
      <select
        className="language-switcher__select"
        ref={select}
        value={language}
        onChange={(event) => {
          refocusAfterSwitch = document.activeElement === event.target;
          switchLanguage(event.target.value as Language);
        }}
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
