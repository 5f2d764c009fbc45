import { type ReactNode, useId } from 'react';
import { strings } from '../lib/strings';
import { QrCode } from './QrCode';
import { useModalDialog } from './useModalDialog';

interface ProjectorFrameProps {
  /** The id of the heading that names the view. */
  labelledBy: string;
  onClose: () => void;
  testId: string;
  /** A modifier of the inner layout (`projector__inner--…`). */
  layout?: string;
  children: ReactNode;
}

/** A full-screen, high-contrast view for the room's projector; Escape closes it. */
export function ProjectorFrame({ labelledBy, onClose, testId, layout, children }: ProjectorFrameProps) {
  const dialogRef = useModalDialog();
  return (
    <dialog
      ref={dialogRef}
      className="projector"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <div className={`projector__inner${layout ? ` projector__inner--${layout}` : ''}`}>{children}</div>
    </dialog>
  );
}

interface ProjectorDialogProps {
  /** Who the link is for, e.g. "Members of Group 1". */
  who: string;
  url: string;
  onClose: () => void;
}

/** A full-screen QR code and address for the projector, so a room can join by scanning. */
export function ProjectorDialog({ who, url, onClose }: ProjectorDialogProps) {
  const titleId = useId();
  return (
    <ProjectorFrame labelledBy={titleId} onClose={onClose} testId="projector-view">
      <h2 id={titleId} className="projector__title">
        {strings.invites.projectorTitle(who)}
      </h2>
      <QrCode className="projector__qr" value={url} label={strings.invites.qrLabel(who)} />
      <p className="projector__url">{url}</p>
      <p className="projector__hint">{strings.invites.projectorHint}</p>
      <button type="button" className="button projector__close" onClick={onClose}>
        {strings.invites.close}
      </button>
    </ProjectorFrame>
  );
}
