import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import { findLimitViolations, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import { autoCheckinsText, renderSettingsModal } from '../../src/slack/blocks/settings-modal';
import type { TSettingsView } from '../../src/slack/blocks/view-models/settings';

const EVIL = '<!channel> <!here> <@U1> <https://evil.example|click> & @channel';

const view = (overrides: Partial<TSettingsView> = {}): TSettingsView => ({
  ...DEFAULT_PREFERENCES,
  tz: 'America/Los_Angeles',
  showsBriefLead: false,
  showsCoaching: true,
  showsDigest: true,
  tier: 'guided',
  pausedUntilLabel: null,
  away: null,
  holidayCountryName: null,
  holidayRegionName: null,
  ...overrides,
});

type TInput = { type: string; block_id?: string; optional?: boolean; element: Record<string, unknown> & { initial_option?: { value: string }; initial_options?: { value: string }[]; initial_time?: string; initial_value?: string } };
const blocksOf = (v: TSettingsView) => renderSettingsModal(v).blocks as KnownBlock[];
const inputIds = (v: TSettingsView) => blocksOf(v).filter((b) => b.type === 'input').map((b) => b.block_id);
const inputOf = (v: TSettingsView, blockId: string) => blocksOf(v).find((b) => b.block_id === blockId) as unknown as TInput | undefined;
const plainOf = (v: TSettingsView) => blocksToPlainText(blocksOf(v));

const ALWAYS = ['settings_days', 'settings_start', 'settings_end'];
const COACHING = ['settings_digest_day', 'settings_digest_time', 'settings_checkins', 'settings_checkin_time'];
const HOLIDAYS = ['settings_holiday_country', 'settings_holiday_region'];

describe('renderSettingsModal', () => {
  it.each([
    { what: 'rep', v: view(), want: [...ALWAYS, ...COACHING, ...HOLIDAYS] },
    { what: 'manager (not coached): the team digest, no check-ins', v: view({ showsBriefLead: true, showsCoaching: false, tier: null }), want: [...ALWAYS, 'settings_digest_day', 'settings_digest_time', ...HOLIDAYS, 'settings_lead'] },
    { what: 'admin without a team or a tier', v: view({ showsCoaching: false, showsDigest: false, tier: null }), want: [...ALWAYS, ...HOLIDAYS] },
    { what: 'player-coach (manager with a tier)', v: view({ showsBriefLead: true }), want: [...ALWAYS, ...COACHING, ...HOLIDAYS, 'settings_lead'] },
  ])('$what gets the settings that apply to them', ({ v, want }) => {
    expect(inputIds(v)).toEqual(want);
    const modal = renderSettingsModal(v);
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'home_settings', submit: { text: 'Save' } });
    expect(findLimitViolations(modal.blocks as KnownBlock[], MAX_VIEW_BLOCKS)).toEqual([]);
  });

  it('shows the stored values as the initial ones', () => {
    const v = view({ digestDay: 5, digestTime: '16:00', checkins: 'daily', checkinTime: '17:15', holidayCountry: 'GB', holidayRegion: 'SCT', holidayCountryName: 'United Kingdom', holidayRegionName: 'Scotland', showsBriefLead: true, briefLeadMinutes: 30 });
    expect(inputOf(v, 'settings_digest_day')!.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'Friday' }, value: '5' });
    expect(inputOf(v, 'settings_digest_time')!.element.initial_time).toBe('16:00');
    expect(inputOf(v, 'settings_checkins')!.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'Every working day' }, value: 'daily' });
    expect(inputOf(v, 'settings_checkin_time')!.element.initial_time).toBe('17:15');
    expect(inputOf(v, 'settings_holiday_country')!.element.initial_value).toBe('GB');
    expect(inputOf(v, 'settings_holiday_region')!.element.initial_value).toBe('SCT');
    expect(inputOf(v, 'settings_lead')!.element.initial_option?.value).toBe('30');
    expect(inputOf(v, 'settings_holiday_country')!).toMatchObject({ hint: { text: expect.stringContaining('Now: United Kingdom.') } });
    expect(inputOf(v, 'settings_holiday_region')!).toMatchObject({ hint: { text: expect.stringContaining('Now: Scotland.') } });
  });

  it('offers the four check-in choices and all seven digest days; holiday fields are optional text', () => {
    const checkins = inputOf(view(), 'settings_checkins')!.element.options as { text: { text: string }; value: string }[];
    expect(checkins.map((o) => [o.value, o.text.text])).toEqual([
      ['auto', 'As my coaching suggests'],
      ['daily', 'Every working day'],
      ['weekly', 'Once a week'],
      ['off', 'Off'],
    ]);
    expect((inputOf(view(), 'settings_digest_day')!.element.options as unknown[]).length).toBe(7);
    for (const id of HOLIDAYS) {
      const field = inputOf(view(), id)!;
      expect(field.optional).toBe(true);
      expect(field.element.type).toBe('plain_text_input');
      expect(field.element.initial_value).toBeUndefined();
    }
    // Required fields are never optional.
    for (const id of [...ALWAYS, ...COACHING]) expect(inputOf(view(), id)!.optional).toBeUndefined();
  });

  it.each([
    { tier: null, want: /one check-in a week until your first coaching numbers are in/ },
    { tier: 'ramping', want: /one check-in a week while you're getting started/ },
    { tier: 'guided', want: /one check-in a week at the moment/ },
    { tier: 'focused', want: /every working day for now/ },
    { tier: 'autonomous', want: /no check-ins at the moment/ },
  ] as const)('explains what "as my coaching suggests" means for tier $tier', ({ tier, want }) => {
    expect(autoCheckinsText({ tier })).toMatch(want);
    expect(plainOf(view({ tier }))).toMatch(want);
    // No tier judgement for a ramping rep (SPEC §2), and none spelled out for anyone.
    expect(autoCheckinsText({ tier })).not.toMatch(/ramping|guided|focused|autonomous|struggling/i);
  });

  it('says when messages are paused and how to resume; otherwise how to pause', () => {
    const paused = plainOf(view({ pausedUntilLabel: 'Tue 1 Dec, 13:00' }));
    expect(paused).toContain('Paused until Tue 1 Dec, 13:00');
    expect(paused).toContain('/coach resume');
    expect(paused).not.toContain('Going away?');
    const notPaused = plainOf(view());
    expect(notPaused).not.toContain('Paused until');
    expect(notPaused).toContain('/coach pause 1w');
  });

  it('says when the Slack status holds messages, and until when if it expires', () => {
    expect(plainOf(view({ away: { status: ':palm_tree: Vacation', untilLabel: null } }))).toContain(
      'Your Slack status says :palm_tree: Vacation — nothing unsolicited is sent until it changes.',
    );
    expect(plainOf(view({ away: { status: ':face_with_thermometer: Out sick', untilLabel: 'Fri 27 Nov, 18:00' } }))).toContain(
      'until it changes (Slack clears it Fri 27 Nov, 18:00).',
    );
    expect(plainOf(view())).not.toContain('Your Slack status says');
  });

  it('keeps hostile status text and zones inert and within limits', () => {
    const v = view({ away: { status: `:palm_tree: ${EVIL.repeat(20)}`, untilLabel: null }, pausedUntilLabel: EVIL, tz: EVIL, showsBriefLead: true });
    const blocks = blocksOf(v);
    expect(findLimitViolations(blocks, MAX_VIEW_BLOCKS)).toEqual([]);
    const json = JSON.stringify(blocks);
    for (const token of ['<!channel>', '<!here>', '<@U1>', '<https://evil']) expect(json).not.toContain(token);
  });
});
