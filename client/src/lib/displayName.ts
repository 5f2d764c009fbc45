import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'plenary:displayName';
const CHANGE_EVENT = 'plenary:displayName';

/** The longest display name we accept; longer names break caret labels and the presence list. */
export const MAX_DISPLAY_NAME_LENGTH = 60;

/** Collapses whitespace so "  Ana   K " and "Ana K" are the same person on screen. */
export function normaliseDisplayName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

function readStoredName(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    const name = stored === null ? '' : normaliseDisplayName(stored);
    return name === '' ? null : name;
  } catch {
    // Storage can be blocked (privacy settings); then we simply ask again next time.
    return null;
  }
}

/** Remembers the display name on this device and tells every mounted component. */
export function saveDisplayName(name: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, normaliseDisplayName(name));
  } catch {
    // Not persisted, but still used for this page: see the in-memory fallback below.
  }
  sessionFallback = normaliseDisplayName(name);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

// When localStorage is unavailable, keep the name for the life of the page so we do not ask
// again on every render.
let sessionFallback: string | null = null;

function snapshot(): string | null {
  return readStoredName() ?? sessionFallback;
}

function subscribe(onChange: () => void): () => void {
  // `storage` fires when another tab changes the name; our own event covers this tab.
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** The remembered display name, or null when the person has not given one yet. */
export function useDisplayName(): string | null {
  return useSyncExternalStore(subscribe, snapshot);
}
