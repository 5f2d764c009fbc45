import type { RestoreResult, Version, VersionComparison, VersionContent } from '@plenary/shared/api';
import { type Action, can, diffDocuments } from '@plenary/shared/domain';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { type JSONContent, restoreBody } from '@plenary/shared/schema';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { EventBus } from '../events/EventBus';
import type { Logger } from '../logger';
import type { DocumentStore, VersionRecord } from '../storage/ports';
import type { AuthContext } from './AccessService';
import { AutoVersionSchedule } from './autoVersionSchedule';
import type { LiveDocuments } from './LiveDocuments';
import type { ReadBody, ReadQuery } from './readBody';
import { SecretKeeper } from './SecretKeeper';
import { forbidden, notFound, ServiceError } from './ServiceError';
import type { WorkshopService } from './WorkshopService';

/**
 * Versions of drafts and briefs (issue 7): each is a full encoded Yjs state of the document at
 * that moment, so the live documents keep garbage collection on. Named on demand, or taken
 * automatically after `autoVersionMs` of editing; opened read-only, compared, and restored as a
 * new change on top of the live document.
 */
export class VersionService {
  private readonly schedule: AutoVersionSchedule;
  private readonly taking = new Set<string>();

  constructor(
    private readonly store: DocumentStore,
    private readonly workshops: WorkshopService,
    private readonly live: LiveDocuments,
    private readonly events: EventBus,
    private readonly logger: Logger,
    options: { autoVersionMs: number },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.schedule = new AutoVersionSchedule(options.autoVersionMs);
  }

  /** A document's versions, newest first. */
  async list(auth: AuthContext, documentId: string): Promise<Version[]> {
    await this.require(auth, documentId, 'version.read');
    return (await this.store.listVersions(documentId)).reverse().map(toVersion);
  }

  /** Names the document as it is now. */
  async create(auth: AuthContext, documentId: string, readBody: ReadBody<{ name: string }>): Promise<Version> {
    const { workshopId } = await this.require(auth, documentId, 'version.create');
    const { name } = readBody();
    const record = await this.save(documentId, 'named', name, auth.participant.displayName);
    this.events.publish({ type: 'workshop.changed', workshopId });
    return toVersion(record);
  }

  /** One version's content, for the read-only view. */
  async content(auth: AuthContext, documentId: string, versionId: string): Promise<VersionContent> {
    await this.require(auth, documentId, 'version.read');
    const { record, state } = await this.requireVersion(documentId, versionId);
    return { version: toVersion(record), content: bodyOf(state) };
  }

  /** What changed from one version to another, or to the document as it is now. */
  async compare(
    auth: AuthContext,
    documentId: string,
    readQuery: ReadQuery<{ from: string; to: string }>,
  ): Promise<VersionComparison> {
    const info = await this.require(auth, documentId, 'version.read');
    const { from: fromId, to: toId } = readQuery();
    const from = await this.requireVersion(documentId, fromId);
    const to = toId === 'now' ? null : await this.requireVersion(documentId, toId);
    const after = to ? bodyOf(to.state) : readBody(await this.live.read(documentId));
    // Numbered as the document's cards number them: a brief in its readers' order.
    const readingOrder = info.kind === 'brief' ? await this.workshops.audiencesOf(info.workshopId) : null;
    return {
      from: toVersion(from.record),
      to: to ? toVersion(to.record) : null,
      ...diffDocuments(bodyOf(from.state), after, readingOrder),
    };
  }

  /**
   * Brings a version's text and recommendation fields back as a new change. The document as it
   * was just before is kept as an automatic version first, so a restore itself can be undone.
   */
  async restore(auth: AuthContext, documentId: string, versionId: string): Promise<RestoreResult> {
    const { workshopId } = await this.require(auth, documentId, 'version.restore');
    const { record, state } = await this.requireVersion(documentId, versionId);
    const before = await this.save(documentId, 'auto', null, null);
    await this.live.change(documentId, (doc) => {
      try {
        // Inside live.change's transaction: stored and broadcast with the server's origin, like an import.
        restoreBody(doc, state);
      } catch (error) {
        // restoreBody reads the version before it writes, so a version that fails here changed nothing.
        this.logger.warn({ err: error, documentId, versionId }, 'version could not be restored');
        throw new ServiceError('conflict', 'version_unreadable', 'This version does not fit the document format.');
      }
    });
    this.logger.info({ documentId, versionId }, 'version restored');
    this.events.publish({ type: 'workshop.changed', workshopId });
    return { restored: toVersion(record), before: toVersion(before) };
  }

  async delete(auth: AuthContext, documentId: string, versionId: string): Promise<void> {
    const { workshopId } = await this.require(auth, documentId, 'version.delete');
    await this.requireVersion(documentId, versionId);
    await this.store.deleteVersion(versionId, this.now().toISOString());
    this.events.publish({ type: 'workshop.changed', workshopId });
  }

  /** Told after every stored edit of a document; takes an automatic version when one is due. */
  noteEdit(documentId: string): void {
    if (!this.schedule.noteEdit(documentId, this.now().getTime()) || this.taking.has(documentId)) return;
    this.taking.add(documentId);
    this.save(documentId, 'auto', null, null)
      .catch((error: unknown) => this.logger.error({ err: error, documentId }, 'automatic version failed'))
      .finally(() => this.taking.delete(documentId));
  }

  private async save(
    documentId: string,
    kind: VersionRecord['kind'],
    name: string | null,
    createdBy: string | null,
  ): Promise<VersionRecord> {
    const state = Y.encodeStateAsUpdate(await this.live.read(documentId));
    return this.store.saveVersion(
      { id: SecretKeeper.newId(), documentId, kind, name, createdBy, createdAt: this.now().toISOString() },
      state,
    );
  }

  /** The document, if the caller may `action` its versions: 404 outside their reach, 403 by role. */
  private async require(auth: AuthContext, documentId: string, action: Action) {
    const info = await this.workshops.documentInfo(auth, documentId);
    const resource = {
      workshopId: info.workshopId,
      groupId: info.groupId,
      locked: info.locked,
      document: info.kind,
    };
    if (!can(auth.principal, action, resource)) {
      throw forbidden(
        info.locked && action !== 'version.delete'
          ? 'This draft is locked: nothing in it can change until a facilitator unlocks it.'
          : 'Your role cannot do that with the versions of this document.',
      );
    }
    return info;
  }

  /** A version of this document: another document's (or workshop's) is a 404, a deleted one a 410. */
  private async requireVersion(
    documentId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; state: Uint8Array }> {
    const found = await this.store.getVersion(versionId);
    if (!found || found.record.documentId !== documentId) throw notFound('version');
    if (found.record.deletedAt !== null || !found.state) {
      throw new ServiceError(
        'gone',
        'version_deleted',
        'This version was deleted; it can no longer be opened, compared or restored.',
        { deletedAt: found.record.deletedAt },
      );
    }
    return { record: found.record, state: found.state };
  }
}

function toVersion(record: VersionRecord): Version {
  return {
    id: record.id,
    documentId: record.documentId,
    kind: record.kind,
    name: record.name,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    bytes: record.bytes,
  };
}

/** Schema-less, like exports: content that reached a document through a raw update still reads. */
function readBody(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
}

function bodyOf(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readBody(doc);
  } finally {
    doc.destroy();
  }
}
