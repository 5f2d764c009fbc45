import { type FormEvent, useId, useState } from 'react';
import { startTimer, stopTimer } from '../api/workshops';
import { ConfirmBox } from '../components/ConfirmBox';
import { FormError } from '../components/FormError';
import { TextField } from '../components/TextField';
import { formatCountdown } from '../lib/relativeTime';
import { strings } from '../lib/strings';
import { BreakoutCountdown } from './BreakoutCountdown';
import { useFormAction } from './useFormAction';
import { useWorkshop } from './WorkshopContext';

const DEFAULT_MINUTES = 45;

/** Start (or restart) the breakout countdown every participant sees, and stop it. */
export function TimerControl() {
  const { home, may, refresh } = useWorkshop();
  const { workshop } = home;
  const [minutes, setMinutes] = useState(String(DEFAULT_MINUTES));
  const [label, setLabel] = useState<string>(workshop.timer?.label || strings.dashboard.timerDefaultLabel);
  const { busy, error, setError, run: runAction } = useFormAction();
  const minutesId = useId();
  const errorId = useId();
  const manage = may('timer.manage');

  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      refresh();
    });

  // A running countdown is on every participant's screen: replacing or stopping it is asked first,
  // saying how much time it still had, so an Enter pressed in the label field cannot reset the room.
  const [confirming, setConfirming] = useState<{ action: 'restart' | 'stop'; question: string } | null>(null);
  const requestedMinutes = (): number | null => {
    const value = Number(minutes);
    if (!Number.isFinite(value) || value <= 0 || value > 24 * 60) {
      setError(strings.dashboard.timerMinutesInvalid);
      return null;
    }
    return value;
  };

  const restart = (value: number) => {
    setConfirming(null);
    void run(() => startTimer(workshop.id, value, label.trim() || strings.dashboard.timerDefaultLabel));
  };

  const stop = () => {
    setConfirming(null);
    void run(() => stopTimer(workshop.id));
  };

  /** Does `go` at once when no countdown is running; otherwise asks `question` first. */
  const askFirst = (action: 'restart' | 'stop', question: (label: string, left: string) => string, go: () => void) => {
    const { timer } = workshop;
    const left = timer === null ? 0 : Date.parse(timer.endsAt) - Date.now();
    if (timer === null || left <= 0) return go();
    setConfirming({ action, question: question(timer.label, formatCountdown(left)) });
  };

  const start = (event: FormEvent) => {
    event.preventDefault();
    const value = requestedMinutes();
    if (value === null) return;
    askFirst(
      'restart',
      (timerLabel, left) => strings.dashboard.timerRestartQuestion(timerLabel, left, value),
      () => restart(value),
    );
  };

  const askStop = () => askFirst('stop', strings.dashboard.timerStopQuestion, stop);

  return (
    <section className="card timer-card" aria-labelledby="timer-heading">
      <h2 id="timer-heading" className="card__title">
        {strings.dashboard.timerHeading}
      </h2>
      {workshop.timer !== null ? (
        <BreakoutCountdown timer={workshop.timer} large />
      ) : (
        <p className="muted">{strings.dashboard.timerNone}</p>
      )}
      {manage && (
        <form className="inline-form" onSubmit={start} noValidate data-testid="timer-form">
          <div className="field field--narrow">
            <label htmlFor={minutesId} className="field-label">
              {strings.dashboard.timerMinutes}
            </label>
            <input
              id={minutesId}
              className="text-input"
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              value={minutes}
              aria-invalid={error !== null}
              aria-describedby={error !== null ? errorId : undefined}
              onChange={(event) => {
                setMinutes(event.target.value);
                setError(null);
              }}
            />
          </div>
          <TextField
            label={strings.dashboard.timerLabel}
            value={label}
            onChange={setLabel}
            maxLength={120}
            errorId={null}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} data-testid="timer-start">
              {workshop.timer !== null ? strings.dashboard.timerRestart : strings.dashboard.timerStart}
            </button>
            {workshop.timer !== null && (
              <button type="button" className="button" disabled={busy} onClick={askStop} data-testid="timer-stop">
                {strings.dashboard.timerStop}
              </button>
            )}
          </div>
          <FormError id={errorId} message={error} />
        </form>
      )}
      {manage && confirming !== null && (
        <ConfirmBox
          // A new question (Stop asked while Restart's was open) takes the focus to its safe answer again.
          key={confirming.action}
          question={confirming.question}
          confirmLabel={
            confirming.action === 'restart' ? strings.dashboard.timerRestartConfirm : strings.dashboard.timerStopConfirm
          }
          cancelLabel={strings.dashboard.timerKeep}
          onConfirm={() => {
            if (confirming.action === 'stop') stop();
            else {
              const value = requestedMinutes();
              if (value === null) setConfirming(null);
              else restart(value);
            }
          }}
          onCancel={() => setConfirming(null)}
          busy={busy}
          testId="timer-confirm"
          tone="final"
        />
      )}
    </section>
  );
}
