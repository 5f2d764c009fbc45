import { randomBytes } from 'node:crypto';
import type { Publication } from '@plenary/shared/api';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import type { JSONContent } from '@plenary/shared/schema';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { EventBus } from '../events/EventBus';
import type { PublicationRecord, WorkshopRecord, WorkshopStore } from '../storage/ports';
import type { AuthContext } from './AccessService';
import type { LiveDocuments } from './LiveDocuments';
import { requireBrief } from './requireBrief';
import { SecretKeeper } from './SecretKeeper';
import { notFound } from './ServiceError';

/** A group as a published version names it. */
export interface PublishedGroup {
  id: string;
  name: string;
}

/** A publication with what a public page needs around it. */
export interface PublishedBrief {
  publication: PublicationRecord;
  content: JSONContent;
  /** The workshop with its details (title, venue, dates, audiences) as they were at publication. */
  workshop: WorkshopRecord;
  /** Every group of the workshop at publication, deleted ones included; null for older versions. */
  groups: PublishedGroup[] | null;
  versions: Array<Pick<PublicationRecord, 'version' | 'publishedAt' | 'title'>>;
}

/** What is kept beside a published brief so that renaming the workshop or a group later changes nothing in it. */
interface PublicationContext {
  workshop: Pick<WorkshopRecord, 'title' | 'venue' | 'startsOn' | 'endsOn' | 'audiences'>;
  groups: PublishedGroup[];
}

/** Lower-case ASCII words of a title, for a readable link. */
function slugWords(title: string): string {
  return (
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'brief'
  );
}

/** Publishing briefs: freezing their current state as numbered, immutable versions with a public link. */
export class PublicationService {
  constructor(
    private readonly store: WorkshopStore,
    private readonly live: LiveDocuments,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Freezes the brief as it is now into a new version; later edits never change it. */
  async publish(auth: AuthContext, workshopId: string, briefId: string): Promise<Publication> {
    const { brief, workshop } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.publish');
    const previous = await this.store.listPublications(briefId);
    const last = previous.at(-1);
    const doc = await this.live.read(brief.documentId);
    const content = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD));
    const groups = await this.store.listEveryGroup(workshopId);
    const context: PublicationContext = {
      workshop: {
        title: workshop.title,
        venue: workshop.venue,
        startsOn: workshop.startsOn,
        endsOn: workshop.endsOn,
        audiences: workshop.audiences,
      },
      groups: groups.map((group) => ({ id: group.id, name: group.name })),
    };
    const record: PublicationRecord = {
      id: SecretKeeper.newId(),
      workshopId,
      briefId,
      // The random tail keeps links unguessable from the title alone.
      slug: last?.slug ?? `${slugWords(brief.title)}-${randomBytes(6).toString('hex')}`,
      version: (last?.version ?? 0) + 1,
      title: brief.title,
      content: JSON.stringify(content),
      publishedAt: this.now().toISOString(),
      publishedBy: auth.participant.displayName,
      context: JSON.stringify(context),
    };
    await this.store.createPublication(record);
    this.events.publish({ type: 'workshop.changed', workshopId });
    return toPublication(record);
  }

  async list(auth: AuthContext, workshopId: string, briefId: string): Promise<Publication[]> {
    await requireBrief(this.store, auth, workshopId, briefId, 'brief.read');
    return (await this.store.listPublications(briefId)).map(toPublication);
  }

  /** A published version for anyone with the link (the newest when `version` is omitted). */
  async published(slug: string, version?: number): Promise<PublishedBrief> {
    const publication = await this.store.getPublication(slug, version);
    const workshop = publication ? await this.store.getWorkshop(publication.workshopId) : null;
    if (!publication || !workshop) throw notFound('publication');
    const context = publication.context ? (JSON.parse(publication.context) as PublicationContext) : null;
    return {
      publication,
      content: JSON.parse(publication.content) as JSONContent,
      workshop: context ? { ...workshop, ...context.workshop } : workshop,
      groups: context?.groups ?? null,
      versions: await this.store.listPublicationVersions(slug),
    };
  }
}

export function toPublication(record: PublicationRecord): Publication {
  return {
    slug: record.slug,
    version: record.version,
    title: record.title,
    publishedAt: record.publishedAt,
    publishedBy: record.publishedBy,
    path: `/p/${record.slug}/v/${record.version}`,
  };
}
