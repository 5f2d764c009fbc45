import type {
  BriefStatus,
  ImportBody,
  ImportResult,
  MergeBody,
  SourceActionBody,
  SourceChange,
  SplitBody,
} from '@plenary/shared/api';
import {
  briefPlacement,
  checkSources,
  dismissedSource,
  type ExtractedRecommendation,
  fieldsWithoutId,
  findImported,
  importedRecommendationNode,
  mergeRecommendationNodes,
  newRecommendationId,
  normaliseRecommendationFields,
  normaliseSources,
  OTHER_RECOMMENDATIONS_SECTION,
  pulledFields,
  pulledSource,
  readingOrderNumbers,
  recommendationFieldChanges,
  removalNoted,
  sourceKey,
  sourceOf,
  splitRecommendationNode,
  threeWayDiff,
} from '@plenary/shared/domain';
import {
  extractRecommendationsFromYDoc,
  insertBlocks,
  type JSONContent,
  replaceBlocks,
  topLevelBlocks,
} from '@plenary/shared/schema';
import type { GroupRecord, WorkshopStore } from '../storage/ports';
import type { AuthContext } from './AccessService';
import type { LiveDocuments } from './LiveDocuments';
import type { ReadBody } from './readBody';
import { requireBrief } from './requireBrief';
import { notFound, ServiceError } from './ServiceError';

/** The rapporteur's brief: importing with provenance, merging, splitting, and changes at source. */
export class BriefService {
  constructor(
    private readonly store: WorkshopStore,
    private readonly live: LiveDocuments,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Provenance checks, coverage and the per-source reactions of one brief. */
  async status(auth: AuthContext, workshopId: string, briefId: string): Promise<BriefStatus> {
    const { brief, workshop } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.read');
    const groups = await this.store.listGroups(workshopId);
    const current = await this.currentRecommendations(groups);
    const briefRecs = extractRecommendationsFromYDoc(await this.live.read(brief.documentId));
    // Numbered as the brief's cards and exports number them.
    const numbers = readingOrderNumbers(
      briefRecs.map((recommendation) => recommendation.fields),
      workshop.audiences,
    );
    // A deleted group's sources are the workshop's own, removed; only another workshop's are foreign.
    // Named as the groups are named now (a deleted one, as last named), like the brief's exports.
    const nameOf = new Map((await this.store.listEveryGroup(workshopId)).map((g) => [g.id, g.name]));
    const checks = checkSources(briefRecs, current, new Set(nameOf.keys()));
    const changes: SourceChange[] = checks.map((check) => {
      const briefRec = briefRecs.find((r) => r.id === check.briefRecommendationId);
      const briefText = briefRec?.text ?? '';
      const currentText = check.current?.text ?? null;
      // Both sides from the source as the rapporteurs last dealt with it (import, pull or keep):
      // a change they kept their text over is not offered again, and counts as the brief's own.
      const { acknowledgedText, acknowledgedFields } = check.source;
      const view = threeWayDiff(acknowledgedText, currentText ?? acknowledgedText, briefText);
      const sourceFields = check.current
        ? recommendationFieldChanges(acknowledgedFields, fieldsWithoutId(check.current.fields))
        : [];
      const briefFields = briefRec
        ? recommendationFieldChanges(acknowledgedFields, fieldsWithoutId(briefRec.fields))
        : [];
      // The same field changed on both sides, to different values: the pull takes the group's.
      const fieldClash = sourceFields.some((change) =>
        briefFields.some((own) => own.field === change.field && own.after !== change.after),
      );
      return {
        recommendationId: check.briefRecommendationId,
        number: numbers[check.briefNumber - 1] ?? check.briefNumber,
        sourceIndex: check.sourceIndex,
        groupId: check.source.groupId,
        groupName: nameOf.get(check.source.groupId) ?? check.source.groupName,
        sourceDocumentId: check.source.documentId,
        sourceRecommendationId: check.source.recommendationId,
        status: check.status,
        importedText: check.source.importedText,
        currentText,
        briefText,
        sourceDiff: view.source,
        briefDiff: view.brief,
        sourceFields: check.status === 'changed' ? sourceFields : [],
        briefFields,
        conflicting: check.status === 'changed' && (view.conflicting || fieldClash),
        noted: check.noted,
        groupDeleted: check.status === 'removed' && !groups.some((group) => group.id === check.source.groupId),
      };
    });
    const importedKeys = [...new Set(checks.map((c) => sourceKey(c.source.documentId, c.source.recommendationId)))];
    const total = [...current.values()].length;
    const used = importedKeys.filter((key) => current.has(key)).length;
    return {
      briefId,
      documentId: brief.documentId,
      changes,
      changedCount: changes.filter((c) => c.status === 'changed').length,
      coverage: { used, total },
      importedKeys,
      // Reactions stay with each group's original: shown per source, never added up.
      positions: checks.map((check) => {
        const stances = { supports: 0, reservations: 0, opposes: 0 };
        for (const position of check.current?.positions ?? []) stances[position.stance] += 1;
        return {
          recommendationId: check.briefRecommendationId,
          sourceIndex: check.sourceIndex,
          endorsementCount: check.current?.endorsements.length ?? 0,
          stances,
        };
      }),
    };
  }

  /** Per brief of a workshop, how many imported recommendations changed at source (for the dashboard). */
  async changedAtSource(
    workshopId: string,
  ): Promise<Array<{ briefId: string; title: string; changedAtSource: number }>> {
    const groups = await this.store.listGroups(workshopId);
    const current = await this.currentRecommendations(groups);
    const groupIds = new Set(groups.map((g) => g.id));
    const result = [];
    for (const brief of await this.store.listBriefs(workshopId)) {
      const recs = extractRecommendationsFromYDoc(await this.live.read(brief.documentId));
      const changed = checkSources(recs, current, groupIds).filter((c) => c.status === 'changed').length;
      result.push({ briefId: brief.id, title: brief.title, changedAtSource: changed });
    }
    return result;
  }

  /** Copies recommendations of one group's draft into the brief under their audience's section. */
  async importRecommendations(
    auth: AuthContext,
    workshopId: string,
    briefId: string,
    readBody: ReadBody<ImportBody>,
  ): Promise<ImportResult> {
    const { brief, workshop } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    const body = readBody();
    const group = (await this.store.listGroups(workshopId)).find((g) => g.documentId === body.documentId);
    // A source outside this workshop is refused exactly like a missing one.
    if (!group) throw notFound('document');
    const sourceRecs = extractRecommendationsFromYDoc(await this.live.read(group.documentId));
    const wanted = body.recommendationIds.map((id) => {
      const found = sourceRecs.find((r) => r.id === id);
      if (!found)
        throw new ServiceError('not_found', 'recommendation_not_found', `No recommendation ${id} in ${group.name}.`);
      return found;
    });
    const importedAt = this.now().toISOString();
    return this.live.change(brief.documentId, (doc) => {
      const inBrief = extractRecommendationsFromYDoc(doc);
      const already: Record<string, string> = {};
      for (const recommendation of wanted) {
        const existing = findImported(inBrief, group.documentId, recommendation.id ?? '');
        if (existing?.id) already[recommendation.id ?? ''] = existing.id;
      }
      if (Object.keys(already).length > 0) {
        throw new ServiceError('conflict', 'already_imported', 'Already in the brief — go to it instead.', already);
      }
      const imported: ImportResult['imported'] = [];
      for (const recommendation of wanted) {
        const id = newRecommendationId();
        const node = importedRecommendationNode(sourceOf(recommendation, group, importedAt), id);
        const audience = recommendation.fields.audiences[0] ?? OTHER_RECOMMENDATIONS_SECTION;
        const { index, createSection } = briefPlacement(
          topLevelBlocks(doc),
          audience,
          recommendation.fields.priority,
          workshop.audiences,
        );
        const heading: JSONContent = {
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: audience }],
        };
        insertBlocks(doc, index, createSection ? [heading, node] : [node]);
        imported.push({ sourceRecommendationId: recommendation.id ?? '', briefRecommendationId: id });
      }
      return { imported };
    });
  }

  /** Merges brief recommendations into one with the rapporteur's wording; every source is kept. */
  async merge(
    auth: AuthContext,
    workshopId: string,
    briefId: string,
    readBody: ReadBody<MergeBody>,
  ): Promise<{ recommendationId: string }> {
    const { brief } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    const body = readBody();
    const statement = body.statement
      .split(/\n\s*\n/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
    const id = newRecommendationId();
    return this.live.change(brief.documentId, (doc) => {
      const blocks = topLevelBlocks(doc);
      const indices = body.recommendationIds.map((recommendationId) => blockIndexOf(blocks, recommendationId));
      const merged = mergeRecommendationNodes(
        indices.map((index) => blocks[index] as JSONContent),
        statement,
        id,
      );
      // Remove from the end so earlier indices stay valid, then put the merge where the first one was.
      const first = Math.min(...indices);
      for (const index of [...indices].sort((a, b) => b - a)) replaceBlocks(doc, index, 1, []);
      insertBlocks(doc, first, [merged]);
      return { recommendationId: id };
    });
  }

  /** Splits a merged recommendation back into exactly the originals. */
  async split(
    auth: AuthContext,
    workshopId: string,
    briefId: string,
    readBody: ReadBody<SplitBody>,
  ): Promise<{ recommendationIds: string[] }> {
    const { brief } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    const body = readBody();
    return this.live.change(brief.documentId, (doc) => {
      const blocks = topLevelBlocks(doc);
      const index = blockIndexOf(blocks, body.recommendationId);
      const originals = splitRecommendationNode(blocks[index] as JSONContent);
      if (originals.length === 0) {
        throw new ServiceError('conflict', 'not_merged', 'This recommendation was not made by a merge.');
      }
      replaceBlocks(doc, index, 1, originals);
      return { recommendationIds: originals.map((node) => String(node.attrs?.id ?? '')) };
    });
  }

  /** Pulls a changed source into the brief, or dismisses the change until the group edits again. */
  async actOnSource(
    auth: AuthContext,
    workshopId: string,
    briefId: string,
    readBody: ReadBody<SourceActionBody>,
  ): Promise<void> {
    const { brief } = await requireBrief(this.store, auth, workshopId, briefId, 'brief.write');
    const body = readBody();
    const groups = await this.store.listGroups(workshopId);
    const current = await this.currentRecommendations(groups);
    // A deleted group's sources are this workshop's too (removed), unlike another workshop's.
    const workshopGroupIds = new Set((await this.store.listEveryGroup(workshopId)).map((group) => group.id));
    await this.live.change(brief.documentId, (doc) => {
      const blocks = topLevelBlocks(doc);
      const index = blockIndexOf(blocks, body.recommendationId);
      const node = blocks[index] as JSONContent;
      const sources = normaliseSources(node.attrs?.sources);
      const source = sources[body.sourceIndex];
      if (!source) throw new ServiceError('not_found', 'source_not_found', 'This recommendation has no such source.');
      const now = current.get(sourceKey(source.documentId, source.recommendationId));
      if (!now && body.action === 'dismiss' && workshopGroupIds.has(source.groupId)) {
        // The group removed it (or was deleted): the brief keeps its text, and stops asking.
        sources[body.sourceIndex] = removalNoted(source);
        replaceBlocks(doc, index, 1, [{ ...node, attrs: { ...node.attrs, sources } }]);
        return;
      }
      if (!now || !groups.some((g) => g.id === source.groupId)) {
        throw new ServiceError('gone', 'source_removed', 'The source recommendation was removed.');
      }
      if (body.action === 'dismiss') {
        sources[body.sourceIndex] = dismissedSource(source, now);
        replaceBlocks(doc, index, 1, [{ ...node, attrs: { ...node.attrs, sources } }]);
        return;
      }
      if (sources.length > 1) {
        throw new ServiceError(
          'conflict',
          'merged_recommendation',
          'Edit the merged text yourself, then dismiss the change.',
        );
      }
      sources[body.sourceIndex] = pulledSource(source, now);
      // The group's text; of the fields, those the group changed since the rapporteurs last dealt
      // with it (the brief's own edits, and values they chose to keep, stay).
      const fields = pulledFields(
        source.acknowledgedFields,
        fieldsWithoutId(now.fields),
        fieldsWithoutId(normaliseRecommendationFields(node.attrs)),
      );
      replaceBlocks(doc, index, 1, [
        { type: 'recommendation', attrs: { ...node.attrs, ...fields, sources }, content: now.statement },
      ]);
    });
  }

  private async currentRecommendations(groups: GroupRecord[]): Promise<Map<string, ExtractedRecommendation>> {
    const current = new Map<string, ExtractedRecommendation>();
    for (const group of groups) {
      for (const recommendation of extractRecommendationsFromYDoc(await this.live.read(group.documentId))) {
        if (recommendation.id) current.set(sourceKey(group.documentId, recommendation.id), recommendation);
      }
    }
    return current;
  }
}

/** The top-level index of the recommendation with this id, or a 404. */
function blockIndexOf(blocks: JSONContent[], recommendationId: string): number {
  const index = blocks.findIndex((block) => block.type === 'recommendation' && block.attrs?.id === recommendationId);
  if (index < 0) {
    throw new ServiceError(
      'not_found',
      'recommendation_not_found',
      `No recommendation ${recommendationId} in this brief.`,
    );
  }
  return index;
}
