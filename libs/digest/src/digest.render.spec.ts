import { DigestContent } from './digest-content';
import { isoWeekOf } from './digest-week';
import { renderDigest } from './digest.render';

const REGIONS = ['africa', 'americas', 'asia-pacific', 'europe', 'mena'] as const;

function makeContent(overrides: Partial<DigestContent> = {}): DigestContent {
  return {
    week: isoWeekOf('2025-04-02'),
    nextWeek: isoWeekOf('2025-04-09'),
    timeZone: 'Europe/Amsterdam',
    statusDate: '2025-04-06',
    inProgress: false,
    instruments: [
      { code: 'rome-statute', partiesBefore: 125, partiesAfter: 126 },
      { code: 'apic', partiesBefore: 78, partiesAfter: 78 },
    ],
    statusChanges: [],
    pendingWithdrawals: [],
    treatyEvents: [],
    implementationChanges: [],
    actions: {
      total: 0,
      states: 0,
      byRegion: REGIONS.map((region) => ({ region, count: 0 })),
      byType: [],
      topStates: [],
    },
    organisationKinds: [],
    followUps: REGIONS.map((region) => ({ region, open: 0, dueNextWeek: 0, overdue: 0 })),
    insight: {
      pledgesDue: { quarter: '2025 Q2', count: 0, states: [] },
      pledgesKept: { count: 0, states: [] },
      stalled: { count: 0, byRegion: [] },
    },
    chart: [
      { date: '2002-12-31', parties: 81 },
      { date: '2003-12-31', parties: 92 },
      { date: '2025-04-06', parties: 126 },
    ],
    ...overrides,
  };
}

describe('the digest email', () => {
  it('says a quiet week in one line instead of empty tables, in both parts', () => {
    const { html, text, subject } = renderDigest(makeContent(), 'https://tracker.example.org');
    expect(subject).toBe('Rome Statute campaign: week 2025-W14 (31 Mar – 6 Apr 2025)');
    const line =
      'A quiet week: no treaty events, status changes, implementation changes or advocacy actions were recorded for 31 Mar – 6 Apr 2025.';
    expect(html).toContain(line);
    expect(text).toContain(line);
    for (const heading of ['Treaty events', 'Implementing legislation', 'Advocacy actions']) {
      expect(html).not.toContain(`>${heading}</h2>`);
    }
    expect(text).not.toContain('TREATY EVENTS');
    expect(text).not.toContain('ADVOCACY ACTIONS');
    expect(text).not.toContain('Organisations took part');
    // The standing figures are still there, each empty one as a sentence.
    expect(text).toContain('- Rome Statute: 126 (+1)');
    expect(html).toContain('No withdrawal is pending.');
    expect(html).toContain('No follow-up was open at the end of the week.');
  });

  it('lays out a busy week as tables and the same facts as text', () => {
    const content = makeContent({
      statusChanges: [
        {
          stateCode: 'IND',
          stateName: 'India',
          instrument: 'rome-statute',
          from: 'deposited',
          to: 'party',
          inForceOn: '2025-04-01',
          withdrawalEffectiveOn: null,
        },
      ],
      pendingWithdrawals: [
        {
          stateCode: 'KEN',
          stateName: 'Kenya',
          instrument: 'rome-statute',
          notifiedOn: '2025-04-03',
          effectiveOn: '2026-04-03',
        },
      ],
      treatyEvents: [
        {
          date: '2025-04-02',
          stateCode: 'CIV',
          stateName: `Côte d'Ivoire <script>alert(1)</script>`,
          instrument: 'apic',
          type: 'accession',
          source: null,
          recordedLate: false,
        },
      ],
      actions: {
        total: 6,
        states: 3,
        byRegion: REGIONS.map((region) => ({ region, count: region === 'africa' ? 6 : 0 })),
        byType: [{ type: 'letter-minister', count: 6 }],
        topStates: [{ stateCode: 'KEN', stateName: 'Kenya', count: 6 }],
      },
      organisationKinds: [
        { kind: 'national-coalition', actions: 4 },
        { kind: 'member-ngo', actions: 1 },
      ],
      followUps: REGIONS.map((region) => ({
        region,
        open: region === 'africa' ? 2 : 0,
        dueNextWeek: region === 'africa' ? 1 : 0,
        overdue: region === 'africa' ? 1 : 0,
      })),
    });
    const { html, text } = renderDigest(content, 'https://tracker.example.org');

    expect(html).not.toContain('A quiet week');
    expect(html).not.toMatch(/<script|<link|<style|<img/i);
    expect(html).toContain('Côte d&#39;Ivoire &lt;script&gt;');
    expect(text).toContain(
      `- 2 Apr 2025: Côte d'Ivoire <script>alert(1)</script>, Accession, Privileges and Immunities (APIC)`,
    );
    expect(html).toContain('India (Rome Statute): became a party on 1 Apr 2025');
    expect(text).toContain('  * India (Rome Statute): became a party on 1 Apr 2025');
    expect(text).toContain('- Kenya, Rome Statute: notified 3 Apr 2025, takes effect 3 Apr 2026');
    expect(text).toContain('6 actions logged for 3 states.');
    expect(text).toContain('By type: Letter to a minister 6');
    const organisations = 'Organisations took part: national coalitions in 4 actions, member NGOs in 1.';
    expect(text).toContain(organisations);
    expect(html).toContain(organisations);
    expect(text).toContain('- Africa: 2 open, 1 due 7–13 Apr 2025, 1 overdue');
    expect(text).toContain('- All regions: 2 open, 1 due 7–13 Apr 2025, 1 overdue');
    expect(html).toContain('Due 7–13 Apr 2025');
    expect(text).toContain('2002: 81, 2003: 92, 6 Apr 2025: 126');
    // Every style is inline: the chart's bars are sized cells, the tallest the latest.
    expect(html).toContain('height="80"');
    expect(html).toContain('style="height:80px;background:#1e3a8a');
  });

  it('marks a week still in progress', () => {
    const { text } = renderDigest(makeContent({ inProgress: true, statusDate: '2025-04-03' }), 'https://t.example');
    expect(text).toContain('This week is still in progress: figures so far, up to 3 Apr 2025.');
  });

  it('shows pledges due and kept and the stalled states as counts and state names, in both parts', () => {
    const { html, text } = renderDigest(
      makeContent({
        insight: {
          pledgesDue: { quarter: '2025 Q2', count: 2, states: ['Bhutan', 'Nepal'] },
          pledgesKept: { count: 1, states: ['Armenia'] },
          stalled: { count: 2, byRegion: [{ region: 'asia-pacific', states: ['India', 'Pakistan'] }] },
        },
      }),
      'https://tracker.example.org',
    );
    for (const part of [html, text]) {
      expect(part).toContain('Pledges due this quarter (2025 Q2): 2: Bhutan, Nepal.');
      expect(part).toContain('Pledges kept this week: 1: Armenia.');
      expect(part).toContain('States stalled for the Rome Statute (no move, no action lately): 2.');
      expect(part).toContain('Asia-Pacific: India, Pakistan');
    }
  });

  it('writes the digest in Arabic, right to left, with Arabic state and instrument names and plurals', () => {
    const content = makeContent({
      actions: {
        total: 3,
        states: 1,
        byRegion: REGIONS.map((region) => ({ region, count: region === 'mena' ? 3 : 0 })),
        byType: [{ type: 'meeting', count: 3 }],
        topStates: [{ stateCode: 'JOR', stateName: 'Jordan', count: 3 }],
      },
    });
    const { html, text, subject } = renderDigest(content, 'https://tracker.example.org', 'ar');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(subject).toContain('حملة نظام روما الأساسي');
    expect(html).toContain('الأردن');
    // Codes and signed figures stay left to right inside the Arabic.
    expect(text).toContain('- نظام روما الأساسي: 126 (\u2066+1\u2069)');
    expect(subject).toContain('الأسبوع \u20662025-W14\u2069');
    expect(text).toContain('3 أنشطة مسجّلة تخص دولة واحدة.');
    expect(html).toContain('align="right"');
    expect(text).not.toMatch(/Treaty|actions|Jordan/);
  });

  it('writes the digest in French with French dates and plurals', () => {
    const { text, subject } = renderDigest(makeContent(), 'https://tracker.example.org', 'fr');
    expect(subject).toMatch(/^Campagne pour le Statut de Rome : semaine 2025-W14 \(31 mars\s–\s6 avr\. 2025\)$/);
    expect(text).toContain('126 États parties au Statut de Rome');
    expect(text).toContain('SITUATION DES TRAITÉS');
  });
});
