import { describe, expect, it } from 'vitest';
import { coachingConfigOf, DEFAULT_SETUP, type TWorkspaceSetup, ZWorkspaceSetup } from '../../src/domain/setup';
import { addStageAliases, applySetupChange, keepStageAliases, parseDays, readSetupForm, setupFormOf, type TSetupForm } from '../../src/domain/setup-text';
import { DEFAULT_COACHING_CONFIG } from '../../src/domain/coaching/inputs';
import { defaultActivityStageMap } from '../../src/domain/activity-stage-map';
import { DEFAULT_STAGES } from '../../src/domain/types';

const messagesOf = (setup: unknown) => {
  const result = ZWorkspaceSetup.safeParse(setup);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
// Scenarios that replace the stages feed no stage from activity, so only the stage problems show.
const NONE = { call: null, email: null, meeting: null, demo: null, proposal: null, social: null, other: null };
const stage = (key: string, outcome: 'won' | 'lost' | null = null) => ({ key, name: key[0]!.toUpperCase() + key.slice(1), aliases: [], outcome, staleDays: outcome ? null : 14 });

describe('the setup schema', () => {
  it("defaults to today's behaviour", () => {
    expect(DEFAULT_SETUP.stages.map((s) => s.key)).toEqual(DEFAULT_STAGES.map((s) => s.key));
    expect(DEFAULT_SETUP.activityStages).toEqual(defaultActivityStageMap(DEFAULT_STAGES));
    const config = coachingConfigOf(DEFAULT_SETUP);
    expect(config.staleDays).toEqual(DEFAULT_COACHING_CONFIG.staleDays);
    expect([config.autonomousAttainment, config.focusedAttainment, config.rampingDays, config.topShare, config.bottomShare, config.dormantDays]).toEqual([0.95, 0.7, 60, 0.25, 0.25, 90]);
    expect(DEFAULT_SETUP).toMatchObject({ timezone: 'UTC', workingDays: [1, 2, 3, 4, 5], workStart: '09:00', workEnd: '18:00', holidayCountry: null, quotaKind: 'deals', leaderboard: false });
    expect(messagesOf(DEFAULT_SETUP)).toEqual([]);
  });

  const scenarios: { name: string; change: Partial<TWorkspaceSetup>; want: string[] }[] = [
    { name: 'a valid change', change: { timezone: 'Europe/Berlin', quotaKind: 'revenue', leaderboard: true }, want: [] },
    { name: 'an unknown zone', change: { timezone: 'Mars/Base' }, want: ["timezone: 'Mars/Base' is not a region time zone (like Europe/Berlin or America/New_York; UTC for none)"] },
    { name: 'no won stage', change: { activityStages: NONE, stages: [stage('a'), stage('lost', 'lost'), stage('x', 'lost')] }, want: ['stages: there must be exactly one won stage', 'stages: there must be exactly one lost stage'] },
    { name: 'an open stage after won', change: { activityStages: NONE, stages: [stage('a'), stage('won', 'won'), stage('b'), stage('lost', 'lost')] }, want: ['stages: won and lost come after every open stage'] },
    { name: 'a key twice', change: { activityStages: NONE, stages: [stage('a'), stage('a'), stage('won', 'won'), stage('lost', 'lost')] }, want: ["stages: the key 'a' is used twice"] },
    { name: 'a CRM name on two stages', change: { activityStages: NONE, stages: [{ ...stage('a'), aliases: ['Lead'] }, { ...stage('b'), aliases: ['lead'] }, stage('won', 'won'), stage('lost', 'lost')] }, want: ["stages: 'lead' names two stages"] },
    { name: 'focused above autonomous', change: { tiers: { ...DEFAULT_SETUP.tiers, focusedAttainment: 1.2 } }, want: ['tiers.focusedAttainment: focused must start below where autonomous starts'] },
    { name: 'dormant inside a stalled threshold', change: { dormantDays: 10 }, want: ['dormantDays: dormant must be longer than the longest stalled threshold (14 days)'] },
    { name: 'a type feeding a closed stage', change: { activityStages: { ...DEFAULT_SETUP.activityStages, call: 'won' } }, want: ["activityStages: call feeds 'won', which is not an open stage"] },
    { name: 'a day ending before it starts', change: { workStart: '18:00', workEnd: '09:00' }, want: ['workEnd: the working day has to end after it starts'] },
    { name: 'a quota kind of neither', change: { quotaKind: 'meetings' as never }, want: ['quotaKind: quota kind is deals or revenue'] },
  ];
  for (const { name, change, want } of scenarios) {
    it(name, () => expect(messagesOf({ ...DEFAULT_SETUP, ...change })).toEqual(want));
  }
});

describe('the setup as typed (modal fields and CLI flags)', () => {
  const scenarios: { name: string; form: TSetupForm; want: Partial<TWorkspaceSetup> | { errors: Record<string, string> } }[] = [
    { name: 'percentages and days', form: { autonomousAttainment: '110%', focusedAttainment: '60', rampingDays: '45', dormantDays: '120' }, want: { tiers: { ...DEFAULT_SETUP.tiers, autonomousAttainment: 1.1, focusedAttainment: 0.6, rampingDays: 45 }, dormantDays: 120 } },
    { name: 'working days as a range', form: { workingDays: 'sun-thu', workStart: '8:30' }, want: { workingDays: [1, 2, 3, 4, 7], workStart: '08:30' } },
    { name: 'the switch and the quota kind', form: { leaderboard: 'ON', quotaKind: 'Revenue' }, want: { leaderboard: true, quotaKind: 'revenue' } },
    { name: 'the map by stage name, none for no stage', form: { activityStages: 'meeting=Demo, other=prospecting, social=none' }, want: { activityStages: { ...DEFAULT_SETUP.activityStages, meeting: 'demo', other: 'prospecting', social: null } } },
    { name: 'an unknown type', form: { activityStages: 'tweet=demo' }, want: { errors: { activityStages: "'tweet' is not an activity type: call, email, meeting, demo, proposal, social, other" } } },
    { name: 'a map to a stage that is not there', form: { activityStages: 'call=closing' }, want: { errors: { activityStages: "'closing' is not an open stage (use a stage's key or name, or none)" } } },
    { name: 'a percentage out of range', form: { topShare: '60' }, want: { errors: { topShare: 'a percentage from 0 to 50, like 25' } } },
    { name: 'a switch of neither', form: { leaderboard: 'maybe' }, want: { errors: { leaderboard: 'on or off' } } },
    { name: 'no stages at all', form: { stages: '  ' }, want: { errors: { stages: 'list at least one open stage, like `prospecting: Prospecting | Lead`' } } },
  ];
  for (const { name, form, want } of scenarios) {
    it(name, () => {
      const read = readSetupForm(form);
      const applied = applySetupChange(DEFAULT_SETUP, read.change);
      const errors = { ...(applied.ok ? {} : applied.errors), ...read.errors };
      if ('errors' in want) expect(errors).toEqual(want.errors);
      else {
        expect(errors).toEqual({});
        expect(applied.ok && applied.setup).toMatchObject(want);
      }
    });
  }

  it('reads stage lines: keys kept by name, new keys from names, CRM names, moves; commas on the command line', () => {
    const lines = readSetupForm({ stages: 'Prospecting | Lead | Qualification\nclosing: Closing stage\ndemo -> closing' });
    const applied = applySetupChange(DEFAULT_SETUP, lines.change);
    expect(applied.ok && applied.setup.stages.map((s) => [s.key, s.name, s.aliases, s.staleDays])).toEqual([
      ['prospecting', 'Prospecting', ['Lead', 'Qualification'], 14],
      // The removed Demo's name follows its deals, so exports that still say "Demo" import.
      ['closing', 'Closing stage', ['Demo'], 14],
      ['won', 'Won', [], null],
      ['lost', 'Lost', [], null],
    ]);
    expect(applied.ok && applied.moves).toEqual({ demo: 'closing' });
    const flags = readSetupForm({ stages: 'prospecting:Prospecting|Lead,New Stage|Evaluation' });
    expect(flags.change.openStages).toEqual([
      { key: 'prospecting', name: 'Prospecting', aliases: ['Lead'] },
      { key: null, name: 'New Stage', aliases: ['Evaluation'] },
    ]);
    expect(applySetupChange(DEFAULT_SETUP, flags.change).ok && (applySetupChange(DEFAULT_SETUP, flags.change) as { setup: TWorkspaceSetup }).setup.stages[1]!.key).toBe('new_stage');
  });

  it('shows the current setup in the same formats it reads back unchanged', () => {
    const form = setupFormOf(DEFAULT_SETUP);
    expect(form.stages).toBe('prospecting: Prospecting\ndiscovery: Discovery\ndemo: Demo\nproposal: Proposal\nnegotiation: Negotiation');
    const read = readSetupForm(form);
    expect(read.errors).toEqual({});
    const applied = applySetupChange(DEFAULT_SETUP, read.change);
    expect(applied.ok && ZWorkspaceSetup.parse(applied.setup)).toEqual(ZWorkspaceSetup.parse(DEFAULT_SETUP));
  });

  it('reads days in every spelling', () => {
    expect([parseDays('mon-fri'), parseDays('1,3,5'), parseDays('Tuesday thursday'), parseDays('fri-mon'), parseDays('funday')]).toEqual([
      { days: [1, 2, 3, 4, 5] },
      { days: [1, 3, 5] },
      { days: [2, 4] },
      { days: [1, 5, 6, 7] },
      "'funday' is not a day: use mon … sun (or 1 … 7), like mon-fri",
    ]);
  });
});

describe('addStageAliases: setup set --alias "CRM name=stage,…" (SPEC §6)', () => {
  const form = { stages: 'prospecting: Prospecting\ndiscovery: Discovery | Qualification\ndemo: Demo', won: 'Won', lost: 'Lost' };
  it.each([
    ['Needs Analysis=discovery', { stages: 'prospecting: Prospecting\ndiscovery: Discovery | Qualification | Needs Analysis\ndemo: Demo', won: 'Won', lost: 'Lost' }],
    ['Value Prop=Demo, Closed Won=won, Closed Lost=Lost', { stages: 'prospecting: Prospecting\ndiscovery: Discovery | Qualification\ndemo: Demo | Value Prop', won: 'Won | Closed Won', lost: 'Lost | Closed Lost' }],
  ])('%s', (spec, want) => {
    expect(addStageAliases(form, spec)).toEqual(want);
  });
  it.each([
    ['Foo=bar', "'bar' is not a stage of this workspace"],
    ['no-equals', "'no-equals' is not \"CRM name=stage\" (a CRM name has no | or :)"],
    ['A|B=demo', "'A|B=demo' is not \"CRM name=stage\" (a CRM name has no | or :)"],
  ])('%s is refused', (spec, want) => {
    expect(addStageAliases(form, spec)).toBe(want);
  });
});

describe('keepStageAliases: --stages without CRM names keeps the ones a stage has', () => {
  const current = { stages: [
    { key: 'prospecting', name: 'Prospecting', position: 1, outcome: null, aliases: ['Lead'], staleDays: 14 },
    { key: 'discovery', name: 'Discovery', position: 2, outcome: null, aliases: ['Qualification', 'Needs Analysis'], staleDays: 14 },
    { key: 'won', name: 'Won', position: 3, outcome: 'won' as const, aliases: ['Closed Won'], staleDays: null },
  ] } as unknown as Parameters<typeof keepStageAliases>[1];
  it.each([
    ['prospecting:Prospecting,discovery:Discovery', 'prospecting:Prospecting|Lead,discovery:Discovery|Qualification|Needs Analysis'],
    // Named CRM names set them; an empty one clears them; a move and a new stage are left as written.
    ['discovery:Discovery|Shortlisted,prospecting:Prospecting|', 'discovery:Discovery|Shortlisted,prospecting:Prospecting|'],
    ['demo->discovery,Demo', 'demo->discovery,Demo'],
  ])('%s', (flag, want) => {
    expect(keepStageAliases(flag, current)).toBe(want);
  });
});

describe('removing a stage moves its names to the stage its deals go to', () => {
  it('"demo->proposal": Proposal now also answers to Demo and its CRM names', () => {
    const withAliases: TWorkspaceSetup = { ...DEFAULT_SETUP, stages: DEFAULT_SETUP.stages.map((s) => (s.key === 'demo' ? { ...s, aliases: ['Value Proposition'] } : s)) };
    const read = readSetupForm({ stages: 'prospecting:Prospecting,discovery:Discovery,proposal:Proposal,demo->proposal,negotiation:Negotiation' });
    const applied = applySetupChange(withAliases, read.change);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.setup.stages.find((s) => s.key === 'proposal')?.aliases).toEqual(['Demo', 'Value Proposition']);
    expect(applied.setup.stages.some((s) => s.key === 'demo')).toBe(false);
  });
});
