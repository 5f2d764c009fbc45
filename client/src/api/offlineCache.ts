import { apiRequest, NetworkError, type Schema } from './http';

// The last good answer of a few GETs (session, workshop, document info) kept on this device, so a
// reload without network still opens the draft from IndexedDB instead of an error page. Nothing
// secret is stored: the session token lives only in the HttpOnly cookie.
const PREFIX = 'plenary:cache:';

/** Stores `value` as the last answer for `path`. */
export function keepOfflineCopy(path: string, value: unknown): void {
  try {
    window.localStorage.setItem(PREFIX + path, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the app still works online.
  }
}

function recall<T>(path: string, schema: Schema<T>): T | undefined {
  try {
    const raw = window.localStorage.getItem(PREFIX + path);
    return raw === null ? undefined : schema.parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

/** Result of a GET that may have been answered from this device's copy. */
export interface MaybeCached<T> {
  value: T;
  /** True when the server was unreachable and `value` is the last copy seen. */
  fromCache: boolean;
}

/** GETs `path`; when the network is down, answers with the last successful response instead. */
export async function getWithOfflineCopy<T>(path: string, schema: Schema<T>): Promise<MaybeCached<T>> {
  try {
    const value = await apiRequest('GET', path, schema);
    keepOfflineCopy(path, value);
    return { value, fromCache: false };
  } catch (error) {
    if (error instanceof NetworkError) {
      const cached = recall(path, schema);
      if (cached !== undefined) return { value: cached, fromCache: true };
    }
    throw error;
  }
}

/** Forgets every cached answer (sign-out, or the session ended). */
export function forgetOfflineCopies(): void {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(PREFIX)) window.localStorage.removeItem(key);
    }
  } catch {
    // Nothing was stored.
  }
}
