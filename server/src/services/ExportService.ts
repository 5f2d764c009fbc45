import { extractRecommendations } from '@plenary/shared/domain';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import type { JSONContent } from '@plenary/shared/schema';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { DocxRenderer } from '../export/DocxRenderer';
import { ExportError } from '../export/ExportError';
import { CONTENT_TYPE, type ExportFormat, exportFileName } from '../export/exportFileName';
import { type ExportFonts, loadExportFonts } from '../export/exportFonts';
import {
  buildExportModel,
  type ExportCommentSource,
  type ExportMetadata,
  type ExportModel,
  type ExportSource,
} from '../export/exportModel';
import { renderHtml } from '../export/renderHtml';
import { renderMarkdown } from '../export/renderMarkdown';
import type { PdfRenderer } from '../export/renderPdf';
import type { Logger } from '../logger';
import type { WorkshopRecord, WorkshopStore } from '../storage/ports';
import type { AuthContext } from './AccessService';
import { commentsForExport } from './exportComments';
import type { LiveDocuments } from './LiveDocuments';
import type { PublishedBrief, PublishedGroup } from './PublicationService';
import { PublishedFileCache } from './PublishedFileCache';
import type { ReadQuery } from './readBody';
import { forbidden, notFound, ServiceError } from './ServiceError';
import type { WorkshopService } from './WorkshopService';

export interface ExportRequest {
  format: ExportFormat;
  /** Limit to these audiences (an audience edition); empty for the full document. */
  audiences: string[];
  /** Add the comment threads as a "Comments" appendix (never for a publication). */
  comments?: boolean;
}

/** What is exported: a document's body with its title and where its recommendations came from. */
interface ExportSourceDocument {
  kind: 'draft' | 'brief';
  title: string;
  body: unknown;
  provenance: ExportMetadata['provenance'];
  versionName?: string;
  /** For a publication: when it was frozen (its page and files always say the same date). */
  generatedAt?: Date;
  /** Only when asked for; publications never carry comments. */
  comments?: ExportCommentSource[];
}

export interface ExportFile {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  format: ExportFormat;
}

/**
 * Most recommendations each format accepts; more is refused with a clear message rather than left
 * to run. DOCX renders on the server's event loop (about 1.5 s per 1 000 recommendations here) and
 * PDF prints for about 10 s per 1 000 in Chromium; HTML and Markdown take milliseconds.
 */
export const MAX_RECOMMENDATIONS: Record<ExportFormat, number> = { md: 10_000, html: 10_000, docx: 2_000, pdf: 2_000 };
/** Past this, a PDF is printed without tags and bookmarks, which would make it five times larger. */
const MAX_TAGGED_PDF_RECOMMENDATIONS = 500;
const FORMAT_NAME: Record<ExportFormat, string> = { md: 'Markdown', html: 'HTML', docx: 'DOCX', pdf: 'PDF' };

/** Exports of a draft or brief, from its current state, for anyone who may read it. */
export class ExportService {
  private fonts: Promise<ExportFonts> | undefined;

  constructor(
    private readonly store: WorkshopStore,
    private readonly workshops: WorkshopService,
    private readonly live: LiveDocuments,
    private readonly pdf: PdfRenderer,
    private readonly docx: DocxRenderer,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly publishedFiles = new PublishedFileCache();

  async export(auth: AuthContext, documentId: string, readRequest: ReadQuery<ExportRequest>): Promise<ExportFile> {
    const started = performance.now();
    const access = await this.workshops.accessTo(auth, documentId);
    if (access === 'not_found') throw notFound('document');
    if (access === 'forbidden') throw forbidden('Your role cannot open this document.');
    const request = readRequest();
    const { owner } = access;
    const workshop = await this.store.getWorkshop(owner.workshopId);
    if (!workshop) throw notFound('document');

    // Schema-less: content that reached the document through a raw update is normalised, not thrown on.
    const doc = await this.live.read(documentId);
    let body: unknown;
    try {
      body = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD));
    } catch (error) {
      // Reading recurses per level: only a hand-crafted update nests deep enough to exhaust the stack.
      if (error instanceof RangeError) {
        throw new ExportError('export_too_large', 'This document is nested too deeply to export.');
      }
      throw error;
    }
    let title = '';
    let provenance: ExportMetadata['provenance'];
    if (owner.kind === 'draft') {
      const group = owner.groupId ? await this.store.getGroup(owner.groupId) : null;
      title = group?.name ?? '';
      // A draft's recommendations all come from its own group.
      if (group) provenance = { fallback: [{ groupId: group.id, groupName: group.name }] };
    } else {
      const brief = owner.briefId ? await this.store.getBrief(owner.briefId) : null;
      title = brief?.title ?? '';
      provenance = { byRecommendation: await this.briefProvenance(workshop.id, body) };
    }
    const comments = request.comments ? commentsForExport(doc) : undefined;
    const file = await this.exportContent(
      workshop,
      { kind: owner.kind, title, body, provenance, ...(comments ? { comments } : {}) },
      request,
    );
    this.logger.info(
      {
        documentId,
        format: request.format,
        edition: request.audiences.length > 0,
        bytes: file.body.length,
        ms: Math.round(performance.now() - started),
      },
      'exported',
    );
    return file;
  }

  /** A published version of a brief as a file: its frozen content, named by its version. */
  async exportPublication(published: PublishedBrief, request: ExportRequest): Promise<ExportFile> {
    const { publication, workshop, groups } = published;
    // Published pages need no session: their visitors' PDFs wait in half of the queue only.
    const make = async (asked: ExportRequest) =>
      this.exportContent(workshop, await this.publishedSource(published), asked, { anonymous: true });
    // Versions published before their groups' names were kept with them show today's names, so
    // only the others are the same file every time.
    if (groups === null) return make(request);
    // One form of the audiences for the key and for the file, so requests that share a key get
    // the file they would have been made (name and edition note included).
    const audiences = [...new Set(request.audiences.map((audience) => audience.trim()))].sort();
    const key = JSON.stringify([publication.id, request.format, audiences]);
    return this.publishedFiles.get(key, () => make({ ...request, audiences }));
  }

  /** The published page: the HTML export with a navigation header (versions, downloads). */
  async publishedPage(published: PublishedBrief, header: { html: string; css: string }): Promise<string> {
    const model = this.model(published.workshop, await this.publishedSource(published));
    return renderHtml(model, { fonts: await this.loadFonts(), header: header.html, headerCss: header.css });
  }

  /** A published version as what is exported: its frozen content, named by its version. */
  private async publishedSource({
    publication,
    workshop,
    content,
    groups,
  }: PublishedBrief): Promise<ExportSourceDocument> {
    return {
      kind: 'brief',
      title: publication.title,
      body: content,
      provenance: { byRecommendation: await this.briefProvenance(workshop.id, content, groups) },
      versionName: `Published version ${publication.version}`,
      generatedAt: new Date(publication.publishedAt),
    };
  }

  private model(workshop: WorkshopRecord, source: ExportSourceDocument, audiences: string[] = []): ExportModel {
    return buildExportModel(source.body, this.metadata(workshop, source, audiences));
  }

  private metadata(workshop: WorkshopRecord, source: ExportSourceDocument, audiences: string[]): ExportMetadata {
    return {
      workshop: { title: workshop.title, venue: workshop.venue, startsOn: workshop.startsOn, endsOn: workshop.endsOn },
      document: { title: source.title, kind: source.kind },
      audiences: workshop.audiences,
      generatedAt: source.generatedAt ?? this.now(),
      ...(audiences.length > 0 ? { edition: { audiences } } : {}),
      ...(source.provenance ? { provenance: source.provenance } : {}),
      ...(source.versionName ? { versionName: source.versionName } : {}),
      ...(source.comments ? { comments: source.comments } : {}),
    };
  }

  private async exportContent(
    workshop: WorkshopRecord,
    source: ExportSourceDocument,
    request: ExportRequest,
    { anonymous = false }: { anonymous?: boolean } = {},
  ): Promise<ExportFile> {
    const meta = this.metadata(workshop, source, request.audiences);
    const model = buildExportModel(source.body, meta);
    const known = new Set([...workshop.audiences, ...model.audiencesInDocument]);
    const unknown = request.audiences.filter((audience) => !known.has(audience.trim()));
    if (unknown.length > 0) {
      throw new ServiceError('invalid', 'unknown_audience', `No such audience: ${unknown.join(', ')}.`, {
        audience: [`must be one of: ${[...known].join(', ')}`],
      });
    }
    const limit = MAX_RECOMMENDATIONS[request.format];
    if (model.recommendationCount > limit) {
      const smaller = request.format === 'md' || request.format === 'html' ? '' : ' Export HTML or Markdown instead.';
      throw new ExportError(
        'export_too_large',
        `This document has ${model.recommendationCount} recommendations; ${FORMAT_NAME[request.format]} export stops at ${limit}.${smaller}`,
      );
    }
    const body = await this.render(request.format, model, anonymous);
    return {
      body,
      contentType: CONTENT_TYPE[request.format],
      fileName: exportFileName(meta, request.format),
      format: request.format,
    };
  }

  /**
   * The groups each brief recommendation came from, as its import recorded them (issue 5's
   * `sources`), named as the groups are named now (a deleted group, as it was last named: its work
   * is still in the brief), or for a published version as they were named at publication.
   * Sources naming no group of this workshop are left out, so a crafted attribute cannot credit a
   * group that does not exist.
   */
  private async briefProvenance(
    workshopId: string,
    body: unknown,
    publishedGroups: PublishedGroup[] | null = null,
  ): Promise<Map<string, ExportSource[]>> {
    const everyGroup = publishedGroups ?? (await this.store.listEveryGroup(workshopId));
    const groups = new Map(everyGroup.map((group) => [group.id, group]));
    const byRecommendation = new Map<string, ExportSource[]>();
    for (const recommendation of extractRecommendations(body as JSONContent)) {
      if (!recommendation.id) continue;
      const sources = new Map<string, ExportSource>();
      for (const { groupId } of recommendation.sources) {
        const group = groups.get(groupId);
        if (group) sources.set(group.id, { groupId: group.id, groupName: group.name });
      }
      if (sources.size > 0) byRecommendation.set(recommendation.id, [...sources.values()]);
    }
    return byRecommendation;
  }

  private async render(format: ExportFormat, model: ExportModel, anonymous: boolean): Promise<Uint8Array> {
    switch (format) {
      case 'md':
        return Buffer.from(renderMarkdown(model), 'utf8');
      case 'docx':
        return this.docx.render(model);
      case 'html':
        return Buffer.from(renderHtml(model, { fonts: await this.loadFonts() }), 'utf8');
      case 'pdf': {
        const html = renderHtml(model, { fonts: await this.loadFonts() });
        return this.pdf.render({
          html,
          footerLabel: model.runningFooter,
          tagged: model.recommendationCount <= MAX_TAGGED_PDF_RECOMMENDATIONS,
          anonymous,
        });
      }
    }
  }

  private loadFonts(): Promise<ExportFonts> {
    this.fonts ??= loadExportFonts();
    // A failed read is retried next time instead of failing every export until restart.
    this.fonts.catch(() => {
      this.fonts = undefined;
    });
    return this.fonts;
  }
}
