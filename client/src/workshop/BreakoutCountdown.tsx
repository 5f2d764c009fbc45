import type { BreakoutTimer } from '@plenary/shared/api';
import { formatCountdown } from '../lib/relativeTime';
import { strings } from '../lib/strings';
import { useNow } from '../lib/useNow';

interface BreakoutCountdownProps {
  timer: BreakoutTimer;
  /** The big version on the facilitator's dashboard (and projector). */
  large?: boolean;
}

/** Time left in the breakout, mm:ss, from the server's end time; "Time is up" after it. */
export function BreakoutCountdown({ timer, large = false }: BreakoutCountdownProps) {
  const endsAt = Date.parse(timer.endsAt);
  const now = useNow(500);
  const remaining = endsAt - now;
  const ended = remaining <= 0;
  const label = timer.label || strings.dashboard.timerDefaultLabel;
  return (
    // role=timer is not announced on every tick; the visible text is enough for sighted users
    // and a screen reader can read it on demand. The end is worth interrupting for (polite).
    <>
      <div
        className={`countdown${large ? ' countdown--large' : ''}${ended ? ' countdown--ended' : ''}`}
        role="timer"
        aria-label={strings.header.breakout(label)}
        data-testid="breakout-countdown"
        data-state={ended ? 'ended' : 'running'}
      >
        <span className="countdown__label">{label}</span>
        <span className="countdown__time">{ended ? strings.header.timeUp : formatCountdown(remaining)}</span>
      </div>
      {!large && (
        <span className="visually-hidden" role="status">
          {ended ? `${label}: ${strings.header.timeUp}` : ''}
        </span>
      )}
    </>
  );
}
