import { OPENAPI_PATH, OPERATIONS } from './routes/openapi';

/** A documented path as a pattern over request paths (`{id}` is one segment). */
export function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`);
}

/** Each documented API path with the methods it answers (HEAD wherever GET is) and which take a body. */
export const API_PATHS: ReadonlyArray<{
  pattern: RegExp;
  methods: ReadonlySet<string>;
  bodyless: ReadonlySet<string>;
}> = (() => {
  const byPath = new Map<string, { methods: Set<string>; bodyless: Set<string> }>([
    [OPENAPI_PATH, { methods: new Set(['GET', 'HEAD']), bodyless: new Set(['GET', 'HEAD']) }],
  ]);
  for (const op of OPERATIONS) {
    const entry = byPath.get(op.path) ?? { methods: new Set<string>(), bodyless: new Set<string>() };
    const method = op.method.toUpperCase();
    entry.methods.add(method);
    if (!op.body) entry.bodyless.add(method);
    if (method === 'GET') entry.methods.add('HEAD');
    byPath.set(op.path, entry);
  }
  return [...byPath].map(([path, entry]) => ({ pattern: pathPattern(path), ...entry }));
})();

/** The documented API path a request path is, if any. */
export function apiPathOf(path: string) {
  return API_PATHS.find(({ pattern }) => pattern.test(path));
}
