import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { BRIEF_LEAD_CHOICES, type TSettingsView } from '../../services/settings';
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
export const SETTINGS_LEAD_BLOCK = 'settings_lead';
export const SETTINGS_LEAD_INPUT = 'lead';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });
const dayOptions = DAYS.map((day, i) => option(day, String(i + 1)));

/** '15 minutes before', '1 hour before', '1½ hours before', '1 day before'. */
export function leadLabel(minutes: number): string {
  if (minutes === 1440) return '1 day before';
  if (minutes === 90) return '1½ hours before';
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'} before`;
  return `${minutes} minutes before`;
}

/** The settings modal: working days and hours for everyone, the brief's lead time for managers and admins. */
export function renderSettingsModal(view: TSettingsView): ModalView {
  const leadOptions = BRIEF_LEAD_CHOICES.map((minutes) => option(leadLabel(minutes), String(minutes)));
  const initialDays = dayOptions.filter((o) => view.workingDays.includes(Number(o.value)));
  const initialLead = leadOptions.find((o) => Number(o.value) === view.briefLeadMinutes);
  const time = (blockId: string, actionId: string, label: string, initial: string): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: { type: 'timepicker', action_id: actionId, initial_time: initial, placeholder: { type: 'plain_text', text: 'Pick a time' } },
  });
  const blocks: KnownBlock[] = [
    section('What Canopy sends on its own (briefs, reminders) arrives on your working days, within your working hours, in your time zone.'),
    {
      type: 'input',
      block_id: SETTINGS_DAYS_BLOCK,
      label: { type: 'plain_text', text: 'Working days' },
      element: { type: 'checkboxes', action_id: SETTINGS_DAYS_INPUT, options: dayOptions, ...(initialDays.length > 0 ? { initial_options: initialDays } : {}) },
    },
    time(SETTINGS_START_BLOCK, SETTINGS_START_INPUT, 'Working day starts', view.workStart),
    time(SETTINGS_END_BLOCK, SETTINGS_END_INPUT, 'Working day ends', view.workEnd),
  ];
  if (view.showsBriefLead) {
    blocks.push({
      type: 'input',
      block_id: SETTINGS_LEAD_BLOCK,
      label: { type: 'plain_text', text: 'Brief before each 1:1' },
      hint: { type: 'plain_text', text: 'When your pre-1:1 brief arrives in a DM (moved into your working hours if need be).' },
      element: {
        type: 'static_select',
        action_id: SETTINGS_LEAD_INPUT,
        placeholder: { type: 'plain_text', text: 'Pick a time' },
        options: leadOptions,
        ...(initialLead ? { initial_option: initialLead } : {}),
      },
    });
  }
  blocks.push(context(`Your time zone: *${escapeText(view.tz)}*, from Slack — change it in your Slack profile.`));
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW,
    title: { type: 'plain_text', text: 'Settings' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: fitView(blocks),
  };
}
