import { z } from 'zod';
import { repeatedAudience } from '../domain/audiences';
import { ROLES } from '../domain/roles';
import { DOCUMENT_ID_PATTERN } from '../protocol/documentId';
import { typedText } from './typedText';

/** Ids the server generates: URL-safe, and valid document ids too. */
export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id made of letters, digits, - and _');
export type EntityId = z.infer<typeof EntityId>;

/** A collaborative document's id, as the WebSocket path takes it. */
export const DocumentId = z.string().regex(DOCUMENT_ID_PATTERN, 'must be a document id: letters, digits, - and _');

const IsoDate = z.iso.date();
const Title = typedText(200);
const Audience = typedText(80);
const AudienceList = z
  .array(Audience)
  .min(1)
  .max(20)
  .refine((audiences) => repeatedAudience(audiences) === null, 'must name each audience once');

export const RoleSchema = z.enum(ROLES);

export const BreakoutTimer = z.object({
  endsAt: z.iso.datetime(),
  label: z.string().max(120),
});
export type BreakoutTimer = z.infer<typeof BreakoutTimer>;

export const Workshop = z.object({
  id: EntityId,
  title: z.string(),
  venue: z.string(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  audiences: z.array(z.string()),
  timer: BreakoutTimer.nullable(),
  createdAt: z.iso.datetime(),
});
export type Workshop = z.infer<typeof Workshop>;

export const CreateWorkshopBody = z
  .strictObject({
    title: Title,
    venue: typedText(200, { required: false }).default(''),
    startsOn: IsoDate.nullable().default(null),
    endsOn: IsoDate.nullable().default(null),
    audiences: AudienceList.optional(),
  })
  .refine((body) => !body.startsOn || !body.endsOn || body.startsOn <= body.endsOn, {
    message: 'endsOn must not be before startsOn',
    path: ['endsOn'],
  });
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>;

export const UpdateWorkshopBody = z
  .strictObject({
    title: Title,
    venue: typedText(200, { required: false }),
    startsOn: IsoDate.nullable(),
    endsOn: IsoDate.nullable(),
    audiences: AudienceList,
  })
  .partial();
export type UpdateWorkshopBody = z.infer<typeof UpdateWorkshopBody>;

export const Group = z.object({
  id: EntityId,
  workshopId: EntityId,
  name: z.string(),
  focusAudience: z.string().nullable(),
  documentId: z.string(),
  locked: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Group = z.infer<typeof Group>;

export const CreateGroupBody = z.strictObject({
  name: Title,
  focusAudience: Audience.nullable().default(null),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = z.strictObject({ name: Title, focusAudience: Audience.nullable() }).partial();
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

export const LockGroupBody = z.strictObject({ locked: z.boolean() });
export type LockGroupBody = z.infer<typeof LockGroupBody>;

export const Brief = z.object({
  id: EntityId,
  workshopId: EntityId,
  title: z.string(),
  documentId: z.string(),
  createdAt: z.iso.datetime(),
});
export type Brief = z.infer<typeof Brief>;

export const CreateBriefBody = z.strictObject({ title: Title });
export type CreateBriefBody = z.infer<typeof CreateBriefBody>;

export const UpdateBriefBody = z.strictObject({ title: Title });
export type UpdateBriefBody = z.infer<typeof UpdateBriefBody>;

export const SetTimerBody = z.strictObject({
  durationMinutes: z
    .number()
    .positive()
    .max(24 * 60),
  label: typedText(120, { required: false }).default('Breakout'),
});
export type SetTimerBody = z.infer<typeof SetTimerBody>;

/** A workshop with what the caller may open in it. */
export const WorkshopHome = z.object({
  workshop: Workshop,
  groups: z.array(Group),
  briefs: z.array(Brief),
  /** The newest published version of each published brief: what readers may open. */
  published: z.array(
    z.object({
      briefId: EntityId,
      title: z.string(),
      version: z.number().int().positive(),
      publishedAt: z.iso.datetime(),
      path: z.string(),
    }),
  ),
});
export type WorkshopHome = z.infer<typeof WorkshopHome>;
