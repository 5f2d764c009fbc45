import { strings } from '../lib/strings';
import { ApiRequestError, NetworkError } from './http';

/** A sentence for a person about a failed call: the server's own message, or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return strings.errors.network;
  if (error instanceof ApiRequestError && error.code !== 'http_error') return error.message;
  return strings.errors.generic;
}
