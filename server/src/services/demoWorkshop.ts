import type { JSONContent } from '@plenary/shared/schema';
import type { WorkshopStore } from '../storage/ports';
import type { AccessService } from './AccessService';
import type { WorkshopService } from './WorkshopService';

const DEMO_SEEDED = 'demo_workshop_id';

const recommendation = (id: string, text: string, attrs: Record<string, unknown>): JSONContent => ({
  type: 'recommendation',
  attrs: { id, status: 'draft', ...attrs },
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const DEMO_FACILITATOR_INVITE = 'demo_facilitator_invite_id';

/** Opening paragraphs of the four breakout groups at the Islamabad conference on trafficking in persons. */
const DEMO_GROUPS = [
  {
    name: 'Group 1 — Parliamentarians',
    focusAudience: 'Parliamentarians',
    opening: {
      paragraphs: {
        Context: [
          'Pakistan passed the Prevention of Trafficking in Persons Act and the Prevention of Smuggling of Migrants Act in 2018. Provincial assemblies now need rules, budgets and oversight to make them work.',
        ],
        'Key issues': [
          'Implementation rules are missing or outdated in several provinces, and parliamentary committees rarely ask for progress reports.',
        ],
      },
      recommendations: [
        recommendation(
          'demo-parl-1',
          'Provincial assemblies should adopt implementation rules for the Prevention of Trafficking in Persons Act within six months, and review them yearly.',
          {
            audiences: ['Parliamentarians'],
            priority: 'high',
            responsibleBody: 'Provincial assemblies',
            timeframe: 'within_6_months',
            legalReference: 'Prevention of Trafficking in Persons Act, 2018',
          },
        ),
      ],
    },
  },
  {
    name: 'Group 2 — Policy makers',
    focusAudience: 'Policy makers',
    opening: {
      paragraphs: {
        Context: [
          'Federal and provincial departments each hold a part of the response: labour, social welfare, interior and foreign affairs. Victims fall between them.',
        ],
        'Key issues': ['There is no national referral mechanism that all departments use, and data are not shared.'],
      },
    },
  },
  {
    name: 'Group 3 — Law enforcement agencies',
    focusAudience: 'Law enforcement agencies (police, FIA)',
    opening: {
      paragraphs: {
        Context: [
          'Police and FIA officers are often the first to meet a victim, yet direct referrals to services or rehabilitation remain rare.',
        ],
        'Key issues': [
          'Weak coordination between provincial police and the FIA when a case crosses borders; victims are too often treated as offenders.',
        ],
      },
      recommendations: [
        recommendation(
          'demo-lea-1',
          'Set up a joint FIA–provincial police anti-trafficking desk in every province, with a shared case register.',
          {
            audiences: ['Law enforcement agencies (police, FIA)'],
            priority: 'high',
            responsibleBody: 'FIA',
            timeframe: 'within_1_2_years',
          },
        ),
        recommendation(
          'demo-lea-2',
          'Refer every identified victim to shelter and legal aid within 48 hours, and never charge victims for offences they were forced to commit.',
          {
            audiences: ['Law enforcement agencies (police, FIA)', 'Judiciary'],
            priority: 'high',
            responsibleBody: 'Provincial police',
            timeframe: 'immediate',
            legalReference: 'Prevention of Trafficking in Persons Act, 2018',
          },
        ),
      ],
    },
  },
  {
    name: 'Group 4 — Judiciary',
    focusAudience: 'Judiciary',
    opening: {
      paragraphs: {
        Context: [
          'Few judges and prosecutors have been trained on trafficking cases; conviction rates stay low and victims are rarely protected as witnesses.',
        ],
        'Key issues': ['Judicial training on trafficking in persons is not yet part of the regular curriculum.'],
      },
    },
  },
];

/**
 * Seeds the demo workshop once per data folder ("Combating Trafficking in Persons", Islamabad,
 * four audiences, four groups, a plenary brief) and returns its facilitator link path, for as long
 * as that link is not revoked.
 */
export async function seedDemoWorkshop(
  store: WorkshopStore,
  workshops: WorkshopService,
  access: AccessService,
): Promise<{ seeded: boolean; facilitatorPath: string | null }> {
  let seeded = false;
  if (!(await store.getMeta(DEMO_SEEDED))) {
    const workshop = await workshops.insertWorkshop({
      title: 'Combating Trafficking in Persons',
      venue: 'Islamabad',
      startsOn: '2025-02-27',
      endsOn: '2025-02-28',
    });
    for (const group of DEMO_GROUPS) {
      await workshops.insertGroup(workshop, { name: group.name, focusAudience: group.focusAudience }, group.opening);
    }
    await workshops.insertBrief(workshop, { title: 'Plenary brief: recommendations to end trafficking in persons' });
    const inviteId = await access.createWorkshopInvite(workshop.id, 'facilitator', null);
    await store.setMeta(DEMO_FACILITATOR_INVITE, inviteId);
    await store.setMeta(DEMO_SEEDED, workshop.id);
    seeded = true;
  }
  const inviteId = await store.getMeta(DEMO_FACILITATOR_INVITE);
  const invite = inviteId ? await store.getInvite(inviteId) : null;
  return { seeded, facilitatorPath: invite && !invite.revokedAt ? access.invitePath(invite.id) : null };
}
