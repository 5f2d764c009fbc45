import type {
  Brief,
  CreateBriefBody,
  CreateGroupBody,
  CreateWorkshopBody,
  Dashboard,
  DocumentInfo,
  Group,
  LockGroupBody,
  PresentPerson,
  RecommendationItem,
  RecommendationQuery,
  SetTimerBody,
  UpdateBriefBody,
  UpdateGroupBody,
  UpdateWorkshopBody,
  VisitingPerson,
  Workshop,
  WorkshopHome,
} from '@plenary/shared/api';
import {
  type Action,
  briefTemplate,
  can,
  DEFAULT_AUDIENCES,
  draftTemplate,
  type Principal,
} from '@plenary/shared/domain';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { extractRecommendationsFromYDoc, renameTitleHeading } from '@plenary/shared/schema';
import type * as Y from 'yjs';
import type { EventBus } from '../events/EventBus';
import type {
  BriefRecord,
  DocumentOwner,
  DocumentStore,
  GroupRecord,
  ParticipantRecord,
  WorkshopRecord,
  WorkshopStore,
} from '../storage/ports';
import type { AuthContext } from './AccessService';
import type { LiveDocuments } from './LiveDocuments';
import type { ReadBody, ReadQuery } from './readBody';
import { requireBrief } from './requireBrief';
import { SecretKeeper } from './SecretKeeper';
import { forbidden, notFound, ServiceError } from './ServiceError';
import { seedDocumentIfAbsent } from './seedDocuments';

/** What a connection asks for every update it sends, in bit order (see DocumentGrant). */
const LIVE_QUESTIONS = [
  { draft: 'draft.write', brief: 'brief.write' },
  { draft: 'draft.react', brief: null },
  { draft: 'draft.comment', brief: 'brief.comment' },
] as const satisfies ReadonlyArray<{ draft: Action; brief: Action | null }>;

/**
 * A live answer to "may this connection write now?", re-asked for every update it sends. Every
 * open connection holds one for its lifetime, so it is one small object: who asks and about which
 * document cannot change while the connection is open, only the breakout lock can, so each answer
 * is worked out once for an unlocked and once for a locked document, and the lock is read per ask.
 */
export class DocumentGrant {
  /** Bit 2q: question q of LIVE_QUESTIONS while unlocked; bit 2q + 1: while locked. */
  private readonly answers: number;

  constructor(
    owner: DocumentOwner,
    private readonly documentId: string,
    principal: Principal,
    private readonly lockedDocuments: ReadonlySet<string>,
  ) {
    let answers = 0;
    LIVE_QUESTIONS.forEach((question, index) => {
      const action = question[owner.kind];
      if (action === null) return;
      for (const locked of [false, true]) {
        const resource = { workshopId: owner.workshopId, groupId: owner.groupId, locked };
        if (can(principal, action, resource)) answers |= 1 << (2 * index + (locked ? 1 : 0));
      }
    });
    this.answers = answers;
  }

  canWrite(): boolean {
    return this.answer(0);
  }

  /** Endorse and record positions (own entries only), re-checked per update like canWrite. */
  canReact(): boolean {
    return this.answer(1);
  }

  /** Comment (own threads and replies, resolve and reopen), re-checked per update like canWrite. */
  canComment(): boolean {
    return this.answer(2);
  }

  private answer(question: number): boolean {
    const locked = this.lockedDocuments.has(this.documentId) ? 1 : 0;
    return (this.answers & (1 << (2 * question + locked))) !== 0;
  }
}

/** Whom a document belongs to, and what its reader may do in it live. */
export interface DocumentAccess {
  owner: DocumentOwner;
  grant: DocumentGrant;
}

/** Workshops, their groups and briefs, the breakout timer and lock, and the dashboard. */
export class WorkshopService {
  /** Document ids of locked drafts: consulted on every incoming update, so kept in memory. */
  private readonly lockedDocuments = new Set<string>();

  constructor(
    private readonly store: WorkshopStore,
    private readonly documents: DocumentStore,
    private readonly live: LiveDocuments,
    private readonly events: EventBus,
    /** Per brief, how many imported recommendations changed at source (from BriefService). */
    private readonly briefChanges: (workshopId: string) => Promise<Dashboard['briefs']> = async () => [],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Loads the lock states; call once at start. */
  async init(): Promise<void> {
    for (const workshop of await this.store.listWorkshops()) {
      for (const group of await this.store.listGroups(workshop.id)) {
        if (group.locked) this.lockedDocuments.add(group.documentId);
      }
    }
  }

  async listWorkshops(auth: AuthContext): Promise<Workshop[]> {
    const all = await this.store.listWorkshops();
    return all.filter((w) => can(auth.principal, 'workshop.view', { workshopId: w.id })).map(toWorkshop);
  }

  async createWorkshop(auth: AuthContext, readBody: ReadBody<CreateWorkshopBody>): Promise<Workshop> {
    if (!can(auth.principal, 'workshop.create', { workshopId: null })) {
      throw forbidden('Only the operator’s facilitator link can create workshops.');
    }
    return toWorkshop(await this.insertWorkshop(readBody()));
  }

  /** Creates a workshop without a caller (the demo seed). */
  async insertWorkshop(body: CreateWorkshopBody): Promise<WorkshopRecord> {
    const record: WorkshopRecord = {
      id: SecretKeeper.newId(),
      title: body.title,
      venue: body.venue,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      audiences: body.audiences ?? [...DEFAULT_AUDIENCES],
      timerEndsAt: null,
      timerLabel: null,
      createdAt: this.now().toISOString(),
    };
    await this.store.createWorkshop(record);
    return record;
  }

  async home(auth: AuthContext, workshopId: string): Promise<WorkshopHome> {
    const workshop = await this.requireWorkshop(auth, workshopId, 'workshop.view');
    const groups = can(auth.principal, 'draft.read', { workshopId, groupId: null })
      ? await this.store.listGroups(workshopId)
      : [];
    const allBriefs = await this.store.listBriefs(workshopId);
    const briefs = can(auth.principal, 'brief.read', { workshopId }) ? allBriefs : [];
    const published: WorkshopHome['published'] = [];
    for (const brief of allBriefs) {
      const newest = (await this.store.listPublications(brief.id)).at(-1);
      if (newest) {
        published.push({
          briefId: brief.id,
          title: newest.title,
          version: newest.version,
          publishedAt: newest.publishedAt,
          path: `/p/${newest.slug}`,
        });
      }
    }
    return { workshop: toWorkshop(workshop), groups: groups.map(toGroup), briefs: briefs.map(toBrief), published };
  }

  async updateWorkshop(
    auth: AuthContext,
    workshopId: string,
    readBody: ReadBody<UpdateWorkshopBody>,
  ): Promise<Workshop> {
    const current = await this.requireWorkshop(auth, workshopId, 'workshop.edit');
    const body = readBody();
    const startsOn = body.startsOn === undefined ? current.startsOn : body.startsOn;
    const endsOn = body.endsOn === undefined ? current.endsOn : body.endsOn;
    if (startsOn && endsOn && startsOn > endsOn) {
      throw new ServiceError('invalid', 'invalid_request', 'endsOn must not be before startsOn', {
        endsOn: ['must not be before startsOn'],
      });
    }
    const updated = await this.store.updateWorkshop(workshopId, body);
    this.changed(workshopId);
    return toWorkshop(updated ?? current);
  }

  async listGroups(auth: AuthContext, workshopId: string): Promise<Group[]> {
    await this.requireWorkshop(auth, workshopId, 'draft.read');
    return (await this.store.listGroups(workshopId)).map(toGroup);
  }

  async createGroup(auth: AuthContext, workshopId: string, readBody: ReadBody<CreateGroupBody>): Promise<Group> {
    const workshop = await this.requireWorkshop(auth, workshopId, 'groups.manage');
    return toGroup(await this.insertGroup(workshop, readBody()));
  }

  /** Creates a group and its draft from the template, optionally with opening text (the demo seed). */
  async insertGroup(
    workshop: WorkshopRecord,
    body: CreateGroupBody,
    opening: Parameters<typeof draftTemplate>[1] = {},
  ): Promise<GroupRecord> {
    requireWorkshopAudience(workshop, body.focusAudience);
    const existing = await this.store.listGroups(workshop.id);
    const id = SecretKeeper.newId();
    const record: GroupRecord = {
      id,
      workshopId: workshop.id,
      name: body.name,
      focusAudience: body.focusAudience,
      documentId: `draft-${id}`,
      locked: false,
      position: existing.length,
      createdAt: this.now().toISOString(),
    };
    // The draft exists before the group points at it, so nobody ever opens an empty document.
    await seedDocumentIfAbsent(this.documents, record.documentId, draftTemplate(body.name, opening));
    await this.store.createGroup(record);
    this.changed(workshop.id);
    return record;
  }

  async updateGroup(
    auth: AuthContext,
    workshopId: string,
    groupId: string,
    readBody: ReadBody<UpdateGroupBody>,
  ): Promise<Group> {
    const workshop = await this.requireWorkshop(auth, workshopId, 'groups.manage');
    const group = await this.requireGroup(workshopId, groupId);
    const body = readBody();
    requireWorkshopAudience(workshop, body.focusAudience);
    const updated = (await this.store.updateGroup(groupId, body)) as GroupRecord;
    // The draft opens with the group's name (its template's title): it follows, as a brief's does.
    if (body.name !== undefined && body.name !== group.name) {
      await this.retitle(group.documentId, group.name, body.name, () =>
        this.store.updateGroup(groupId, { name: group.name }),
      );
    }
    this.changed(workshopId);
    return toGroup(updated);
  }

  /**
   * Deletes a group: it leaves every list, its member links stop working and their sessions end,
   * and its draft closes for everyone who has it open (it belongs to no workshop any more, so it
   * answers like a missing one). Recommendations already imported into a brief stay there, their
   * source shown as removed.
   */
  async deleteGroup(auth: AuthContext, workshopId: string, groupId: string): Promise<void> {
    await this.requireWorkshop(auth, workshopId, 'groups.manage');
    const group = await this.requireGroup(workshopId, groupId);
    const revoked = await this.store.deleteGroup(group.id, this.now().toISOString());
    for (const inviteId of revoked) {
      this.events.publish({ type: 'invite.revoked', workshopId, inviteId, reason: 'group_deleted' });
    }
    this.lockedDocuments.delete(group.documentId);
    this.events.publish({ type: 'document.removed', documentId: group.documentId });
    this.changed(workshopId);
  }

  /** Locks (read-only for everyone) or unlocks a group's draft; open editors switch at once. */
  async setLocked(
    auth: AuthContext,
    workshopId: string,
    groupId: string,
    readBody: ReadBody<LockGroupBody>,
  ): Promise<Group> {
    await this.requireWorkshop(auth, workshopId, 'draft.lock');
    const group = await this.requireGroup(workshopId, groupId);
    const { locked } = readBody();
    const updated = (await this.store.updateGroup(groupId, { locked })) as GroupRecord;
    if (locked) this.lockedDocuments.add(group.documentId);
    else this.lockedDocuments.delete(group.documentId);
    this.events.publish({ type: 'group.lockChanged', workshopId, groupId, documentId: group.documentId, locked });
    this.changed(workshopId);
    return toGroup(updated);
  }

  async listBriefs(auth: AuthContext, workshopId: string): Promise<Brief[]> {
    await this.requireWorkshop(auth, workshopId, 'brief.read');
    return (await this.store.listBriefs(workshopId)).map(toBrief);
  }

  async createBrief(auth: AuthContext, workshopId: string, readBody: ReadBody<CreateBriefBody>): Promise<Brief> {
    const workshop = await this.requireWorkshop(auth, workshopId, 'brief.write');
    return toBrief(await this.insertBrief(workshop, readBody()));
  }

  async insertBrief(workshop: WorkshopRecord, body: CreateBriefBody): Promise<BriefRecord> {
    const id = SecretKeeper.newId();
    const record: BriefRecord = {
      id,
      workshopId: workshop.id,
      title: body.title,
      documentId: `brief-${id}`,
      createdAt: this.now().toISOString(),
    };
    await seedDocumentIfAbsent(this.documents, record.documentId, briefTemplate(body.title));
    await this.store.createBrief(record);
    this.changed(workshop.id);
    return record;
  }

  /**
   * Renames a brief: its lists, the composer, exports and its next publication use the new title
   * (published versions keep theirs). The brief's opening heading follows while it still reads
   * the old title, as one edit open editors receive.
   */
  async renameBrief(
    auth: AuthContext,
    workshopId: string,
    briefId: string,
    readBody: ReadBody<UpdateBriefBody>,
  ): Promise<Brief> {
    const { brief } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    const { title } = readBody();
    const renamed = await this.store.renameBrief(brief.id, title);
    if (!renamed) throw notFound('brief');
    // From the title the record had, not the one read above: of two renames at once, the second
    // changes what the first left, and the heading ends as the record does.
    const { before, after } = renamed;
    await this.retitle(brief.documentId, before.title, title, () => this.store.renameBrief(brief.id, before.title));
    this.changed(workshopId);
    return toBrief(after);
  }

  /**
   * Renames a document's opening heading after its record was renamed (while the heading still
   * reads the old name; one someone rewrote is left alone). All or nothing: when the document
   * cannot be changed, `undo` gives the record its old name back.
   */
  private async retitle(
    documentId: string,
    before: string,
    after: string,
    undo: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await this.live.change(documentId, (doc) => renameTitleHeading(doc, before, after));
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /**
   * Deletes a brief nobody has published (a published page must keep its brief): it leaves every
   * list and its document closes for everyone who has it open. The data stays in the data folder.
   */
  async deleteBrief(auth: AuthContext, workshopId: string, briefId: string): Promise<void> {
    const { brief } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    if (!(await this.store.deleteBrief(brief.id, this.now().toISOString()))) {
      if ((await this.store.listPublications(brief.id)).length === 0) throw notFound('brief');
      throw new ServiceError(
        'conflict',
        'brief_published',
        'This brief has been published, and its published page stays online, so it cannot be deleted.',
      );
    }
    this.events.publish({ type: 'document.removed', documentId: brief.documentId });
    this.changed(workshopId);
  }

  async setTimer(auth: AuthContext, workshopId: string, readBody: ReadBody<SetTimerBody>): Promise<Workshop> {
    await this.requireWorkshop(auth, workshopId, 'timer.manage');
    const body = readBody();
    const endsAt = new Date(this.now().getTime() + body.durationMinutes * 60_000).toISOString();
    const updated = await this.store.updateWorkshop(workshopId, { timerEndsAt: endsAt, timerLabel: body.label });
    this.changed(workshopId);
    return toWorkshop(updated as WorkshopRecord);
  }

  async clearTimer(auth: AuthContext, workshopId: string): Promise<Workshop> {
    await this.requireWorkshop(auth, workshopId, 'timer.manage');
    const updated = await this.store.updateWorkshop(workshopId, { timerEndsAt: null, timerLabel: null });
    this.changed(workshopId);
    return toWorkshop(updated as WorkshopRecord);
  }

  /** What the editor needs before connecting; 404 for documents outside the caller's reach. */
  /** A workshop's audiences in its order, by which its briefs are read and numbered. */
  async audiencesOf(workshopId: string): Promise<string[]> {
    return (await this.store.getWorkshop(workshopId))?.audiences ?? [];
  }

  async documentInfo(auth: AuthContext, documentId: string): Promise<DocumentInfo> {
    const access = await this.accessTo(auth, documentId);
    if (access === 'not_found') throw notFound('document');
    if (access === 'forbidden') throw forbidden('Your role cannot open this document.');
    const { owner, grant } = access;
    const title =
      owner.kind === 'draft'
        ? ((await this.store.getGroup(owner.groupId ?? ''))?.name ?? '')
        : ((await this.store.getBrief(owner.briefId ?? ''))?.title ?? '');
    return {
      documentId,
      kind: owner.kind,
      workshopId: owner.workshopId,
      groupId: owner.groupId,
      title,
      canWrite: grant.canWrite(),
      locked: this.lockedDocuments.has(documentId),
    };
  }

  /**
   * Read access to a document with a live write check. A document of another workshop (or of
   * none) is 'not_found', exactly like a missing one; one the role may not read is 'forbidden'.
   */
  async accessTo(auth: AuthContext, documentId: string): Promise<DocumentAccess | 'not_found' | 'forbidden'> {
    const owner = await this.store.findDocumentOwner(documentId);
    const { principal } = auth;
    if (!owner || !can(principal, 'workshop.view', { workshopId: owner.workshopId })) return 'not_found';
    const readAction: Action = owner.kind === 'draft' ? 'draft.read' : 'brief.read';
    if (!can(principal, readAction, { workshopId: owner.workshopId, groupId: owner.groupId })) return 'forbidden';
    return { owner, grant: new DocumentGrant(owner, documentId, principal, this.lockedDocuments) };
  }

  /** Every group's recommendations, filtered; what the dashboard counts and the composer lists. */
  async recommendations(
    auth: AuthContext,
    workshopId: string,
    readQuery: ReadQuery<RecommendationQuery>,
  ): Promise<RecommendationItem[]> {
    await this.requireWorkshop(auth, workshopId, 'draft.read');
    const query = readQuery();
    let groups = await this.store.listGroups(workshopId);
    if (query.group) groups = groups.filter((group) => group.id === query.group);
    const needle = query.q?.trim().toLocaleLowerCase();
    const items: RecommendationItem[] = [];
    for (const group of groups) {
      for (const r of extractRecommendationsFromYDoc(await this.live.read(group.documentId))) {
        if (query.audience && !r.fields.audiences.includes(query.audience)) continue;
        if (query.priority && r.fields.priority !== query.priority) continue;
        if (query.status && r.fields.status !== query.status) continue;
        if (
          needle &&
          !`${r.text}\n${r.fields.responsibleBody}\n${r.fields.legalReference}`.toLocaleLowerCase().includes(needle)
        ) {
          continue;
        }
        const { id: _id, ...fields } = r.fields;
        items.push({
          id: r.id,
          number: r.number,
          groupId: group.id,
          groupName: group.name,
          documentId: group.documentId,
          ...fields,
          text: r.text,
          contentHash: r.contentHash,
          empty: r.empty,
          endorsementCount: r.endorsements.length,
          endorsedBy: r.endorsements.map((e) => e.name),
          positions: r.positions.map(({ participantId: _p, ...position }) => position),
          tallyByAudience: r.tallyByAudience,
        });
      }
    }
    return items;
  }

  async dashboard(auth: AuthContext, workshopId: string): Promise<Dashboard> {
    await this.requireWorkshop(auth, workshopId, 'dashboard.view');
    const groups = await this.store.listGroups(workshopId);
    // One read per person, however many drafts they have open.
    const participants = new Map<string, Promise<ParticipantRecord | null>>();
    const participantOf = (id: string) => {
      const found = participants.get(id) ?? this.store.getParticipant(id);
      participants.set(id, found);
      return found;
    };
    return {
      workshopId,
      briefs: await this.briefChanges(workshopId),
      groups: await Promise.all(
        groups.map(async (group) => {
          const doc = await this.live.read(group.documentId);
          const words = countWords(doc);
          const recommendationCount = extractRecommendationsFromYDoc(doc).length;
          const stats = await this.documents.stats(group.documentId);
          const { members, visiting } = await this.whoIsIn(group, participantOf);
          return {
            groupId: group.id,
            name: group.name,
            locked: group.locked,
            online: members,
            visiting,
            recommendationCount,
            wordCount: words,
            lastActivityAt: stats.updatedAt,
          };
        }),
      ),
    };
  }

  /**
   * Who has a group's draft open, as a facilitator counts them: its members, once each however many
   * tabs they have open, apart from everyone else looking in (the facilitator, a rapporteur, another
   * group's member), who would otherwise be counted as the group at work.
   */
  private async whoIsIn(
    group: GroupRecord,
    participantOf: (id: string) => Promise<ParticipantRecord | null>,
  ): Promise<{ members: PresentPerson[]; visiting: VisitingPerson[] }> {
    const members: PresentPerson[] = [];
    const visiting: VisitingPerson[] = [];
    const seen = new Set<string>();
    for (const cursor of this.live.presence(group.documentId)) {
      const person = { name: cursor.name, color: cursor.color };
      if (cursor.participantId === null) {
        visiting.push({ ...person, role: null, groupId: null });
        continue;
      }
      if (seen.has(cursor.participantId)) continue;
      seen.add(cursor.participantId);
      const participant = await participantOf(cursor.participantId);
      if (participant?.role === 'member' && participant.groupId === group.id) members.push(person);
      else visiting.push({ ...person, role: participant?.role ?? null, groupId: participant?.groupId ?? null });
    }
    return { members, visiting };
  }

  private changed(workshopId: string): void {
    this.events.publish({ type: 'workshop.changed', workshopId });
  }

  private async requireWorkshop(auth: AuthContext, workshopId: string, action: Action): Promise<WorkshopRecord> {
    const workshop = await this.store.getWorkshop(workshopId);
    // A workshop outside the caller's reach answers exactly like a missing one.
    if (!workshop || !can(auth.principal, 'workshop.view', { workshopId })) throw notFound('workshop');
    if (!can(auth.principal, action, { workshopId, groupId: null })) throw forbidden();
    return workshop;
  }

  private async requireGroup(workshopId: string, groupId: string): Promise<GroupRecord> {
    const group = await this.store.getGroup(groupId);
    if (!group || group.workshopId !== workshopId) throw notFound('group');
    return group;
  }
}

/** Words in a document's body: what the dashboard shows until recommendations exist. */
function countWords(doc: Y.Doc): number {
  const text = doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toString()
    .replace(/<[^>]*>/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function toWorkshop(w: WorkshopRecord): Workshop {
  return {
    id: w.id,
    title: w.title,
    venue: w.venue,
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    audiences: w.audiences,
    timer: w.timerEndsAt ? { endsAt: w.timerEndsAt, label: w.timerLabel ?? '' } : null,
    createdAt: w.createdAt,
  };
}

export function toGroup(g: GroupRecord): Group {
  return {
    id: g.id,
    workshopId: g.workshopId,
    name: g.name,
    focusAudience: g.focusAudience,
    documentId: g.documentId,
    locked: g.locked,
    createdAt: g.createdAt,
  };
}

export function toBrief(b: BriefRecord): Brief {
  return { id: b.id, workshopId: b.workshopId, title: b.title, documentId: b.documentId, createdAt: b.createdAt };
}

/** A group may focus on one of its workshop's audiences (or on none). */
function requireWorkshopAudience(workshop: WorkshopRecord, focusAudience: string | null | undefined): void {
  if (focusAudience && !workshop.audiences.includes(focusAudience)) {
    throw new ServiceError('invalid', 'invalid_request', 'focusAudience must be one of the workshop’s audiences', {
      focusAudience: [`must be one of: ${workshop.audiences.join(', ')}`],
    });
  }
}
