import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, can, type Resource } from './permissions';
import { type Principal, ROLES, type Role } from './roles';

const W = 'workshop-1';
const OTHER = 'workshop-2';
const G1 = 'group-1';
const G2 = 'group-2';

const principal = (role: Role, groupId: string | null = null, workshopId: string | null = W): Principal => ({
  role,
  workshopId,
  groupId,
});

/**
 * The whole matrix, written out by hand so a change to `can` that alters any answer fails here.
 * Columns: facilitator, rapporteur, member of G1, reader. Resource: G1's unlocked draft in W.
 */
const EXPECTED: Record<Action, [boolean, boolean, boolean, boolean]> = {
  'workshop.create': [false, false, false, false],
  'workshop.view': [true, true, true, true],
  'workshop.edit': [true, false, false, false],
  'groups.manage': [true, false, false, false],
  'invites.manage': [true, false, false, false],
  'dashboard.view': [true, true, false, false],
  'timer.manage': [true, false, false, false],
  'draft.read': [true, true, true, false],
  'draft.write': [true, false, true, false],
  'draft.react': [true, true, true, false],
  'draft.comment': [true, true, true, false],
  'draft.lock': [true, false, false, false],
  'brief.read': [true, true, false, false],
  'brief.write': [true, true, false, false],
  'brief.publish': [true, true, false, false],
  'brief.comment': [true, true, false, false],
  'published.read': [true, true, true, true],
  'version.read': [true, true, true, false],
  'version.create': [true, false, true, false],
  'version.restore': [true, false, true, false],
  'version.delete': [true, false, false, false],
};

const columns: Principal[] = [
  principal('facilitator'),
  principal('rapporteur'),
  principal('member', G1),
  principal('reader'),
];

describe('can: the permission matrix', () => {
  const ownDraft: Resource = { workshopId: W, groupId: G1, locked: false };

  it('has an expectation for every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    columns.forEach((who, index) => {
      const expected = EXPECTED[action][index];
      it(`${who.role} ${expected ? 'may' : 'may not'} ${action} in their workshop`, () => {
        expect(can(who, action, ownDraft)).toBe(expected);
      });
    });
  }

  it('lets a member write only their own group’s draft', () => {
    expect(can(principal('member', G1), 'draft.write', { workshopId: W, groupId: G2 })).toBe(false);
    expect(can(principal('member', G1), 'draft.read', { workshopId: W, groupId: G2 })).toBe(true);
    expect(can(principal('member', G1), 'draft.react', { workshopId: W, groupId: G2 })).toBe(true);
    expect(can(principal('member', G1), 'draft.comment', { workshopId: W, groupId: G2 })).toBe(true);
    expect(can(principal('member', null), 'draft.write', { workshopId: W, groupId: G1 })).toBe(false);
  });

  it('makes a locked draft read-only for everyone, facilitators included', () => {
    const locked: Resource = { workshopId: W, groupId: G1, locked: true };
    for (const role of ROLES) {
      expect(can(principal(role, role === 'member' ? G1 : null), 'draft.write', locked)).toBe(false);
    }
    expect(can(principal('member', G1), 'draft.read', locked)).toBe(true);
    expect(can(principal('member', G1), 'draft.react', locked)).toBe(false);
    expect(can(principal('member', G1), 'draft.comment', locked)).toBe(false);
    expect(can(principal('facilitator'), 'draft.comment', locked)).toBe(false);
    expect(can(principal('facilitator'), 'draft.lock', locked)).toBe(true);
  });

  it('never reaches into another workshop, for any role or action but published briefs', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        const allowed = can(principal(role, role === 'member' ? G1 : null), action, { workshopId: OTHER, groupId: G1 });
        expect(allowed, `${role} ${action}`).toBe(action === 'published.read');
      }
    }
  });

  it('gives the operator link every workshop and the right to create workshops', () => {
    const operator = principal('facilitator', null, null);
    expect(can(operator, 'workshop.create', { workshopId: null })).toBe(true);
    expect(can(operator, 'workshop.edit', { workshopId: OTHER })).toBe(true);
    expect(can(principal('facilitator'), 'workshop.create', { workshopId: null })).toBe(false);
  });

  it('refuses everything but published briefs when nobody is signed in', () => {
    for (const action of ACTIONS) {
      expect(can(null, action, { workshopId: W, groupId: G1 })).toBe(action === 'published.read');
    }
  });

  it('refuses a resource outside any workshop even to the operator', () => {
    expect(can(principal('facilitator', null, null), 'draft.read', { workshopId: null })).toBe(false);
  });

  describe('versions', () => {
    const facilitator = principal('facilitator');
    const rapporteur = principal('rapporteur');
    const member = principal('member', G1);
    const reader = principal('reader');
    const brief: Resource = { workshopId: W, document: 'brief' };
    const locked: Resource = { workshopId: W, groupId: G1, locked: true };

    it('lets a member see but not name or restore versions of another group’s draft', () => {
      const other: Resource = { workshopId: W, groupId: G2 };
      expect(can(member, 'version.read', other)).toBe(true);
      expect(can(member, 'version.create', other)).toBe(false);
      expect(can(member, 'version.restore', other)).toBe(false);
    });

    it('lets rapporteurs name and restore versions of briefs, and keeps members and readers out', () => {
      expect(
        [facilitator, rapporteur, member, reader].map((who) => [
          can(who, 'version.read', brief),
          can(who, 'version.create', brief),
          can(who, 'version.restore', brief),
          can(who, 'version.delete', brief),
        ]),
      ).toEqual([
        [true, true, true, true],
        [true, true, true, false],
        [false, false, false, false],
        [false, false, false, false],
      ]);
    });

    it('lets only the facilitator name a version of a locked draft, and nobody restore one', () => {
      expect(can(facilitator, 'version.create', locked)).toBe(true);
      expect(can(member, 'version.create', locked)).toBe(false);
      expect(can(facilitator, 'version.restore', locked)).toBe(false);
      expect(can(member, 'version.restore', locked)).toBe(false);
      expect(can(member, 'version.read', locked)).toBe(true);
    });
  });
});
