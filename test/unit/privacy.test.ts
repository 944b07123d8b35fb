import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { activitiesCsv, csvCell, personalExportFiles, type TPersonalExport } from '../../src/domain/personal-export';
import { findLimitViolations, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import {
  confirmsForget,
  forgetLines,
  renderExportComment,
  renderForgetModal,
  renderForgottenModal,
  renderForgottenNotice,
} from '../../src/slack/blocks/privacy';
import type { TForgetCounts, TForgetPersonRef } from '../../src/slack/blocks/view-models/privacy';

describe('csvCell: RFC 4180 quoting, and no formulas for spreadsheets', () => {
  const scenarios = [
    { value: '4 calls', want: '4 calls' },
    { value: '', want: '' },
    { value: 'calls, emails', want: '"calls, emails"' },
    { value: 'said "yes"', want: '"said ""yes"""' },
    { value: 'two\nlines', want: '"two\nlines"' },
    { value: ' padded ', want: '" padded "' },
    { value: '=HYPERLINK("http://x")', want: `"'=HYPERLINK(""http://x"")"` },
    { value: '+1 call', want: "'+1 call" },
    { value: '@channel won', want: "'@channel won" },
    { value: '-3 calls, oops', want: `"'-3 calls, oops"` },
    { value: '-12', want: '-12' },
    { value: '2026-11-20T15:00:00.000Z', want: '2026-11-20T15:00:00.000Z' },
  ];
  it.each(scenarios)('$value', ({ value, want }) => expect(csvCell(value)).toBe(want));
});

const exportOf = (activities: TPersonalExport['activities']): TPersonalExport => ({
  format: 'canopy-personal-export/1',
  exportedAt: '2026-11-24T18:00:00.000Z',
  about: 'about',
  profile: { slackUserId: 'U0REP1', workspaceId: 'T0', name: 'Dana', email: null, role: 'rep', timeZone: 'UTC', quota: null, manager: null, preferences: {}, firstSeenAt: '2026-01-01T00:00:00.000Z' },
  logEntries: [], activities, deals: [], dealQuestions: [], goals: [], activityTargets: [],
  coaching: { tiers: [], expectations: [], focusAreas: [] },
  oneOnOnes: [], agendaItems: [], actionItems: [], teamRequests: [], deliveries: [], callReviews: [], reviewCommentsWritten: [], reviewsWritten: [],
});

describe('the export files', () => {
  const data = exportOf([
    { occurredAt: '2026-11-20T15:00:00.000Z', type: 'call', count: 4, stage: 'prospecting', deal: null, source: 'dm', rawText: '4 calls, demo with Acme' },
    { occurredAt: '2026-11-20T15:00:00.000Z', type: 'demo', count: 1, stage: 'demo', deal: { id: 'slack:acme', name: 'Acme, Inc.' }, source: 'dm', rawText: '4 calls, demo with Acme' },
    { occurredAt: '2026-11-21T09:00:00.000Z', type: 'email', count: 2, stage: null, deal: null, source: 'import', rawText: null },
  ]);

  it('activities CSV: the activities import header plus deal name, source and raw text, one line per activity', () => {
    expect(activitiesCsv(data).split('\r\n')).toEqual([
      'occurred_at,rep,type,count,deal_id,stage,deal_name,source,raw_text',
      '2026-11-20T15:00:00.000Z,U0REP1,call,4,,prospecting,,dm,"4 calls, demo with Acme"',
      '2026-11-20T15:00:00.000Z,U0REP1,demo,1,slack:acme,demo,"Acme, Inc.",dm,"4 calls, demo with Acme"',
      '2026-11-21T09:00:00.000Z,U0REP1,email,2,,,,import,',
      '',
    ]);
  });

  it('two files named for the person and the day; the JSON is the document, verbatim', () => {
    const files = personalExportFiles(data);
    expect(files.map((f) => [f.filename, f.mimeType])).toEqual([
      ['canopy-export-U0REP1-2026-11-24.json', 'application/json'],
      ['canopy-export-U0REP1-2026-11-24-activities.csv', 'text/csv'],
    ]);
    expect(JSON.parse(files[0]!.content)).toEqual(data);
  });
});

const none: TForgetCounts = { logEntries: 0, activities: 0, deals: 0, dealNotes: 0, goals: 0, activityTargets: 0, coachingSnapshots: 0, meetings: 0, agendaItems: 0, actionItems: 0, deliveries: 0, teamRequests: 0, callReviews: 0, reviewComments: 0 };
const ref = (name: string, relation: Partial<TForgetPersonRef> = {}): TForgetPersonRef => ({ slackUserId: `U0${name.toUpperCase().slice(0, 4)}`, name, isTheirManager: false, reportsToThem: false, hasOneOnOne: false, ...relation });

describe('forgetLines: what forgetting deletes, kind by kind', () => {
  const scenarios = [
    { what: 'a new person', counts: none, want: ['your profile and settings'] },
    {
      what: 'a rep with a bit of everything',
      counts: { ...none, logEntries: 12, activities: 40, deals: 1, dealNotes: 2, goals: 1, activityTargets: 1, coachingSnapshots: 9, meetings: 3, agendaItems: 1, actionItems: 2, deliveries: 14, teamRequests: 1 },
      want: [
        'your profile and settings',
        '12 messages you logged, word for word, and the 40 activities recorded',
        '1 deal with their stage history and 2 notes',
        'your goals and activity targets (2)',
        'your coaching results: tiers, expectations and focus areas (9)',
        'your 1:1s: 3 meetings with their notes (private notes about you included), 1 agenda item and 2 action items',
        'the record of 14 messages I sent you (the messages themselves stay in your DM until you delete them)',
        '1 team request',
      ],
    },
    {
      what: 'a rep with call reviews and their threads',
      counts: { ...none, callReviews: 3, reviewComments: 4 },
      want: ['your profile and settings', '3 call reviews of your calls (requests for one included) with 4 comments in review threads'],
    },
    { what: 'a manager who answered in review threads', counts: { ...none, reviewComments: 1 }, want: ['your profile and settings', '1 comment in review threads'] },
  ];
  it.each(scenarios)('$what', ({ counts, want }) => expect(forgetLines(counts)).toEqual(want));

  it('about someone else (the CLI), and for activities that were only imported', () => {
    expect(forgetLines({ ...none, activities: 925, meetings: 2 }, 'they')).toEqual([
      'their profile and settings',
      '925 activities recorded (imported)',
      'their 1:1s: 2 meetings with their notes (private notes included), 0 agenda items and 0 action items',
    ]);
  });
});

describe('renderForgetModal', () => {
  const scenarios = [
    { what: 'a rep with a manager and a 1:1', counterparts: [ref('Morgan', { isTheirManager: true, hasOneOnOne: true })], want: ['Your 1:1s with *Morgan* are cancelled.', '*Morgan* will get a DM'], notWant: ['left without a manager'] },
    { what: 'a manager of two reps', counterparts: [ref('Dana', { reportsToThem: true, hasOneOnOne: true }), ref('Eli', { reportsToThem: true })], want: ['Your 1:1s with *Dana* are cancelled.', '2 reps report to you', '*Dana* and *Eli* will get a DM'], notWant: [] },
    { what: 'someone alone', counterparts: [], want: ['cannot be undone'], notWant: ['will get a DM', 'cancelled'] },
    { what: 'a name that would ping', counterparts: [ref('<!channel> Bob', { isTheirManager: true })], want: ['*&lt;!channel&gt; Bob* will get a DM'], notWant: ['<!channel>'] },
  ];
  it.each(scenarios)('$what', ({ counterparts, want, notWant }) => {
    const view = renderForgetModal({ slackUserId: 'U0REP1', counts: { ...none, logEntries: 2, activities: 3 }, counterparts });
    const text = JSON.stringify(view.blocks);
    for (const w of want) expect(text).toContain(w);
    for (const w of notWant) expect(text).not.toContain(w);
    expect(text).toContain('Type FORGET to confirm');
    expect(JSON.parse(view.private_metadata!)).toEqual({ slackUserId: 'U0REP1' });
    expect(findLimitViolations(view.blocks as KnownBlock[], MAX_VIEW_BLOCKS)).toEqual([]);
  });
});

describe('confirmsForget', () => {
  it.each([
    { typed: 'FORGET', want: true },
    { typed: ' forget ', want: true },
    { typed: 'Forget', want: true },
    { typed: 'forget me', want: false },
    { typed: '', want: false },
    { typed: null, want: false },
    { typed: undefined, want: false },
  ])('$typed', ({ typed, want }) => expect(confirmsForget(typed)).toBe(want));
});

describe('renderForgottenNotice: the DM to whom they leave behind', () => {
  const scenarios = [
    { what: 'their manager, asked in Slack', via: 'slack' as const, recipient: ref('Morgan', { isTheirManager: true, hasOneOnOne: true }), want: '*Dana Rep* asked to be forgotten: their data in Canopy is deleted, and your 1:1s with them are cancelled and they are no longer on your team.' },
    { what: 'a rep of a forgotten manager', via: 'slack' as const, recipient: ref('Eli', { reportsToThem: true }), want: '*Dana Rep* asked to be forgotten: their data in Canopy is deleted, and you have no manager in Canopy until someone adds you to a team.' },
    { what: 'an admin at the CLI', via: 'cli' as const, recipient: ref('Morgan', { isTheirManager: true }), want: "An admin deleted *Dana Rep*'s data from Canopy, and they are no longer on your team." },
  ];
  it.each(scenarios)('$what', ({ via, recipient, want }) => {
    const notice = renderForgottenNotice({ forgottenName: 'Dana Rep', via, recipient });
    expect(notice.text).toBe(want);
    expect(blocksToPlainText(notice.blocks)).toContain('Dana Rep');
  });

  it('never lets a name ping', () => {
    const notice = renderForgottenNotice({ forgottenName: '<!here> @channel', via: 'slack', recipient: ref('Morgan', { isTheirManager: true }) });
    expect(notice.text).not.toMatch(/<!here>|@channel\b/);
  });
});

it('the done modal names who was told; the export comment says what is not included', () => {
  expect(JSON.stringify(renderForgottenModal(['Morgan Manager']).blocks)).toContain('*Morgan Manager* was told.');
  expect(JSON.stringify(renderForgottenModal([]).blocks)).not.toContain('told');
  const comment = renderExportComment([{ filename: 'a.json' }, { filename: 'a-activities.csv' }]);
  expect(comment).toContain('a.json');
  expect(comment).toContain('a-activities.csv');
  expect(comment).toContain('private notes your manager keeps');
});
