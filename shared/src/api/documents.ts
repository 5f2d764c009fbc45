import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { EntityId } from './workshops';

/** Someone with the draft open: one entry per person, however many tabs they have open. */
export const PresentPerson = z.object({ name: z.string(), color: z.string() });
export type PresentPerson = z.infer<typeof PresentPerson>;

/** Someone looking in on a group's draft who is not one of its members. */
export const VisitingPerson = PresentPerson.extend({
  /** null: a connection with no participant behind it (a tool's). */
  role: z.enum(ROLES).nullable(),
  /** For a member of another group: that group. */
  groupId: EntityId.nullable(),
});
export type VisitingPerson = z.infer<typeof VisitingPerson>;

/** What the editor needs to know about a document before it connects. */
export const DocumentInfo = z.object({
  documentId: z.string(),
  kind: z.enum(['draft', 'brief']),
  workshopId: EntityId,
  groupId: EntityId.nullable(),
  title: z.string(),
  canWrite: z.boolean(),
  locked: z.boolean(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

/** One group on the facilitator's dashboard. */
export const DashboardGroup = z.object({
  groupId: EntityId,
  name: z.string(),
  locked: z.boolean(),
  /** The group's own members with its draft open. */
  online: z.array(PresentPerson),
  /** Everyone else with it open: facilitators, rapporteurs, other groups' members. */
  visiting: z.array(VisitingPerson),
  /** Recommendations once they exist (issue 4); until then, words in the draft. */
  recommendationCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
  lastActivityAt: z.iso.datetime().nullable(),
});
export type DashboardGroup = z.infer<typeof DashboardGroup>;

export const Dashboard = z.object({
  workshopId: EntityId,
  groups: z.array(DashboardGroup),
  /** Per brief: imported recommendations whose group changed them since ("3 changed at source"). */
  briefs: z.array(z.object({ briefId: EntityId, title: z.string(), changedAtSource: z.number().int().nonnegative() })),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The error body of every failed request. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;
