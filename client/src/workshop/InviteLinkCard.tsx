import type { Invite } from '@plenary/shared/api';
import { useId, useRef, useState } from 'react';
import { reissueInvite, revokeInvite } from '../api/invites';
import { ConfirmBox } from '../components/ConfirmBox';
import { ProjectorDialog } from '../components/ProjectorDialog';
import { QrCode } from '../components/QrCode';
import { copyText } from '../lib/copyText';
import { strings } from '../lib/strings';
import { useFormAction } from './useFormAction';

interface InviteLinkCardProps {
  workshopId: string;
  invite: Invite;
  /** Who the link is for, e.g. "Members of Group 1". */
  who: string;
  onChanged: () => void;
  /** Where the focus goes once link `inviteId` is revoked or replaced (and its card is gone). */
  focusAfterChange: (inviteId: string) => Element | null;
}

type Confirming = 'revoke' | 'reissue' | null;

/** One active link: the full address to copy, its QR code, the projector view, revoke and re-issue. */
export function InviteLinkCard({ workshopId, invite, who, onChanged, focusAfterChange }: InviteLinkCardProps) {
  const url = new URL(invite.url, window.location.origin).href;
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [showQr, setShowQr] = useState(false);
  const [projecting, setProjecting] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const { busy, error, run } = useFormAction();
  const inputId = useId();
  const qrId = useId();

  const copy = async () => {
    const copied = await copyText(url, inputRef.current);
    setStatus(copied ? strings.invites.copied : strings.invites.copyFailed);
  };

  const confirm = (action: 'revoke' | 'reissue') =>
    run(
      async () => {
        if (action === 'revoke') await revokeInvite(workshopId, invite.id);
        else await reissueInvite(workshopId, invite.id);
        onChanged();
      },
      { thenStayBusy: true, focusInstead: () => focusAfterChange(invite.id) },
    );

  return (
    <div className="invite-card" data-testid="invite-card" data-invite-id={invite.id}>
      <label htmlFor={inputId} className="visually-hidden">
        {strings.invites.linkLabel(who)}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        className="text-input invite-card__url"
        value={url}
        readOnly
        onFocus={(event) => event.target.select()}
        data-testid="invite-url"
      />
      <div className="invite-card__actions">
        <button type="button" className="button button--small" onClick={copy} data-testid="invite-copy">
          {strings.invites.copy}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-expanded={showQr}
          aria-controls={qrId}
          onClick={() => setShowQr((shown) => !shown)}
        >
          {showQr ? strings.invites.hideQr : strings.invites.showQr}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => setProjecting(true)}
          data-testid="invite-projector"
        >
          {strings.invites.projector}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => setConfirming('revoke')}
          data-testid="invite-revoke"
        >
          {strings.invites.revoke}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => setConfirming('reissue')}
          data-testid="invite-reissue"
        >
          {strings.invites.reissue}
        </button>
        <output className="invite-card__status" aria-live="polite">
          {status}
        </output>
      </div>
      {confirming !== null && (
        <ConfirmBox
          // A new box for the other question, so its button takes the focus again.
          key={confirming}
          question={confirming === 'revoke' ? strings.invites.confirmRevoke : strings.invites.confirmReissue}
          confirmLabel={
            confirming === 'revoke' ? strings.invites.confirmRevokeButton : strings.invites.confirmReissueButton
          }
          cancelLabel={strings.invites.cancel}
          onConfirm={() => void confirm(confirming)}
          onCancel={() => setConfirming(null)}
          busy={busy}
          testId="invite-confirm"
        />
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {showQr && (
        <div id={qrId} className="invite-card__qr">
          <QrCode className="qr" value={url} label={strings.invites.qrLabel(who)} />
        </div>
      )}
      {projecting && <ProjectorDialog who={who} url={url} onClose={() => setProjecting(false)} />}
    </div>
  );
}
