import { activeLanguage } from '../lib/language';
import { strings } from '../lib/strings';
import { ApiRequestError, NetworkError } from './http';

/**
 * A sentence for a person about a failed call: the server's own message in English; in another
 * language, what its status means (the server speaks English only); else a generic one.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return strings.errors.network;
  if (error instanceof ApiRequestError && error.code !== 'http_error') {
    if (activeLanguage() === 'en') return error.message;
    return refusalFor(error.status) ?? strings.errors.generic;
  }
  return strings.errors.generic;
}

/** The server's message about one field of a form, or in another language what a 400 means. */
export function fieldErrorMessage(serverMessage: string): string {
  return activeLanguage() === 'en' ? serverMessage : strings.serverRefusals[400];
}

function refusalFor(status: number): string | undefined {
  return Object.hasOwn(strings.serverRefusals, status)
    ? strings.serverRefusals[status as keyof typeof strings.serverRefusals]
    : undefined;
}
