import { ApiError } from '@plenary/shared/api';
import { noteServerDate } from '../lib/serverClock';

/** Anything that turns unknown JSON into a typed value or throws: the shared zod schemas fit. */
export interface Schema<T> {
  parse(input: unknown): T;
}

/** The server answered with an error (`{ error: { code, message, details? } }`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** Per-field messages of a 400 `invalid_request` (`{ field: [messages] }`), else empty. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (typeof this.details !== 'object' || this.details === null) return errors;
    for (const [field, messages] of Object.entries(this.details)) {
      if (Array.isArray(messages) && typeof messages[0] === 'string') errors[field] = messages[0];
    }
    return errors;
  }
}

/** The server could not be reached at all (offline, or it is down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST call on this origin. The session travels in the HttpOnly cookie, and the browser adds
 * the Origin header the server checks on state-changing requests. Successful bodies are checked
 * against `schema`, so a page never renders a shape it does not expect.
 */
export async function apiRequest<T>(method: Method, path: string, schema: Schema<T>, body?: unknown): Promise<T>;
export async function apiRequest(method: Method, path: string, schema: null, body?: unknown): Promise<void>;
export async function apiRequest<T>(
  method: Method,
  path: string,
  schema: Schema<T> | null,
  body?: unknown,
): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  noteServerDate(response.headers.get('date'));
  const text = await response.text();
  const json: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const parsed = ApiError.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiRequestError(response.status, code, message, details);
    }
    // A proxy's HTML error page, or a gateway timeout: still an answer, not a network failure.
    throw new ApiRequestError(response.status, 'http_error', `The server answered ${response.status}.`);
  }
  return schema === null ? undefined : schema.parse(json);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether `error` is the server saying "not signed in" (no session, expired, or link revoked). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}
