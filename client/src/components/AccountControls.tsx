import { useState } from 'react';
import { errorMessage } from '../api/errorMessage';
import { renameSelf } from '../api/session';
import { navigate } from '../lib/router';
import { strings } from '../lib/strings';
import { useSession, useSignedInSession } from '../session/SessionContext';
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

  const leave = async () => {
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
        onClick={leave}
        disabled={signingOut}
        data-testid="sign-out"
      >
        {signingOut ? strings.account.signingOut : strings.account.signOut}
      </button>
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
