import type { CreateInviteBody, Invite, InvitePreview, JoinResponse, Participant, Session } from '@plenary/shared/api';
import { can, freshParticipantColor, type Principal, participantColor, type Role } from '@plenary/shared/domain';
import type { EventBus } from '../events/EventBus';
import type { InviteRecord, ParticipantRecord, WorkshopStore } from '../storage/ports';
import type { ReadBody } from './readBody';
import { SecretKeeper } from './SecretKeeper';
import { forbidden, notFound, ServiceError, type SessionRefusal } from './ServiceError';

/** How long a session lasts: a two-day conference plus slack. */
const SESSION_DAYS = 30;
const OPERATOR_LINK_PRINTED = 'operator_link_created';

/** Who is making a request: the participant, their principal for `can`, and the session behind it. */
export interface AuthContext {
  participant: ParticipantRecord;
  principal: Principal;
  sessionId: string;
}

/** The same answer for a guessed, malformed, unknown or revoked link, so links cannot be probed. */
const invalidLink = () =>
  new ServiceError(
    'not_found',
    'invite_invalid',
    'This invite link is not valid any more. Ask the facilitator for a new one.',
  );

/** Invite links, joining without accounts, sessions and their revocation. */
export class AccessService {
  constructor(
    private readonly store: WorkshopStore,
    private readonly secrets: SecretKeeper,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The path of an invite's link (`/join/<secret>`). */
  invitePath(inviteId: string): string {
    return `/join/${this.secrets.inviteSecret(inviteId)}`;
  }

  /**
   * On the first start of a fresh data folder, creates the operator's facilitator link (spanning
   * every workshop) and returns its path for the console; later starts return null.
   */
  async ensureOperatorLink(): Promise<string | null> {
    if (await this.store.getMeta(OPERATOR_LINK_PRINTED)) return null;
    const path = await this.issueOperatorLink();
    await this.store.setMeta(OPERATOR_LINK_PRINTED, this.now().toISOString());
    return path;
  }

  /** A new operator link (the CLI's answer to a lost one). */
  async issueOperatorLink(): Promise<string> {
    const invite = await this.createInviteRecord(null, 'facilitator', null);
    return this.invitePath(invite.id);
  }

  /** Creates a workshop link without a caller (the demo seed); returns the invite id. */
  async createWorkshopInvite(workshopId: string, role: Role, groupId: string | null): Promise<string> {
    return (await this.createInviteRecord(workshopId, role, groupId)).id;
  }

  async createInvite(auth: AuthContext, workshopId: string, readBody: ReadBody<CreateInviteBody>): Promise<Invite> {
    await this.requireWorkshop(auth, workshopId, 'invites.manage');
    const body = readBody();
    if (body.groupId) {
      const group = await this.store.getGroup(body.groupId);
      if (!group || group.workshopId !== workshopId) throw notFound('group');
    }
    const invite = await this.createInviteRecord(workshopId, body.role, body.groupId);
    this.events.publish({ type: 'workshop.changed', workshopId });
    return this.toInvite(invite);
  }

  async listInvites(auth: AuthContext, workshopId: string): Promise<Invite[]> {
    await this.requireWorkshop(auth, workshopId, 'invites.manage');
    return (await this.store.listInvites(workshopId)).map((invite) => this.toInvite(invite));
  }

  /** Revokes a link: it stops working, and every session made from it ends now. */
  async revokeInvite(auth: AuthContext, workshopId: string, inviteId: string): Promise<Invite> {
    const invite = await this.requireInvite(auth, workshopId, inviteId);
    await this.revokeLink(workshopId, invite.id);
    this.events.publish({ type: 'workshop.changed', workshopId });
    return this.toInvite({ ...invite, revokedAt: invite.revokedAt ?? this.now().toISOString() });
  }

  /** Revokes a link and issues a new one for the same role and group. */
  async reissueInvite(auth: AuthContext, workshopId: string, inviteId: string): Promise<Invite> {
    const old = await this.requireInvite(auth, workshopId, inviteId);
    // One replacement per link: only the request whose write revoked it issues the new one, so a
    // revoked link, or the same link re-issued twice at once, never turns into several links.
    if (!(await this.revokeLink(workshopId, old.id))) throw alreadyReplaced();
    const fresh = await this.createInviteRecord(workshopId, old.role, old.groupId);
    this.events.publish({ type: 'workshop.changed', workshopId });
    return this.toInvite(fresh);
  }

  /**
   * Revokes a link and ends its sessions (open pages and sockets hear of it); true when this call
   * revoked it, false when it was revoked already (the store's one write decides).
   */
  private async revokeLink(workshopId: string, inviteId: string): Promise<boolean> {
    const revoked = await this.store.revokeInvite(inviteId, this.now().toISOString());
    if (revoked) this.events.publish({ type: 'invite.revoked', workshopId, inviteId });
    return revoked;
  }

  async previewInvite(secret: string): Promise<InvitePreview> {
    const invite = await this.activeInvite(secret);
    const workshop = invite.workshopId ? await this.store.getWorkshop(invite.workshopId) : null;
    const group = invite.groupId ? await this.store.getGroup(invite.groupId) : null;
    return { role: invite.role, workshopTitle: workshop?.title ?? null, groupName: group?.name ?? null };
  }

  /** Joins with an invite secret and a display name: a new participant and session. */
  async join(secret: string, displayName: string): Promise<JoinResponse> {
    const invite = await this.activeInvite(secret);
    const createdAt = this.now().toISOString();
    const id = SecretKeeper.newId();
    const mates = await this.store.listGroupMates(invite.workshopId, invite.groupId);
    const participant: ParticipantRecord = {
      id,
      inviteId: invite.id,
      workshopId: invite.workshopId,
      role: invite.role,
      groupId: invite.groupId,
      displayName,
      color: freshParticipantColor(mates.map(colorOf), id),
      createdAt,
    };
    await this.store.createParticipant(participant);
    const sessionId = SecretKeeper.newId();
    await this.store.createSession({
      id: sessionId,
      participantId: participant.id,
      createdAt,
      expiresAt: new Date(this.now().getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    });
    return { ...(await this.toSession(participant)), token: this.secrets.sessionToken(sessionId) };
  }

  /** The signed-in participant behind a token, or null when the token, session or link is no longer good. */
  async authenticate(token: string | undefined): Promise<AuthContext | null> {
    return (await this.check(token)).auth;
  }

  /**
   * As `authenticate`, and for a session that did work once, why it no longer does: the person
   * reloading the page is told their link was revoked or their group deleted, not just that they
   * are signed out. A token that never signed anyone in gets no reason.
   */
  async check(token: string | undefined): Promise<{ auth: AuthContext | null; refusal: SessionRefusal | null }> {
    const refused = (refusal: SessionRefusal | null) => ({ auth: null, refusal });
    if (!token) return refused(null);
    const sessionId = this.secrets.verifySessionToken(token);
    if (!sessionId) return refused(null);
    const session = await this.store.getSession(sessionId);
    if (!session) return refused(null);
    if (session.expiresAt <= this.now().toISOString()) return refused('session_expired');
    const participant = await this.store.getParticipant(session.participantId);
    if (!participant) return refused(null);
    const invite = await this.store.getInvite(participant.inviteId);
    if (!invite) return refused(null);
    if (invite.revokedAt) {
      // Deleting a group revokes its links; only then is the group gone as well.
      const groupGone = participant.groupId !== null && (await this.store.getGroup(participant.groupId)) === null;
      return refused(groupGone ? 'group_deleted' : 'link_revoked');
    }
    const principal = { role: participant.role, workshopId: participant.workshopId, groupId: participant.groupId };
    return { auth: { participant, sessionId, principal }, refusal: null };
  }

  async signOut(auth: AuthContext): Promise<void> {
    await this.store.deleteSession(auth.sessionId);
    // A participant has one session (each join makes a new participant): their sockets end with it.
    this.events.publish({ type: 'participant.signedOut', participantId: auth.participant.id });
  }

  async rename(auth: AuthContext, displayName: string): Promise<Session> {
    await this.store.renameParticipant(auth.participant.id, displayName);
    this.events.publish({ type: 'participant.renamed', participantId: auth.participant.id, displayName });
    return this.toSession({ ...auth.participant, displayName });
  }

  async toSession(participant: ParticipantRecord): Promise<Session> {
    return { participant: toParticipant(participant), landing: await this.landingFor(participant) };
  }

  /** Where a participant starts: a member in their group's draft, others at their workshop (or the list). */
  private async landingFor(participant: ParticipantRecord): Promise<string> {
    if (!participant.workshopId) return '/workshops';
    if (participant.role === 'member' && participant.groupId) {
      const group = await this.store.getGroup(participant.groupId);
      if (group) return `/w/${participant.workshopId}/d/${group.documentId}`;
    }
    return `/w/${participant.workshopId}`;
  }

  private async activeInvite(secret: string): Promise<InviteRecord> {
    const invite = await this.store.findInviteBySecretHash(SecretKeeper.hash(secret));
    if (!invite || invite.revokedAt) throw invalidLink();
    return invite;
  }

  private async createInviteRecord(
    workshopId: string | null,
    role: Role,
    groupId: string | null,
  ): Promise<InviteRecord> {
    const id = SecretKeeper.newId();
    const record: InviteRecord = {
      id,
      workshopId,
      role,
      groupId,
      secretHash: SecretKeeper.hash(this.secrets.inviteSecret(id)),
      revokedAt: null,
      createdAt: this.now().toISOString(),
    };
    await this.store.createInvite(record);
    return record;
  }

  private async requireWorkshop(auth: AuthContext, workshopId: string, action: 'invites.manage'): Promise<void> {
    const workshop = await this.store.getWorkshop(workshopId);
    // Outside the caller's reach, a workshop is indistinguishable from a missing one.
    if (!workshop || !can(auth.principal, 'workshop.view', { workshopId })) throw notFound('workshop');
    if (!can(auth.principal, action, { workshopId })) throw forbidden();
  }

  private async requireInvite(auth: AuthContext, workshopId: string, inviteId: string): Promise<InviteRecord> {
    await this.requireWorkshop(auth, workshopId, 'invites.manage');
    const invite = await this.store.getInvite(inviteId);
    if (!invite || invite.workshopId !== workshopId) throw notFound('invite');
    return invite;
  }

  private toInvite(invite: InviteRecord): Invite {
    return {
      id: invite.id,
      workshopId: invite.workshopId,
      role: invite.role,
      groupId: invite.groupId,
      url: this.invitePath(invite.id),
      revoked: invite.revokedAt !== null,
      createdAt: invite.createdAt,
    };
  }
}

/** The public shape of a participant. */
export function toParticipant(participant: ParticipantRecord): Participant {
  return {
    id: participant.id,
    displayName: participant.displayName,
    role: participant.role,
    workshopId: participant.workshopId,
    groupId: participant.groupId,
    color: colorOf(participant),
  };
}

/** A participant's colour: as chosen at join, or derived from the id for those who joined before. */
export function colorOf(participant: Pick<ParticipantRecord, 'id' | 'color'>): string {
  return participant.color ?? participantColor(participant.id);
}

function alreadyReplaced(): ServiceError {
  return new ServiceError('conflict', 'invite_revoked', 'This link is revoked already; create a new link instead.');
}
