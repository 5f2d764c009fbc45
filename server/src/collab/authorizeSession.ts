import type { IncomingMessage } from 'node:http';
import { participantColor } from '@plenary/shared/domain';
import { CloseCode } from '@plenary/shared/protocol';
import type { AccessService } from '../services/AccessService';
import { requestToken } from '../services/requestToken';
import type { DocumentGrant, WorkshopService } from '../services/WorkshopService';
import type { CollabAuthorizer } from './CollabServer';
import type { ConnectionGrant, ConnectionIdentity } from './Connection';

/**
 * The collaboration endpoint's access check: a session from the cookie or the `token` URL
 * parameter, then the permission function for this document. Refusals carry documented codes:
 * 4401 no or bad session, 4404 no such document in the caller's workshop, 4403 role may not read.
 */
export function authorizeSession(access: AccessService, workshops: WorkshopService): CollabAuthorizer {
  return async (request: IncomingMessage, documentId: string) => {
    const auth = await access.authenticate(requestToken({ headers: request.headers, url: request.url }));
    if (!auth) return { closeCode: CloseCode.Unauthorized, reason: 'sign in with an invite link first' };
    const grant = await workshops.grantFor(auth, documentId);
    if (grant === 'not_found') return { closeCode: CloseCode.DocumentNotFound, reason: 'no such document' };
    if (grant === 'forbidden') return { closeCode: CloseCode.Forbidden, reason: 'your role cannot open this document' };
    const { participant } = auth;
    const identity: ConnectionIdentity = {
      participantId: participant.id,
      inviteId: participant.inviteId,
      name: participant.displayName,
      color: participantColor(participant.id),
    };
    return { grant: new SessionGrant(grant, identity) };
  };
}

/** A participant's live permissions on one document, held for as long as their connection is open. */
class SessionGrant implements ConnectionGrant {
  constructor(
    private readonly document: DocumentGrant,
    readonly identity: ConnectionIdentity,
  ) {}

  canWrite(): boolean {
    return this.document.canWrite();
  }

  canReact(): boolean {
    return this.document.canReact();
  }

  canComment(): boolean {
    return this.document.canComment();
  }
}
