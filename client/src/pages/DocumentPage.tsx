import type { DocumentInfo, Participant } from '@plenary/shared/api';
import { isValidDocumentId } from '@plenary/shared/protocol';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { ApiRequestError } from '../api/http';
import { closeReasonMessage } from '../collab/closeReason';
import { type CollaborationSession, useCollaboration } from '../collab/useCollaboration';
import { useDocumentInfo } from '../collab/useDocumentInfo';
import { usePresence } from '../collab/usePresence';
import { AppLink } from '../components/AppLink';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LoadingPage, MessagePage } from '../components/MessagePage';
import { PresenceList } from '../components/PresenceList';
import { ComposeBriefLink } from '../composer/ComposeBriefLink';
import { DocumentEditor, type RecommendationContext } from '../editor/DocumentEditor';
import { ExportPanel } from '../exporting/ExportPanel';
import { documentPath, navigate, workshopPath } from '../lib/router';
import { strings } from '../lib/strings';
import { HistoryPanel } from '../versions/HistoryPanel';
import { useWorkshop } from '../workshop/WorkshopContext';
import { WorkshopHeader } from '../workshop/WorkshopHeader';

/** The editor page for `/w/:workshopId/d/:documentId`: a group's draft or a brief. */
export default function DocumentPage({ documentId }: { documentId: string }) {
  if (!isValidDocumentId(documentId)) return <DocumentUnavailable title={strings.document.invalidTitle} />;
  return <DocumentLoader documentId={documentId} />;
}

function DocumentLoader({ documentId }: { documentId: string }) {
  const { home, version } = useWorkshop();
  const state = useDocumentInfo(documentId, version);
  const misplaced = state.status === 'ready' && state.info.workshopId !== home.workshop.id;

  useEffect(() => {
    // The operator can reach any workshop's document; show it under its own workshop.
    if (misplaced) navigate(documentPath(state.info.workshopId, documentId), { replace: true });
  }, [misplaced, state, documentId]);

  if (state.status === 'failed') {
    const forbidden = state.error instanceof ApiRequestError && state.error.status === 403;
    return (
      <DocumentUnavailable
        title={forbidden ? strings.document.forbiddenTitle : strings.document.notFoundTitle}
        body={forbidden ? strings.document.forbiddenBody : strings.document.invalidBody}
      />
    );
  }
  if (state.status === 'loading' || misplaced) {
    return (
      <>
        <WorkshopHeader />
        <LoadingPage />
      </>
    );
  }
  return <OpenDocument info={state.info} />;
}

function OpenDocument({ info }: { info: DocumentInfo }) {
  const session = useCollaboration(info.documentId);

  useEffect(() => {
    document.title = `${info.title} — ${strings.productName}`;
  }, [info.title]);

  if (session === null) {
    return (
      <>
        <WorkshopHeader documentTitle={info.title} />
        <LoadingPage />
      </>
    );
  }
  return <SessionView session={session} info={info} />;
}

function SessionView({ session, info }: { session: CollaborationSession; info: DocumentInfo }) {
  const { participant, home, may } = useWorkshop();
  const connection = useSyncExternalStore(session.monitor.subscribe, session.monitor.getSnapshot);
  useEffect(() => session.monitor.setLocked(info.locked), [session.monitor, info.locked]);
  const presence = usePresence(session.provider);
  const user = { name: participant.displayName, color: participant.color };
  useReconnectOnRename(session, participant.displayName);
  const readOnly = readOnlyNotice(info, participant);
  const focusAudience = home.groups.find((group) => group.id === info.groupId)?.focusAudience ?? null;
  const canReact = info.kind === 'draft' && may('draft.react', { groupId: info.groupId, locked: info.locked });
  const canComment = may(info.kind === 'draft' ? 'draft.comment' : 'brief.comment', {
    groupId: info.groupId,
    locked: info.locked,
  });
  const recommendations = useMemo<RecommendationContext>(
    () => ({
      participant: { id: participant.id, name: participant.displayName },
      audiences: home.workshop.audiences,
      focusAudience,
      canReact,
      showReactions: info.kind === 'draft',
    }),
    [participant.id, participant.displayName, home.workshop.audiences, focusAudience, canReact, info.kind],
  );

  return (
    <>
      <WorkshopHeader documentTitle={info.title}>
        <ConnectionStatus state={connection.state} />
      </WorkshopHeader>
      <div className="document-layout">
        <main className="document-main" id="main">
          <h1 className="visually-hidden">{info.title}</h1>
          {/* Always on the page, so a lock arriving while someone writes is read out: a live
              region inserted together with its text is ignored by many screen readers. */}
          <p className="visually-hidden" role="status">
            {readOnly?.kind === 'locked' ? readOnly.text : ''}
          </p>
          {readOnly !== null && (
            <div
              className={`banner ${readOnly.kind === 'locked' ? 'banner--warning' : 'banner--info'}`}
              data-testid="read-only-banner"
              data-reason={readOnly.kind}
            >
              {readOnly.text}
            </div>
          )}
          {connection.terminalCloseCode !== null && (
            <div className="banner banner--error" role="alert" data-testid="connection-error">
              {closeReasonMessage(connection.terminalCloseCode)}
            </div>
          )}
          <DocumentEditor
            session={session}
            user={user}
            editable={info.canWrite}
            recommendations={recommendations}
            canComment={canComment}
          />
        </main>
        <aside className="document-aside">
          <ComposeBriefLink documentId={info.documentId} className="button document-aside__compose" />
          <PresenceList presence={presence} />
          <ExportPanel documentId={info.documentId} audiences={home.workshop.audiences} />
          <HistoryPanel info={info} />
          <DraftNavigation currentDocumentId={info.documentId} />
        </aside>
      </div>
    </>
  );
}

/**
 * The server names each connection's awareness after the participant as they were when it
 * connected; after a rename, reconnect so the others see the new name on the caret.
 */
function useReconnectOnRename(session: CollaborationSession, name: string): void {
  const connectedAs = useRef(name);
  useEffect(() => {
    if (connectedAs.current === name) return;
    connectedAs.current = name;
    if (!session.provider.shouldConnect) return; // stopped after a refusal: nothing to refresh
    session.provider.disconnect();
    session.provider.connect();
  }, [session, name]);
}

type ReadOnlyNotice = { kind: 'locked' | 'other-group' | 'read-only'; text: string };

/** Why this participant cannot write here, in the words of the banner; null when they can. */
function readOnlyNotice(info: DocumentInfo, participant: Participant): ReadOnlyNotice | null {
  if (info.canWrite) return null;
  if (info.locked) return { kind: 'locked', text: strings.document.locked };
  if (info.kind === 'draft' && info.groupId !== participant.groupId) {
    return { kind: 'other-group', text: strings.document.readingOtherGroup(info.title) };
  }
  return { kind: 'read-only', text: strings.document.readOnly };
}

/** Links to every group's draft, so a member can read the others' work. */
function DraftNavigation({ currentDocumentId }: { currentDocumentId: string }) {
  const { home, participant } = useWorkshop();
  if (home.groups.length === 0) return null;
  return (
    <nav className="draft-nav" aria-labelledby="draft-nav-heading">
      <h2 id="draft-nav-heading" className="presence__heading">
        {strings.document.drafts}
      </h2>
      <ul className="draft-nav__list" data-testid="draft-nav">
        {home.groups.map((group) => {
          const current = group.documentId === currentDocumentId;
          return (
            <li key={group.id}>
              <AppLink
                href={documentPath(home.workshop.id, group.documentId)}
                className="draft-nav__link"
                aria-current={current ? 'page' : undefined}
              >
                {group.name}
                {group.id === participant.groupId && <span className="muted"> · {strings.home.yourGroup}</span>}
                {group.locked && <span className="muted"> · {strings.home.locked}</span>}
              </AppLink>
            </li>
          );
        })}
      </ul>
      <AppLink href={workshopPath(home.workshop.id)} className="draft-nav__home">
        {strings.document.home}
      </AppLink>
    </nav>
  );
}

function DocumentUnavailable({ title, body }: { title: string; body?: string }) {
  const { home } = useWorkshop();
  return (
    <MessagePage
      testId="document-unavailable"
      title={title}
      body={<p>{body ?? strings.document.invalidBody}</p>}
      actions={
        <AppLink href={workshopPath(home.workshop.id)} className="button">
          {strings.document.home}
        </AppLink>
      }
    />
  );
}
