import type { IncomingMessage } from 'node:http';
import { CloseCode } from '@plenary/shared/protocol';
import { fromAnotherSite } from '../requestOrigin';
import { type AccessService, colorOf } from '../services/AccessService';
import { requestToken } from '../services/requestToken';
import type { DocumentGrant, WorkshopService } from '../services/WorkshopService';
import type { CollabAuthorizer } from './CollabServer';
import type { ConnectionGrant, ConnectionIdentity } from './Connection';

/**
 * The collaboration endpoint's access check: a session from the cookie or the `token` URL
 * parameter, then the permission function for this document. Refusals carry documented codes:
 * 4403 a page of another site, 4401 no or bad session, 4404 no such document in the caller's
 * workshop, 4403 role may not read.
 */
export function authorizeSession(access: AccessService, workshops: WorkshopService): CollabAuthorizer {
  return async (request: IncomingMessage, documentId: string) => {
    // A page of another site must not open a draft with the visitor's cookie (cross-site WebSocket hijacking).
    if (fromAnotherSite(request.headers))
      return { closeCode: CloseCode.Forbidden, reason: 'the connection came from another site' };
    const auth = await access.authenticate(requestToken({ headers: request.headers, url: request.url }));
    if (!auth) return { closeCode: CloseCode.Unauthorized, reason: 'sign in with an invite link first' };
    const reach = await workshops.accessTo(auth, documentId);
    if (reach === 'not_found') return { closeCode: CloseCode.DocumentNotFound, reason: 'no such document' };
    if (reach === 'forbidden') return { closeCode: CloseCode.Forbidden, reason: 'your role cannot open this document' };
    const { participant } = auth;
    return {
      grant: new SessionGrant(
        reach.grant,
        participant.id,
        participant.inviteId,
        participant.displayName,
        colorOf(participant),
      ),
    };
  };
}

/**
 * A participant's live permissions on one document, and who they are, held for as long as their
 * connection is open: one object per connection, so it is its own identity.
 */
class SessionGrant implements ConnectionGrant, ConnectionIdentity {
  constructor(
    private readonly document: DocumentGrant,
    readonly participantId: string,
    readonly inviteId: string,
    public name: string,
    readonly color: string,
  ) {}

  get identity(): ConnectionIdentity {
    return this;
  }

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
