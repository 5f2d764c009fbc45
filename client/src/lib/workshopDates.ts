const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const full = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * "12–13 March 2026", "30 March – 2 April 2026", or one date, from ISO dates (either may be
 * missing); empty when neither is set. Built by hand because Intl's formatRange spacing differs
 * between ICU versions.
 */
export function formatWorkshopDates(startsOn: string | null, endsOn: string | null): string {
  const start = startsOn ? new Date(`${startsOn}T00:00:00Z`) : null;
  const end = endsOn ? new Date(`${endsOn}T00:00:00Z`) : null;
  if (!start || !end || startsOn === endsOn) {
    const only = start ?? end;
    return only ? full.format(only) : '';
  }
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  if (sameYear && start.getUTCMonth() === end.getUTCMonth()) return `${day.format(start)}–${full.format(end)}`;
  if (sameYear) return `${dayMonth.format(start)} – ${full.format(end)}`;
  return `${full.format(start)} – ${full.format(end)}`;
}
