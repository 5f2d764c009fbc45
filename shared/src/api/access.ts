import { z } from 'zod';
import { typedText } from './typedText';
import { EntityId, RoleSchema } from './workshops';

export const Invite = z.object({
  id: EntityId,
  workshopId: EntityId.nullable(),
  role: RoleSchema,
  groupId: EntityId.nullable(),
  /** The full join link (only ever shown to facilitators). */
  url: z.string(),
  revoked: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Invite = z.infer<typeof Invite>;

export const CreateInviteBody = z
  .strictObject({ role: RoleSchema, groupId: EntityId.nullable().default(null) })
  .refine((body) => (body.role === 'member') === (body.groupId !== null), {
    message: 'a member link needs a groupId, and only a member link may have one',
    path: ['groupId'],
  });
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

/** What a join page shows before the person types a name. */
export const InvitePreview = z.object({
  role: RoleSchema,
  workshopTitle: z.string().nullable(),
  groupName: z.string().nullable(),
});
export type InvitePreview = z.infer<typeof InvitePreview>;

export const DisplayName = typedText(60);

export const JoinBody = z.strictObject({
  secret: z.string().min(1).max(200),
  displayName: DisplayName,
});
export type JoinBody = z.infer<typeof JoinBody>;

export const Participant = z.object({
  id: EntityId,
  displayName: z.string(),
  role: RoleSchema,
  workshopId: EntityId.nullable(),
  groupId: EntityId.nullable(),
  color: z.string(),
});
export type Participant = z.infer<typeof Participant>;

export const Session = z.object({
  participant: Participant,
  /** Where the participant should land: their group's draft, the workshop home, or the workshop list. */
  landing: z.string(),
});
export type Session = z.infer<typeof Session>;

/** The join answer also carries the token, for API clients and the WebSocket `token` parameter. */
export const JoinResponse = Session.extend({ token: z.string() });
export type JoinResponse = z.infer<typeof JoinResponse>;

export const UpdateSessionBody = z.strictObject({ displayName: DisplayName });
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;
