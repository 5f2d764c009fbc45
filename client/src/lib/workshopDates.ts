import { activeLocale } from './language';

const formatters = new Map<
  string,
  { day: Intl.DateTimeFormat; dayMonth: Intl.DateTimeFormat; full: Intl.DateTimeFormat }
>();

/** Formatters in the interface language, made once per locale. */
function formattersFor(locale: string) {
  let made = formatters.get(locale);
  if (!made) {
    made = {
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' }),
      dayMonth: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
      full: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    formatters.set(locale, made);
  }
  return made;
}

/**
 * "12–13 March 2026", "30 March – 2 April 2026", or one date, from ISO dates (either may be
 * missing); empty when neither is set. Built by hand because Intl's formatRange spacing differs
 * between ICU versions.
 */
export function formatWorkshopDates(startsOn: string | null, endsOn: string | null): string {
  const { day, dayMonth, full } = formattersFor(activeLocale());
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
