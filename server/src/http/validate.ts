import type { z } from 'zod';
import { HttpError } from './HttpError';

/** Parses `input` with `schema`, or throws a 400 naming each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const list = details[key] ?? [];
    list.push(issue.message);
    details[key] = list;
  }
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${where}${first?.message ?? 'invalid'}`, details);
}
