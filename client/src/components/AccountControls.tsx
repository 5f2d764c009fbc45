import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { renameSelf } from '../api/session';
import { deviceCopies } from '../collab/deviceCopies';
import { navigate } from '../lib/router';
import { strings } from '../lib/strings';
import { useSession, useSignedInSession } from '../session/SessionContext';
import { ConfirmBox } from './ConfirmBox';
import { DisplayNameDialog } from './DisplayNameDialog';
import { NameButton } from './NameButton';

/** Your name and role (click to rename) and the sign-out button, at the end of the header. */
export function AccountControls({ roleLabel }: { roleLabel: string }) {
  const { setSession, signOut } = useSession();
  const { session } = useSignedInSession();
  const { participant } = session;
  const [renaming, setRenaming] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Drafts with changes this device made that the server may not have: asked about before they go. */
  const [unsentDrafts, setUnsentDrafts] = useState(0);
  const signOutButton = useRef<HTMLButtonElement>(null);

  const askFirst = () => {
    const unsent = deviceCopies().unsentDocuments().length;
    if (unsent > 0) setUnsentDrafts(unsent);
    else void leave();
  };

  useEffect(() => {
    if (unsentDrafts === 0) return;
    // The words may still arrive (the connection came back): then there is nothing to lose, and
    // the sign-out asked for goes ahead.
    const timer = setInterval(() => {
      if (deviceCopies().unsentDocuments().length === 0) void leave();
    }, 1000);
    return () => clearInterval(timer);
  });

  const stay = () => {
    setUnsentDrafts(0);
    signOutButton.current?.focus();
  };

  const leave = async () => {
    setUnsentDrafts(0);
    setSigningOut(true);
    setError(null);
    try {
      await signOut();
      navigate('/', { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setSigningOut(false);
    }
  };

  return (
    <div className="account">
      <NameButton
        name={participant.displayName}
        color={participant.color}
        roleLabel={roleLabel}
        onClick={() => setRenaming(true)}
      />
      <button
        type="button"
        className="button button--quiet button--small"
        ref={signOutButton}
        onClick={askFirst}
        disabled={signingOut}
        data-testid="sign-out"
      >
        {signingOut ? strings.account.signingOut : strings.account.signOut}
      </button>
      {unsentDrafts > 0 && (
        <div className="account__confirm">
          <ConfirmBox
            question={strings.account.unsentOnSignOut(unsentDrafts)}
            confirmLabel={strings.account.signOutAnyway}
            cancelLabel={strings.account.staySignedIn}
            onConfirm={() => void leave()}
            onCancel={stay}
            busy={signingOut}
            testId="sign-out-anyway"
          />
        </div>
      )}
      {error !== null && (
        <p className="field-error account__error" role="alert">
          {error}
        </p>
      )}
      {renaming && (
        <DisplayNameDialog
          initialName={participant.displayName}
          onSave={async (name) => setSession(await renameSelf(name))}
          onClose={() => setRenaming(false)}
        />
      )}
    </div>
  );
}
