import { useId } from 'react';
import { strings } from '../lib/strings';
import { QrCode } from './QrCode';
import { useModalDialog } from './useModalDialog';

interface ProjectorDialogProps {
  /** Who the link is for, e.g. "Members of Group 1". */
  who: string;
  url: string;
  onClose: () => void;
}

/** A full-screen QR code and address for the projector, so a room can join by scanning. */
export function ProjectorDialog({ who, url, onClose }: ProjectorDialogProps) {
  const dialogRef = useModalDialog();
  const titleId = useId();

  return (
    <dialog
      ref={dialogRef}
      className="projector"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid="projector-view"
    >
      <div className="projector__inner">
        <h2 id={titleId} className="projector__title">
          {strings.invites.projectorTitle(who)}
        </h2>
        <QrCode className="projector__qr" value={url} label={strings.invites.qrLabel(who)} />
        <p className="projector__url">{url}</p>
        <p className="projector__hint">{strings.invites.projectorHint}</p>
        <button type="button" className="button projector__close" onClick={onClose}>
          {strings.invites.close}
        </button>
      </div>
    </dialog>
  );
}
