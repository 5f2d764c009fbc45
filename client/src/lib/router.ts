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

/**
 * Go to `path` inside the app without reloading the page. `replace` swaps the current history
 * entry, for redirects that Back should skip (e.g. from `/` or a join link to the landing page).
 */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** The routes of the app, as data, so matching is testable without a DOM. Ids are decoded, not validated. */
export type Route =
  | { name: 'landing' }
  | { name: 'join'; secret: string }
  | { name: 'workshops' }
  | { name: 'workshop'; workshopId: string }
  | { name: 'dashboard'; workshopId: string }
  | { name: 'document'; workshopId: string; documentId: string }
  | { name: 'composer'; workshopId: string; briefId: string }
  | { name: 'notFound' };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape (e.g. "%E0") cannot be a valid id; the page says so.
    return segment;
  }
}

/** Which page `pathname` shows. A trailing slash is ignored. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1).map(decode);
  if (parts.length === 0) return { name: 'landing' };
  if (parts.length > 5 || parts.some((part) => part === '')) return { name: 'notFound' };
  const [first, second, third, fourth, fifth] = parts;
  if (first === 'w' && second !== undefined && third === 'briefs' && fourth !== undefined && fifth === 'compose') {
    return { name: 'composer', workshopId: second, briefId: fourth };
  }
  if (fifth !== undefined) return { name: 'notFound' };
  if (first === 'join' && second !== undefined && third === undefined) return { name: 'join', secret: second };
  if (first === 'workshops' && second === undefined) return { name: 'workshops' };
  if (first === 'w' && second !== undefined) {
    if (third === undefined) return { name: 'workshop', workshopId: second };
    if (third === 'dashboard' && fourth === undefined) return { name: 'dashboard', workshopId: second };
    if (third === 'd' && fourth !== undefined) return { name: 'document', workshopId: second, documentId: fourth };
  }
  return { name: 'notFound' };
}

/** The home page of a workshop. */
export const workshopPath = (workshopId: string) => `/w/${encodeURIComponent(workshopId)}`;

/** The facilitator's dashboard of a workshop. */
export const dashboardPath = (workshopId: string) => `${workshopPath(workshopId)}/dashboard`;

/** The editor page of a document (a group's draft or a brief) in its workshop. */
export const documentPath = (workshopId: string, documentId: string) =>
  `${workshopPath(workshopId)}/d/${encodeURIComponent(documentId)}`;

/** The rapporteur's composer for a brief: every group's recommendations beside the brief's editor. */
export const composerPath = (workshopId: string, briefId: string) =>
  `${workshopPath(workshopId)}/briefs/${encodeURIComponent(briefId)}/compose`;
