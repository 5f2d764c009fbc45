import { isValidDocumentId } from '@plenary/shared/protocol';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { closeReasonMessage } from '../collab/closeReason';
import { type CollaborationSession, useCollaboration } from '../collab/useCollaboration';
import { usePresence } from '../collab/usePresence';
import { AppHeader } from '../components/AppHeader';
import { AppLink } from '../components/AppLink';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { DisplayNameDialog } from '../components/DisplayNameDialog';
import { NameButton } from '../components/NameButton';
import { PresenceList } from '../components/PresenceList';
import { DocumentEditor } from '../editor/DocumentEditor';
import { useDisplayName } from '../lib/displayName';
import { strings } from '../lib/strings';
import { colorForName } from '../lib/userColor';

/** The editor page for `/d/:documentId`. */
export default function DocumentPage({ documentId }: { documentId: string }) {
  const name = useDisplayName();
  const [editingName, setEditingName] = useState(false);

  useEffect(() => {
    document.title = `${documentId} — ${strings.productName}`;
  }, [documentId]);

  if (!isValidDocumentId(documentId)) return <InvalidDocumentLink />;

  const nameDialog =
    name === null ? (
      <DisplayNameDialog initialName="" required onDone={() => {}} />
    ) : (
      editingName && <DisplayNameDialog initialName={name} required={false} onDone={() => setEditingName(false)} />
    );

  return (
    <>
      {name === null ? (
        // The document opens once we know whom to show next to the caret.
        <AppHeader title={<DocumentTitle documentId={documentId} />} />
      ) : (
        <OpenDocument documentId={documentId} name={name} onEditName={() => setEditingName(true)} />
      )}
      {nameDialog}
    </>
  );
}

function DocumentTitle({ documentId }: { documentId: string }) {
  return (
    <>
      <span className="visually-hidden">{strings.document.titlePrefix}: </span>
      <span className="app-header__document">{documentId}</span>
    </>
  );
}

interface OpenDocumentProps {
  documentId: string;
  name: string;
  onEditName: () => void;
}

function OpenDocument({ documentId, name, onEditName }: OpenDocumentProps) {
  const session = useCollaboration(documentId);
  return (
    <>
      {session === null ? (
        <AppHeader title={<DocumentTitle documentId={documentId} />}>
          <NameButton name={name} onClick={onEditName} />
        </AppHeader>
      ) : (
        <SessionView session={session} name={name} onEditName={onEditName} />
      )}
    </>
  );
}

interface SessionViewProps {
  session: CollaborationSession;
  name: string;
  onEditName: () => void;
}

function SessionView({ session, name, onEditName }: SessionViewProps) {
  const connection = useSyncExternalStore(session.monitor.subscribe, session.monitor.getSnapshot);
  const presence = usePresence(session.provider);
  const user = { name, color: colorForName(name) };

  return (
    <>
      <AppHeader title={<DocumentTitle documentId={session.documentId} />}>
        <ConnectionStatus state={connection.state} />
        <NameButton name={name} onClick={onEditName} />
      </AppHeader>
      <div className="document-layout">
        <main className="document-main" id="main">
          <h1 className="visually-hidden">
            {strings.document.titlePrefix}: {session.documentId}
          </h1>
          {connection.terminalCloseCode !== null && (
            <div className="banner banner--error" role="alert" data-testid="connection-error">
              {closeReasonMessage(connection.terminalCloseCode)}
            </div>
          )}
          <DocumentEditor session={session} user={user} />
        </main>
        <aside className="document-aside">
          <PresenceList presence={presence} />
        </aside>
      </div>
    </>
  );
}

function InvalidDocumentLink() {
  return (
    <>
      <AppHeader />
      <main className="page page--narrow" id="main">
        <h1 className="page__title">{strings.document.invalidTitle}</h1>
        <p className="page__lead">{strings.document.invalidBody}</p>
        <p>
          <AppLink href="/" className="button">
            {strings.document.home}
          </AppLink>
        </p>
      </main>
    </>
  );
}
