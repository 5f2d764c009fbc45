/** Link schemes that may appear in a document: everything else (javascript:, data:, …) is dropped. */
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/** Whether `href` is an absolute http(s) or mailto URL. Relative and other schemes are refused. */
export function isSafeHref(href: string): boolean {
  const trimmed = href.trim();
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (!match) return false;
  const scheme = (match[1] ?? '').toLowerCase();
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(scheme);
}
