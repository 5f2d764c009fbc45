import { STANCES, type Stance } from '@plenary/shared/domain';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { strings } from '../../lib/strings';
import { MAX_ORGANISATION_LENGTH, MAX_REASON_LENGTH, type ReactionsStore } from './recommendationReactions';

interface PositionDialogProps {
  recommendationId: string;
  number: number | null;
  participant: { id: string; name: string };
  audiences: readonly string[];
  reactions: ReactionsStore;
  onClose: () => void;
}

/** Records, changes or withdraws the participant's own position on one recommendation. */
export function PositionDialog({
  recommendationId,
  number,
  participant,
  audiences,
  reactions,
  onClose,
}: PositionDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const existing = reactions.get(recommendationId).positions.find((p) => p.participantId === participant.id) ?? null;
  const [organisation, setOrganisation] = useState(existing?.organisation ?? '');
  const [audience, setAudience] = useState(existing?.audience ?? '');
  const [stance, setStance] = useState<Stance | null>(existing?.stance ?? null);
  const [reason, setReason] = useState(existing?.reason ?? '');
  const [error, setError] = useState<{ field: 'organisation' | 'stance'; text: string } | null>(null);
  const ids = {
    title: useId(),
    intro: useId(),
    organisation: useId(),
    organisationHint: useId(),
    audience: useId(),
    reason: useId(),
    error: useId(),
  };
  const audienceChoices = audience && !audiences.includes(audience) ? [...audiences, audience] : audiences;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    }
    return () => dialog?.close();
  }, []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (organisation.trim() === '') {
      setError({ field: 'organisation', text: strings.recommendation.organisationRequired });
      dialogRef.current?.querySelector<HTMLElement>(`[id="${ids.organisation}"]`)?.focus();
      return;
    }
    if (stance === null) {
      setError({ field: 'stance', text: strings.recommendation.stanceRequired });
      dialogRef.current?.querySelector<HTMLElement>('input[type=radio]')?.focus();
      return;
    }
    reactions.setPosition(recommendationId, participant, {
      organisation,
      audience: audience === '' ? null : audience,
      stance,
      reason,
    });
    onClose();
  };

  const withdraw = () => {
    reactions.setPosition(recommendationId, participant, null);
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="name-dialog position-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.intro}
      data-testid="position-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="name-dialog__form" onSubmit={save} noValidate>
        <h2 id={ids.title} className="name-dialog__title">
          {strings.recommendation.positionTitle(number)}
        </h2>
        <p id={ids.intro} className="name-dialog__intro">
          {strings.recommendation.positionIntro}
        </p>
        <div className="field">
          <label className="field-label" htmlFor={ids.organisation}>
            {strings.recommendation.organisation}
          </label>
          <input
            id={ids.organisation}
            className="text-input"
            dir="auto"
            data-initial-focus=""
            autoComplete="organization"
            maxLength={MAX_ORGANISATION_LENGTH}
            value={organisation}
            aria-invalid={error?.field === 'organisation'}
            aria-describedby={
              error?.field === 'organisation' ? `${ids.error} ${ids.organisationHint}` : ids.organisationHint
            }
            onChange={(event) => {
              setOrganisation(event.target.value);
              setError(null);
            }}
          />
          <p id={ids.organisationHint} className="field-hint muted">
            {strings.recommendation.organisationHint}
          </p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.audience}>
            {strings.recommendation.audience}
          </label>
          <select
            id={ids.audience}
            className="text-input"
            value={audience}
            onChange={(event) => setAudience(event.target.value)}
          >
            <option value="">{strings.recommendation.audienceNone}</option>
            {audienceChoices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="choice-group" aria-describedby={error?.field === 'stance' ? ids.error : undefined}>
          <legend className="field-label">{strings.recommendation.stance}</legend>
          {STANCES.map((option) => (
            <label key={option} className={`choice rec-stance--${option}`}>
              <input
                type="radio"
                name={`stance-${recommendationId}`}
                value={option}
                checked={stance === option}
                onChange={() => {
                  setStance(option);
                  setError(null);
                }}
              />
              <span>{strings.recommendation.stances[option]}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={ids.reason}>
            {strings.recommendation.reason}
          </label>
          <input
            id={ids.reason}
            className="text-input"
            dir="auto"
            maxLength={MAX_REASON_LENGTH}
            autoComplete="off"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {error !== null && (
          <p id={ids.error} className="field-error" role="alert">
            {error.text}
          </p>
        )}
        <div className="name-dialog__actions position-dialog__actions">
          {existing !== null && (
            <button type="button" className="button button--danger position-dialog__withdraw" onClick={withdraw}>
              {strings.recommendation.withdrawPosition}
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={onClose}>
            {strings.recommendation.cancel}
          </button>
          <button type="submit" className="button button--primary" data-testid="position-save">
            {strings.recommendation.savePosition}
          </button>
        </div>
      </form>
    </dialog>
  );
}
