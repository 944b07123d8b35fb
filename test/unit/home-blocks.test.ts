import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { getSettings } from '../../src/services/settings/get-settings';
import { HOME_ONE_ON_ONE_MENU_ACTION, renderHome, renderHomePlainText, ZOneOnOneMenuValue } from '../../src/slack/blocks/home';
import { findLimitViolations, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import { renderCancelOneOnOneModal, renderScheduleModal } from '../../src/slack/blocks/schedule-modal';
import { leadLabel, renderSettingsModal } from '../../src/slack/blocks/settings-modal';
import type { THomeView } from '../../src/slack/blocks/view-models/home';
import type { TOneOnOneSummary } from '../../src/slack/blocks/view-models/one-on-ones';
import type { TSettingsView } from '../../src/slack/blocks/view-models/settings';
import { addPerson, memoryDb } from '../support/db';

const EVIL = '<!channel> <!here> <!everyone> <@U1> <https://evil.example|click> & @channel';

function summary(id: number, role: 'manager' | 'rep', other: { slackUserId: string; name: string }): TOneOnOneSummary {
  return {
    id,
    role,
    other,
    scheduleText: 'every Tuesday at 10:00 (America/New_York)',
    managerTz: 'America/New_York',
    nextStart: new Date('2026-12-01T15:00:00Z'),
    nextText: 'Tue 1 Dec, 07:00',
  };
}
const manager = { slackUserId: 'U0MGR1', name: 'Morgan Manager' };
const agendaItem = (i: number, text = `topic ${i}`) => ({ id: i, text, authorName: i % 2 ? 'Morgan Manager' : 'Dana Rep', mine: i % 2 === 0 });
const actionItem = (i: number, text = `follow up ${i}`) => ({
  id: i, text, owner: 'rep' as const, ownerName: 'Dana Rep', ownerSlackUserId: 'U0REP1', dueDate: i % 2 ? '2026-12-04' : null, done: false, withName: 'Morgan Manager',
});
const teamOf = (count: number, name = 'Rep') => ({
  oneOnOnes: Array.from({ length: count }, (_, i) => ({ summary: summary(100 + i, 'manager', { slackUserId: `UREP${String(i).padStart(4, '0')}`, name: `${name} ${i}` }), agendaCount: i % 3 })),
});
const rep = (overrides: Partial<THomeView> = {}): THomeView => ({ name: 'Dana Rep', isManager: false, actionItems: [], ...overrides });
const boss = (count: number, overrides: Partial<THomeView> = {}): THomeView => ({ name: 'Morgan Manager', isManager: true, actionItems: [], team: teamOf(count), ...overrides });

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
type TAny = Record<string, unknown>;
const elements = (blocks: readonly unknown[]): TAny[] =>
  (blocks as TAny[]).flatMap((b) => [...((b.elements as TAny[] | undefined) ?? []), ...(b.accessory ? [b.accessory as TAny] : [])]);
const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
/** A view's blocks: ours are always known blocks. */
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as KnownBlock[];
const actionIds = (blocks: readonly KnownBlock[]) => elements(blocks).map((e) => e.action_id).filter(Boolean);

describe('renderHome', () => {
  const scenarios: { what: string; view: THomeView; want: (string | RegExp)[]; not?: (string | RegExp)[]; actions: string[] }[] = [
    {
      what: 'rep without a 1:1',
      view: rep(),
      want: ['Your Canopy', 'Hi Dana Rep', '`/stats`', 'No 1:1 scheduled yet', 'Open action items*\n_None right now._'],
      not: ['Upcoming 1:1s', '/stats @rep', 'Agenda*'],
      actions: ['log_activity_open', 'home_settings_open'],
    },
    {
      what: 'rep with a 1:1, an empty agenda',
      view: rep({ nextOneOnOne: { summary: summary(7, 'rep', manager), agenda: [] } }),
      want: ['*Your next 1:1*\nWith <@U0MGR1> on *Tue 1 Dec, 07:00* (your time) · every Tuesday at 10:00 (America/New_York)', '_Nothing yet'],
      not: ['No 1:1 scheduled yet'],
      actions: ['log_activity_open', 'home_settings_open', 'agenda_add_open'],
    },
    {
      what: 'rep with agenda and action items',
      view: rep({ nextOneOnOne: { summary: summary(7, 'rep', manager), agenda: [agendaItem(1), agendaItem(2)] }, actionItems: [actionItem(1), actionItem(2)] }),
      want: ['• topic 1 _(Morgan Manager)_', '• topic 2 _(you)_', 'Open action items* (2)', 'follow up 1', 'due 2026-12-04'],
      actions: ['log_activity_open', 'home_settings_open', 'action_item_done', 'action_item_done', 'agenda_add_open'],
    },
    {
      what: 'manager with no 1:1s',
      view: boss(0),
      want: ['*Upcoming 1:1s*', 'No 1:1s scheduled yet', '`/stats @rep`'],
      not: ['No 1:1 scheduled yet — your manager', 'Your next 1:1'],
      actions: ['home_settings_open', 'home_schedule_open'],
    },
    {
      what: 'manager with 3 1:1s',
      view: boss(3),
      want: ['<@UREP0000> · next *Tue 1 Dec, 07:00* · every Tuesday at 10:00 (America/New_York) · no agenda items', '1 agenda item', '2 agenda items'],
      not: ['more —'],
      actions: ['home_settings_open', 'home_schedule_open', HOME_ONE_ON_ONE_MENU_ACTION, HOME_ONE_ON_ONE_MENU_ACTION, HOME_ONE_ON_ONE_MENU_ACTION],
    },
    {
      what: 'manager with 60 1:1s',
      view: boss(60),
      want: ['<@UREP0039>', '…and 20 more — `/coach 1on1` lists them all.'],
      not: ['<@UREP0040>'],
      actions: ['home_settings_open', 'home_schedule_open', ...Array<string>(40).fill(HOME_ONE_ON_ONE_MENU_ACTION)],
    },
    {
      what: 'manager who is also a rep, with everything overflowing',
      view: boss(60, {
        nextOneOnOne: { summary: summary(7, 'rep', manager), agenda: Array.from({ length: 50 }, (_, i) => agendaItem(i, 'x'.repeat(2000))) },
        actionItems: Array.from({ length: 30 }, (_, i) => actionItem(i)),
      }),
      want: [/_…and 4\d more_/, 'Open action items* (30)', '…and 20 more. Tick off the ones above', '…and 20 more — `/coach 1on1`'],
      actions: ['home_settings_open', 'home_schedule_open', ...Array<string>(40).fill(HOME_ONE_ON_ONE_MENU_ACTION), 'agenda_add_open', ...Array<string>(10).fill('action_item_done')],
    },
  ];

  it.each(scenarios)('$what', ({ view, want, not, actions }) => {
    const home = renderHome(view);
    expect(home.type).toBe('home');
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    const json = strings(home.blocks).join('\n');
    for (const w of want) expect(json).toMatch(typeof w === 'string' ? literal(w) : w);
    for (const n of not ?? []) expect(json).not.toMatch(typeof n === 'string' ? literal(n) : n);
    expect(actionIds(blocksOf(home))).toEqual(actions);
    // Block ids, where set, are unique; overflow options fit Slack's 75-char text and 150-char value.
    const ids = blocksOf(home).map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    for (const el of elements(home.blocks).filter((e) => e.type === 'overflow')) {
      for (const option of el.options as { text: { text: string }; value: string }[]) {
        expect(option.text.text.length).toBeLessThanOrEqual(75);
        expect(option.value.length).toBeLessThanOrEqual(150);
        expect(ZOneOnOneMenuValue.parse(JSON.parse(option.value)).oneOnOneId).toBeGreaterThanOrEqual(100);
      }
    }
    expect(renderHomePlainText(view)).toContain('Your Canopy');
  });

  it('the menu of each 1:1 carries its id and the two operations', () => {
    const home = renderHome(boss(1));
    const menu = elements(home.blocks).find((e) => e.action_id === HOME_ONE_ON_ONE_MENU_ACTION)!;
    expect((menu.options as { text: { text: string }; value: string }[]).map((o) => [o.text.text, JSON.parse(o.value)])).toEqual([
      ['Change time', { op: 'change', oneOnOneId: 100 }],
      ['Cancel 1:1', { op: 'cancel', oneOnOneId: 100 }],
    ]);
  });

  const hostile: { what: string; view: THomeView }[] = [
    {
      what: 'names, agenda and action items',
      view: boss(5, {
        name: EVIL,
        nextOneOnOne: { summary: summary(7, 'rep', { slackUserId: EVIL, name: EVIL }), agenda: [{ id: 1, text: EVIL, authorName: EVIL, mine: false }] },
        actionItems: [{ ...actionItem(1, EVIL), ownerName: EVIL, withName: EVIL }],
      }),
    },
    { what: 'reps without a valid Slack id', view: { ...boss(0), team: { oneOnOnes: teamOf(5, EVIL).oneOnOnes.map((o) => ({ ...o, summary: { ...o.summary, other: { slackUserId: EVIL, name: EVIL } } })) } } },
  ];

  it.each(hostile)('hostile $what never become mentions or links', ({ view }) => {
    const home = renderHome(view);
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    for (const value of strings(home)) {
      for (const token of ['<!channel>', '<!here>', '<!everyone>', '<@U1>', '<https://evil']) expect(value).not.toContain(token);
      expect(value).not.toMatch(/<(?!@(UREP\d{4}|U0MGR1)>)/);
      expect(value).not.toMatch(/(^|[^\u200B])@channel/i);
    }
    expect(JSON.stringify(home)).toContain('&lt;!channel&gt;');
  });
});

describe('renderScheduleModal', () => {
  const inputs = (view: ReturnType<typeof renderScheduleModal>) =>
    Object.fromEntries(blocksOf(view).filter((b) => b.type === 'input').map((b) => [b.block_id, (b as unknown as { element: TAny }).element]));

  it.each([
    { what: 'new', view: { tz: 'America/New_York' }, title: 'Schedule a 1:1', want: { rep: undefined, cadence: 'weekly', weekday: undefined, time: undefined } },
    {
      what: 'change',
      view: { tz: 'Europe/London', initial: { repSlackUserId: 'U0REP1', cadence: 'biweekly' as const, weekday: 4, localTime: '14:30' } },
      title: 'Change 1:1',
      want: { rep: 'U0REP1', cadence: 'biweekly', weekday: '4', time: '14:30' },
    },
  ])('$what', ({ view, title, want }) => {
    const modal = renderScheduleModal(view);
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'home_schedule', title: { text: title } });
    expect(findLimitViolations(blocksOf(modal), MAX_VIEW_BLOCKS)).toEqual([]);
    const els = inputs(modal);
    expect(els.schedule_rep).toMatchObject({ type: 'users_select', action_id: 'rep' });
    expect(els.schedule_rep!.initial_user).toBe(want.rep);
    expect((els.schedule_cadence!.initial_option as { value: string } | undefined)?.value).toBe(want.cadence);
    expect((els.schedule_weekday!.initial_option as { value: string } | undefined)?.value).toBe(want.weekday);
    expect((els.schedule_weekday!.options as unknown[]).length).toBe(7);
    expect(els.schedule_time).toMatchObject({ type: 'timepicker', action_id: 'time' });
    expect(els.schedule_time!.initial_time).toBe(want.time);
    expect(JSON.stringify(modal.blocks)).toContain(`Times are in your Slack time zone, *${view.tz}*`);
  });

  it('the cancel confirmation carries the 1:1 and escapes the name', () => {
    const modal = renderCancelOneOnOneModal({ oneOnOneId: 9, repName: EVIL, scheduleText: 'every Tuesday at 10:00 (UTC)' });
    expect(modal).toMatchObject({ callback_id: 'home_cancel_one_on_one', submit: { text: 'Cancel 1:1' }, close: { text: 'Keep it' } });
    expect(JSON.parse(modal.private_metadata!)).toEqual({ oneOnOneId: 9 });
    expect(JSON.stringify(modal.blocks)).not.toContain('<!channel>');
  });
});

describe('renderSettingsModal', async () => {
  // Built by the service, so the view is complete whatever settings it grows.
  const db = await memoryDb();
  const person = await addPerson(db, 'T0SETTINGS', 'U0REP1', { tz: 'America/Los_Angeles' });
  const stored = await getSettings(db, person);
  const settings = (overrides: Partial<TSettingsView> = {}): TSettingsView => ({
    ...stored, workingDays: [1, 2, 3, 4, 5], workStart: '09:00', workEnd: '18:00', briefLeadMinutes: 60, showsBriefLead: false, ...overrides,
  });
  const blockIds = (view: TSettingsView) => blocksOf(renderSettingsModal(view)).map((b) => b.block_id).filter(Boolean);

  // Every group of settings is covered case by case in settings-modal.test.ts.
  const REP_IDS = ['settings_days', 'settings_start', 'settings_end', 'settings_digest_day', 'settings_digest_time', 'settings_checkins', 'settings_checkin_time', 'settings_holiday_country', 'settings_holiday_region'];
  it.each([
    { what: 'rep', view: settings(), ids: REP_IDS, lead: undefined },
    { what: 'manager', view: settings({ showsBriefLead: true, briefLeadMinutes: 1440 }), ids: [...REP_IDS, 'settings_lead'], lead: '1440' },
    { what: 'manager with a lead not offered', view: settings({ showsBriefLead: true, briefLeadMinutes: 45 }), ids: [...REP_IDS, 'settings_lead'], lead: undefined },
  ])('$what', ({ view, ids, lead }) => {
    const modal = renderSettingsModal(view);
    expect(modal.callback_id).toBe('home_settings');
    expect(findLimitViolations(blocksOf(modal), MAX_VIEW_BLOCKS)).toEqual([]);
    expect(blockIds(view)).toEqual(ids);
    const json = JSON.stringify(modal.blocks);
    expect(json).toContain('Your time zone: *America/Los_Angeles*, from Slack — change it in your Slack profile.');
    expect(json).toContain('"initial_time":"09:00"');
    expect(json).toContain('"initial_time":"18:00"');
    const days = (blocksOf(modal).find((b) => b.block_id === 'settings_days') as unknown as { element: { initial_options: { value: string }[] } }).element.initial_options.map((o) => o.value);
    expect(days).toEqual(['1', '2', '3', '4', '5']);
    const leadBlock = blocksOf(modal).find((b) => b.block_id === 'settings_lead') as unknown as { element: { initial_option?: { value: string } } } | undefined;
    expect(leadBlock?.element.initial_option?.value).toBe(lead);
  });

  it.each([
    [15, '15 minutes before'],
    [60, '1 hour before'],
    [90, '1½ hours before'],
    [120, '2 hours before'],
    [1440, '1 day before'],
  ])('lead %i reads %s', (minutes, want) => expect(leadLabel(minutes)).toBe(want));
});
