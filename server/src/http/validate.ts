import type { Request } from 'express';
import type { z } from 'zod';
import type { ReadBody, ReadQuery } from '../services/readBody';
import { HttpError } from './HttpError';

/** Parses `input` with `schema`, or throws a 400 naming each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // A field the request may not carry (a typo, most likely) is named as that field, not as "(root)".
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'is not a field of this request' }))
      : [{ path: issue.path, message: issue.message }],
  );
  // A Map, then own properties: a field named `constructor` or `__proto__` must not reach
  // Object.prototype on its way into the answer.
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    byField.set(key, [...(byField.get(key) ?? []), issue.message]);
  }
  const details = Object.fromEntries(byField);
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${where}${first?.message ?? 'invalid'}`, details);
}

/**
 * Parses a query string with `schema`. Keys the schema does not name are ignored (links pick up
 * tracking parameters on their way through e-mail), except PHP-style spellings of a key it does
 * name (`audience[]=…`): ignoring those would quietly answer with everything instead of the
 * edition asked for, so they get a 400 that says how to repeat the parameter.
 */
export function validateQuery<S extends z.ZodObject>(schema: S, query: Record<string, unknown>): z.infer<S> {
  for (const key of Object.keys(query)) {
    const name = key.replace(/\[.*$/, '');
    if (name !== key && Object.hasOwn(schema.shape, name)) {
      const hint = `write ${name}=…&${name}=… to give more than one`;
      throw new HttpError(400, 'invalid_request', `Invalid query: ${key}: ${hint}`, { [key]: [hint] });
    }
  }
  return validate(schema, query, 'query');
}

/**
 * The request's body, validated with `schema` when the service reads it: after the caller's right
 * to make the request is checked (see ReadBody).
 */
export function bodyOf<S extends z.ZodType>(schema: S, request: Request): ReadBody<z.infer<S>> {
  return () => validate(schema, request.body);
}

/** The request's query string, validated with `schema` when the service reads it (see ReadQuery). */
export function queryOf<S extends z.ZodObject>(schema: S, request: Request): ReadQuery<z.infer<S>> {
  return () => validateQuery(schema, request.query as Record<string, unknown>);
}
