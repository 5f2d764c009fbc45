import { useSyncExternalStore } from 'react';

// A path router of a few lines: the app has a handful of routes and needs no nested layouts,
// loaders or transitions, so a dependency would cost more than it gives.

const NAVIGATE_EVENT = 'plenary:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

/** The current location's path, re-rendering on navigation and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Go to `path` inside the app without reloading the page. */
export function navigate(path: string): void {
  if (path === currentPath()) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** The routes of the app, as data, so matching is testable without a DOM. */
export type Route = { name: 'landing' } | { name: 'document'; documentId: string } | { name: 'notFound' };

/** Which page `pathname` shows. The document id is returned decoded and not yet validated. */
export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'landing' };
  const documentMatch = /^\/d\/([^/]+)\/?$/.exec(pathname);
  if (documentMatch?.[1] !== undefined) {
    let documentId: string;
    try {
      documentId = decodeURIComponent(documentMatch[1]);
    } catch {
      // A malformed escape (e.g. "%E0") cannot be a valid id; let the page say so.
      documentId = documentMatch[1];
    }
    return { name: 'document', documentId };
  }
  return { name: 'notFound' };
}

/** The path of the editor page for a document. */
export function documentPath(documentId: string): string {
  return `/d/${encodeURIComponent(documentId)}`;
}
