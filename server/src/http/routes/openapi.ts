import {
  ApiError,
  Brief,
  BriefStatus,
  CompareQuery,
  CreateBriefBody,
  CreateGroupBody,
  CreateInviteBody,
  CreateVersionBody,
  CreateWorkshopBody,
  Dashboard,
  DocumentInfo,
  Group,
  ImportBody,
  ImportResult,
  Invite,
  InvitePreview,
  JoinBody,
  JoinResponse,
  LockGroupBody,
  MergeBody,
  Publication,
  RecommendationItem,
  RecommendationQuery,
  RestoreResult,
  Session,
  SetTimerBody,
  SourceActionBody,
  SplitBody,
  UpdateBriefBody,
  UpdateGroupBody,
  UpdateSessionBody,
  UpdateWorkshopBody,
  Version,
  VersionComparison,
  VersionContent,
  VersionList,
  Workshop,
  WorkshopHome,
} from '@plenary/shared/api';
import { Router } from 'express';
import { z } from 'zod';
import { ExportQuery } from './exports';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  /** Query-string parameters, from a zod object. */
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
  /** False for the few routes a visitor may call without a session. */
  auth?: boolean;
}

/** Where the OpenAPI document itself is served (not one of the operations it lists). */
export const OPENAPI_PATH = '/api/openapi.json';

/** Every REST route, with the zod schemas the server validates against: the single source of the spec. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/invites/{secret}',
    summary: 'Preview an invite link',
    response: InvitePreview,
    auth: false,
  },
  {
    method: 'post',
    path: '/api/join',
    summary: 'Join with an invite secret and a display name',
    body: JoinBody,
    response: JoinResponse,
    status: 201,
    auth: false,
  },
  { method: 'get', path: '/api/session', summary: 'The signed-in participant', response: Session },
  {
    method: 'patch',
    path: '/api/session',
    summary: 'Change your display name',
    body: UpdateSessionBody,
    response: Session,
  },
  { method: 'delete', path: '/api/session', summary: 'Sign out', status: 204 },
  { method: 'get', path: '/api/workshops', summary: 'Workshops you can open', response: z.array(Workshop) },
  {
    method: 'post',
    path: '/api/workshops',
    summary: 'Create a workshop (operator link)',
    body: CreateWorkshopBody,
    response: Workshop,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}',
    summary: 'A workshop with the groups and briefs you may open',
    response: WorkshopHome,
  },
  {
    method: 'patch',
    path: '/api/workshops/{workshopId}',
    summary: 'Edit a workshop',
    body: UpdateWorkshopBody,
    response: Workshop,
  },
  { method: 'get', path: '/api/workshops/{workshopId}/groups', summary: 'Working groups', response: z.array(Group) },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/groups',
    summary: 'Add a working group (its draft starts from the template)',
    body: CreateGroupBody,
    response: Group,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/workshops/{workshopId}/groups/{groupId}',
    summary: 'Rename a group or change its focus audience',
    body: UpdateGroupBody,
    response: Group,
  },
  {
    method: 'delete',
    path: '/api/workshops/{workshopId}/groups/{groupId}',
    summary: 'Delete a group: its member links stop working and its draft closes',
    status: 204,
  },
  {
    method: 'put',
    path: '/api/workshops/{workshopId}/groups/{groupId}/lock',
    summary: 'Lock or unlock a group’s draft',
    body: LockGroupBody,
    response: Group,
  },
  { method: 'get', path: '/api/workshops/{workshopId}/briefs', summary: 'Briefs', response: z.array(Brief) },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs',
    summary: 'Create a brief',
    body: CreateBriefBody,
    response: Brief,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/workshops/{workshopId}/briefs/{briefId}',
    summary: 'Rename a brief (its opening heading follows while it still reads the old title)',
    body: UpdateBriefBody,
    response: Brief,
  },
  {
    method: 'delete',
    path: '/api/workshops/{workshopId}/briefs/{briefId}',
    summary: 'Delete a brief nobody has published: it leaves every list and its document closes',
    status: 204,
  },
  {
    method: 'put',
    path: '/api/workshops/{workshopId}/timer',
    summary: 'Start the breakout countdown',
    body: SetTimerBody,
    response: Workshop,
  },
  { method: 'delete', path: '/api/workshops/{workshopId}/timer', summary: 'Stop the countdown', response: Workshop },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}/dashboard',
    summary: 'Per group: who is online, progress, last activity',
    response: Dashboard,
  },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}/recommendations',
    summary: 'Every group’s recommendations; filters: group, audience, priority, status, q',
    query: RecommendationQuery,
    response: z.array(RecommendationItem),
  },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}/events',
    summary: 'Server-sent events: workshop.changed, session.ended',
  },
  { method: 'get', path: '/api/workshops/{workshopId}/invites', summary: 'Invite links', response: z.array(Invite) },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/invites',
    summary: 'Create an invite link',
    body: CreateInviteBody,
    response: Invite,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/invites/{inviteId}/revoke',
    summary: 'Revoke a link; its sessions end',
    response: Invite,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/invites/{inviteId}/reissue',
    summary: 'Revoke a link and issue a new one',
    response: Invite,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}',
    summary: 'What a document is and whether you may edit it',
    response: DocumentInfo,
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/export',
    summary:
      'Download a draft or brief as DOCX, PDF, HTML or Markdown (an attachment); repeat audience for an audience edition',
    query: ExportQuery,
  },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/status',
    summary: 'Provenance checks (changed / removed at source, three-way diffs), coverage, per-source reactions',
    response: BriefStatus,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/imports',
    summary: 'Import recommendations of one group’s draft, recording their provenance (409 already_imported)',
    body: ImportBody,
    response: ImportResult,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/merge',
    summary: 'Merge brief recommendations into one with the rapporteur’s wording; every source is kept',
    body: MergeBody,
    response: z.object({ recommendationId: z.string() }),
    status: 201,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/split',
    summary: 'Split a merged recommendation back into exactly its originals',
    body: SplitBody,
    response: z.object({ recommendationIds: z.array(z.string()) }),
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/source-actions',
    summary: 'Pull a changed source into the brief, or keep the brief’s text until the next change',
    body: SourceActionBody,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/publications',
    summary: 'Publish the brief as it is now: a new immutable version at /p/<slug>',
    response: Publication,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/workshops/{workshopId}/briefs/{briefId}/publications',
    summary: 'Published versions of a brief',
    response: z.array(Publication),
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/versions',
    summary: 'Versions of a draft or brief, automatic and named, newest first',
    response: VersionList,
  },
  {
    method: 'post',
    path: '/api/documents/{documentId}/versions',
    summary: 'Name the document as it is now ("End of breakout")',
    body: CreateVersionBody,
    response: Version,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/versions/compare',
    summary: 'What changed from one version to another, or to now: blocks, words and recommendation fields',
    query: CompareQuery,
    response: VersionComparison,
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/versions/{versionId}',
    summary: 'One version as ProseMirror JSON, for a read-only view (410 version_deleted once deleted)',
    response: VersionContent,
  },
  {
    method: 'post',
    path: '/api/documents/{documentId}/versions/{versionId}/restore',
    summary: 'Bring a version back as a new change on top; the state just before is kept as a version',
    response: RestoreResult,
  },
  {
    method: 'delete',
    path: '/api/documents/{documentId}/versions/{versionId}',
    summary: 'Delete a version (facilitators); later calls naming it answer 410 version_deleted',
    status: 204,
  },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });

/** The OpenAPI 3.1 document, generated from OPERATIONS. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: Array<Record<string, unknown>> = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
      parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType, 'input') });
    }
    const ok = String(op.status ?? 200);
    const responses: Record<string, unknown> = {
      [ok]: op.response
        ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }
        : { description: 'OK' },
      '400': { $ref: '#/components/responses/Error' },
      '404': { $ref: '#/components/responses/Error' },
    };
    if (op.auth !== false) {
      responses['401'] = { $ref: '#/components/responses/Error' };
      responses['403'] = { $ref: '#/components/responses/Error' };
    }
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = {
      summary: op.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
        : {}),
      responses,
      security: op.auth === false ? [] : [{ session: [] }, { bearer: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Plenary API', version, description: 'See docs/api.md for the flows.' },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'plenary_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      responses: {
        Error: {
          description: 'An error',
          content: { 'application/json': { schema: jsonSchema(ApiError, 'output') } },
        },
      },
    },
  };
}

export function openApiRouter(version: string): Router {
  const router = Router();
  const document = buildOpenApi(version);
  router.get(OPENAPI_PATH.slice('/api'.length), (_request, response) => {
    response.json(document);
  });
  return router;
}
