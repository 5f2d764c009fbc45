// The breakout countdown ends at a time set by the server's clock. A laptop whose clock is a few
// minutes off would otherwise show the wrong time left, on the projector too; so we estimate the
// offset from the Date header of API responses (one-second resolution, which is plenty).

let offsetMs = 0;
const IGNORE_BELOW_MS = 1500;

/** Records the server's Date header of a response that just arrived. */
export function noteServerDate(header: string | null, receivedAt = Date.now()): void {
  if (header === null) return;
  const serverTime = Date.parse(header);
  if (Number.isNaN(serverTime)) return;
  // The header is truncated to the second, so the server's real time lies within [t, t + 1 s).
  const estimate = serverTime + 500 - receivedAt;
  offsetMs = Math.abs(estimate) < IGNORE_BELOW_MS ? 0 : estimate;
}

/** The current time on the server's clock, as far as we can tell. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
