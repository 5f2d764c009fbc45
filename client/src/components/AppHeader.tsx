import type { ReactNode } from 'react';
import { strings } from '../lib/strings';
import { AppLink } from './AppLink';

interface AppHeaderProps {
  /** The document's title, when a document is open. */
  title?: ReactNode;
  /** Status and the person's name, at the end of the bar. */
  children?: ReactNode;
}

/** The top bar: product name (home link), document title, then status and name. */
export function AppHeader({ title, children }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <AppLink href="/" className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          {strings.productName}
        </AppLink>
        {title !== undefined && <div className="app-header__title">{title}</div>}
        <div className="app-header__end">{children}</div>
      </div>
    </header>
  );
}
