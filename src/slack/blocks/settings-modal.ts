import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { autoCheckins } from '../../domain/nudge-policy';
import { BRIEF_LEAD_CHOICES } from '../../domain/preferences';
import type { TSettingsView } from './view-models/settings';
import { escapeText } from './escape';
import { context, section } from './format';
import { fitView } from './limits';

export const SETTINGS_VIEW = 'home_settings';
export const SETTINGS_DAYS_BLOCK = 'settings_days';
export const SETTINGS_DAYS_INPUT = 'days';
export const SETTINGS_START_BLOCK = 'settings_start';
export const SETTINGS_START_INPUT = 'start';
export const SETTINGS_END_BLOCK = 'settings_end';
export const SETTINGS_END_INPUT = 'end';
export const SETTINGS_DIGEST_DAY_BLOCK = 'settings_digest_day';
export const SETTINGS_DIGEST_DAY_INPUT = 'digest_day';
export const SETTINGS_DIGEST_TIME_BLOCK = 'settings_digest_time';
export const SETTINGS_DIGEST_TIME_INPUT = 'digest_time';
export const SETTINGS_CHECKINS_BLOCK = 'settings_checkins';
export const SETTINGS_CHECKINS_INPUT = 'checkins';
export const SETTINGS_CHECKIN_TIME_BLOCK = 'settings_checkin_time';
export const SETTINGS_CHECKIN_TIME_INPUT = 'checkin_time';
export const SETTINGS_COUNTRY_BLOCK = 'settings_holiday_country';
export const SETTINGS_COUNTRY_INPUT = 'holiday_country';
export const SETTINGS_REGION_BLOCK = 'settings_holiday_region';
export const SETTINGS_REGION_INPUT = 'holiday_region';
export const SETTINGS_LEAD_BLOCK = 'settings_lead';
export const SETTINGS_LEAD_INPUT = 'lead';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CHECKIN_CHOICES = [
  ['auto', 'As my coaching suggests'],
  ['daily', 'Every working day'],
  ['weekly', 'Once a week'],
  ['off', 'Off'],
] as const;
// What `auto` means, by what it comes to for this person now (services/settings autoCheckins).
const AUTO_MEANS = {
  daily: 'a short check-in every working day for now; it eases off to weekly as your numbers pick up.',
  weekly: 'one check-in a week at the moment.',
  off: "no check-ins at the moment: you're on track and free to work your way. Pick daily or weekly if you'd like them anyway.",
} as const;

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const dayOptions = DAYS.map((day, i) => option(day, String(i + 1)));
const weekdayOptions = WEEKDAYS.map((day, i) => option(day, String(i + 1)));
const checkinOptions = CHECKIN_CHOICES.map(([value, label]) => option(label, value));

/** '15 minutes before', '1 hour before', '1½ hours before', '1 day before'. */
export function leadLabel(minutes: number): string {
  if (minutes === 1440) return '1 day before';
  if (minutes === 90) return '1½ hours before';
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'} before`;
  return `${minutes} minutes before`;
}

/** The context line under the check-in choice: what "As my coaching suggests" comes to for this person. */
export function autoCheckinsText(view: Pick<TSettingsView, 'tier'>): string {
  // No tier judgement while a rep is new (SPEC §2), nor before the first recompute.
  if (view.tier === null) return '_As my coaching suggests_: one check-in a week until your first coaching numbers are in, then it follows them.';
  if (view.tier === 'ramping') return "_As my coaching suggests_: one check-in a week while you're getting started.";
  return `_As my coaching suggests_: ${AUTO_MEANS[autoCheckins(view)]}`;
}

/**
 * The settings modal: working days and hours and public holidays for everyone; digest and check-ins for
 * reps; the brief's lead time for managers and admins. Above them, what holds messages right now (a pause,
 * an away status), so nobody wonders why nothing arrives.
 */
export function renderSettingsModal(view: TSettingsView): ModalView {
  const blocks: KnownBlock[] = [
    section(
      'Check-ins, nudges and reminders arrive only on your working days, within your working hours, in your time zone; your digest comes when you pick. ' +
        "Nothing I send on my own arrives on your public holidays or while your Slack status says you're away; a pause holds everything but the briefs for 1:1s you hold.",
    ),
    ...holdBlocks(view),
    {
      type: 'input',
      block_id: SETTINGS_DAYS_BLOCK,
      label: plain('Working days'),
      element: { type: 'checkboxes', action_id: SETTINGS_DAYS_INPUT, options: dayOptions, ...initialOptions(dayOptions, view.workingDays.map(String)) },
    },
    time(SETTINGS_START_BLOCK, SETTINGS_START_INPUT, 'Working day starts', view.workStart),
    time(SETTINGS_END_BLOCK, SETTINGS_END_INPUT, 'Working day ends', view.workEnd),
  ];
  if (view.showsDigest) {
    blocks.push(
      select(SETTINGS_DIGEST_DAY_BLOCK, SETTINGS_DIGEST_DAY_INPUT, 'Weekly digest — day', weekdayOptions, String(view.digestDay), view.showsCoaching ? 'Your week in numbers, by DM.' : "Your team's week, by DM."),
      time(SETTINGS_DIGEST_TIME_BLOCK, SETTINGS_DIGEST_TIME_INPUT, 'Weekly digest — time', view.digestTime),
    );
  }
  if (view.showsCoaching) {
    blocks.push(
      select(SETTINGS_CHECKINS_BLOCK, SETTINGS_CHECKINS_INPUT, 'Check-ins', checkinOptions, view.checkins, 'A short DM asking what you did, so logging takes a reply.'),
      context(autoCheckinsText(view)),
      time(SETTINGS_CHECKIN_TIME_BLOCK, SETTINGS_CHECKIN_TIME_INPUT, 'Check-in time', view.checkinTime, 'On the days you get one, within your working hours.'),
    );
  }
  blocks.push(
    text(SETTINGS_COUNTRY_BLOCK, SETTINGS_COUNTRY_INPUT, 'Public holidays — country', view.holidayCountry, {
      placeholder: 'e.g. US',
      hint: `${view.holidayCountryName ? `Now: ${view.holidayCountryName}. ` : ''}A two-letter code like US, GB or DE (or the country's name). Empty: no public holidays.`,
    }),
    text(SETTINGS_REGION_BLOCK, SETTINGS_REGION_INPUT, 'Public holidays — state or region (optional)', view.holidayRegion, {
      placeholder: 'e.g. CA',
      hint: `${view.holidayRegionName ? `Now: ${view.holidayRegionName}. ` : ''}For regional holidays too: CA (California), BY (Bavaria), SCT (Scotland)… Empty: national holidays only.`,
    }),
  );
  if (view.showsBriefLead) {
    const leadOptions = BRIEF_LEAD_CHOICES.map((minutes) => option(leadLabel(minutes), String(minutes)));
    blocks.push(
      select(SETTINGS_LEAD_BLOCK, SETTINGS_LEAD_INPUT, 'Brief before each 1:1', leadOptions, String(view.briefLeadMinutes), 'When your pre-1:1 brief arrives in a DM (moved into your working hours if need be).'),
    );
  }
  blocks.push(context(`Your time zone: *${escapeText(view.tz)}*, from Slack — change it in your Slack profile.`));
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW,
    title: plain('Settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: fitView(blocks),
  };
}

/** What holds messages now: a pause (with how to end it) and an away status; otherwise how to pause. */
function holdBlocks(view: TSettingsView): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (view.pausedUntilLabel) {
    out.push(section(`:double_vertical_bar: *Paused until ${escapeText(view.pausedUntilLabel)}* — \`/coach resume\` to start again.`));
  }
  if (view.away) {
    const clears = view.away.untilLabel ? ` (Slack clears it ${escapeText(view.away.untilLabel)})` : '';
    out.push(section(`Your Slack status says ${escapeText(view.away.status)} — nothing unsolicited is sent until it changes${clears}.`));
  }
  if (!view.pausedUntilLabel) out.push(context('Going away? `/coach pause 1w` holds everything I send on my own (up to 90 days); `/coach resume` ends it early.'));
  return out;
}

function initialOptions(options: PlainTextOption[], values: string[]): { initial_options?: PlainTextOption[] } {
  const initial = options.filter((o) => values.includes(o.value ?? ''));
  return initial.length > 0 ? { initial_options: initial } : {};
}

function time(blockId: string, actionId: string, label: string, initial: string, hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: 'timepicker', action_id: actionId, initial_time: initial, placeholder: plain('Pick a time') },
  };
}

function select(blockId: string, actionId: string, label: string, options: PlainTextOption[], initial: string, hint: string): KnownBlock {
  const initialOption = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    hint: plain(hint),
    element: { type: 'static_select', action_id: actionId, placeholder: plain('Pick one'), options, ...(initialOption ? { initial_option: initialOption } : {}) },
  };
}

function text(blockId: string, actionId: string, label: string, initial: string | null, opts: { placeholder: string; hint: string }): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(opts.hint),
    element: {
      type: 'plain_text_input',
      action_id: actionId,
      max_length: 60,
      placeholder: plain(opts.placeholder),
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}
