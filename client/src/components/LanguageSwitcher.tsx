import { LANGUAGE_NAMES } from '@plenary/shared/domain';
import { useEffect, useRef } from 'react';
import { LANGUAGES, type Language, switchLanguage, useLanguage } from '../lib/language';
import { strings } from '../lib/strings';

/** Until when a switcher that appears takes the focus back: the rebuild after a switch made with it focused. */
let refocusUntil = 0;

/** The interface language, on every page's header (the join page too); remembered on this device. */
export function LanguageSwitcher() {
  const language = useLanguage();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // The whole page is rebuilt in the new language (a loading state first, at times, then the
    // page: each has a switcher): a keyboard user who switched here stays here.
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && Date.now() < refocusUntil) select.current?.focus();
  }, []);
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{strings.interfaceLanguage.label}</span>
      <select
        className="language-switcher__select"
        ref={select}
        value={language}
        onChange={(event) => {
          refocusUntil = document.activeElement === event.target ? Date.now() + 3000 : 0;
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
