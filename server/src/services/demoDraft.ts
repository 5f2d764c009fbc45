import type { JSONContent } from '@plenary/shared/schema';

/** The id of the demo draft seeded into a fresh data folder. */
export const DEMO_DOCUMENT_ID = 'demo';

const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const heading = (level: number, text: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});

/** Opening text of a law-enforcement breakout group at the Islamabad conference on trafficking in persons. */
export const DEMO_DRAFT: JSONContent = {
  type: 'doc',
  content: [
    heading(1, 'Working group: Law enforcement agencies (police, FIA)'),
    heading(2, 'Context'),
    paragraph(
      'Pakistan is a source, transit and destination country for trafficking in persons, and has appeared on the Tier 2 Watch List several times since 2015. Police and FIA officers are often the first to meet a victim, yet referrals to services and rehabilitation remain rare.',
    ),
    heading(2, 'Key issues'),
    {
      type: 'bulletList',
      content: [
        'Weak coordination between provincial police and the FIA when a case crosses provincial or national borders.',
        'Victims are too often treated as offenders, especially women and children.',
        'Few investigators are trained to apply the Prevention of Trafficking in Persons Act, 2018.',
      ].map((text) => ({ type: 'listItem', content: [paragraph(text)] })),
    },
    heading(2, 'Recommendations'),
    paragraph('Start typing the group’s recommendations here.'),
  ],
};
