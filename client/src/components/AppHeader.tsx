import { type ReactNode, useEffect, useRef } from 'react';
import { strings } from '../lib/strings';
import { AppLink } from './AppLink';
import { LanguageSwitcher } from './LanguageSwitcher';

interface AppHeaderProps {
  /** Where you are: the workshop, then the open document. */
  title?: ReactNode;
  /** Status, countdown and your name, at the end of the bar. */
  children?: ReactNode;
}

/** The top bar: product name (home link), where you are, then status and name. */
export function AppHeader({ title, children }: AppHeaderProps) {
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = header.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    // Sticky toolbars and lists sit below the header: tell them its real height, which grows when
    // it wraps (a countdown and the save status beside a long title, a phone, large text).
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--header-height', `${element.getBoundingClientRect().height}px`);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--header-height');
    };
  }, []);
  return (
    <header className="app-header" ref={header}>
      <a href="#main" className="skip-link">
        {strings.skipToContent}
      </a>
      <div className="app-header__inner">
        <AppLink href="/" className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          <span className="app-header__brand-name">{strings.productName}</span>
        </AppLink>
        {/* The title is people's own text: it takes its own direction, so an English title in the
            Urdu interface is cut at its end, not its start. */}
        {title !== undefined && (
          <div className="app-header__title" dir="auto">
            {title}
          </div>
        )}
        <div className="app-header__end">
          {children}
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
