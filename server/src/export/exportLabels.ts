import type { Priority, RecommendationStatus, Timeframe } from '@plenary/shared/domain';

/** Words every export prints for field values, so DOCX, PDF, HTML and Markdown say the same. */
export const PRIORITY_LABEL: Record<Priority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export const TIMEFRAME_LABEL: Record<Timeframe, string> = {
  immediate: 'Immediate',
  within_6_months: 'Within 6 months',
  within_1_2_years: 'Within 1–2 years',
  long_term: 'Long term',
};

export const STATUS_LABEL: Record<RecommendationStatus, string> = {
  draft: 'Draft',
  agreed: 'Agreed',
  contested: 'Contested',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface DayParts {
  day: number;
  month: string;
  year: number;
}

/** A calendar date ("2025-02-27") as parts, or null when it is not one. */
function dayParts(value: string | null): DayParts | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return null;
  const month = MONTHS[Number(match[2]) - 1];
  const day = Number(match[3]);
  if (!month || day < 1 || day > 31) return null;
  return { day, month, year: Number(match[1]) };
}

/** "27–28 February 2025", "27 February – 2 March 2025", or null when no start date is known. */
export function formatDateRange(startsOn: string | null, endsOn: string | null): string | null {
  const start = dayParts(startsOn);
  const end = dayParts(endsOn);
  if (!start) return end ? `${end.day} ${end.month} ${end.year}` : null;
  if (!end || (end.day === start.day && end.month === start.month && end.year === start.year)) {
    return `${start.day} ${start.month} ${start.year}`;
  }
  if (start.year !== end.year) return `${start.day} ${start.month} ${start.year} – ${end.day} ${end.month} ${end.year}`;
  if (start.month !== end.month) return `${start.day} ${start.month} – ${end.day} ${end.month} ${end.year}`;
  return `${start.day}–${end.day} ${end.month} ${end.year}`;
}

/** "27 November 2026, 21:32 UTC": the same whatever the server's locale or time zone. */
export function formatTimestamp(at: Date): string {
  const hours = String(at.getUTCHours()).padStart(2, '0');
  const minutes = String(at.getUTCMinutes()).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${hours}:${minutes} UTC`;
}
