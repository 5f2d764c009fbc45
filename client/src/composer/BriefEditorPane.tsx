import type { DocumentInfo } from '@plenary/shared/api';
import { useMemo } from 'react';
import { closeReasonMessage } from '../collab/closeReason';
import type { ConnectionSnapshot } from '../collab/connectionMonitor';
import type { CollaborationSession } from '../collab/useCollaboration';
import { usePresence } from '../collab/usePresence';
import { PresenceList } from '../components/PresenceList';
import { DocumentEditor, type RecommendationContext } from '../editor/DocumentEditor';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';

interface BriefEditorPaneProps {
  session: CollaborationSession;
  info: DocumentInfo;
  connection: ConnectionSnapshot;
}

/** The brief's live editor, the same one as on the brief's own page, shared with the other rapporteurs. */
export function BriefEditorPane({ session, info, connection }: BriefEditorPaneProps) {
  const { participant, home } = useWorkshop();
  const presence = usePresence(session.provider);
  const user = { name: participant.displayName, color: participant.color };
  const recommendations = useMemo<RecommendationContext>(
    () => ({
      participant: { id: participant.id, name: participant.displayName },
      audiences: home.workshop.audiences,
      focusAudience: null,
      // Briefs carry no endorsements or positions of their own: those stay with each group's original.
      canReact: false,
      showReactions: false,
    }),
    [participant.id, participant.displayName, home.workshop.audiences],
  );

  return (
    <>
      {!info.canWrite && (
        <div className="banner banner--info" role="status" data-testid="read-only-banner" data-reason="read-only">
          {strings.document.readOnly}
        </div>
      )}
      {connection.terminalCloseCode !== null && (
        <div className="banner banner--error" role="alert" data-testid="connection-error">
          {closeReasonMessage(connection.terminalCloseCode)}
        </div>
      )}
      <DocumentEditor session={session} user={user} editable={info.canWrite} recommendations={recommendations} />
      <div className="composer__presence">
        <PresenceList presence={presence} />
      </div>
    </>
  );
}
