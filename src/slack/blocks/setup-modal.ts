import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { MAX_ADMINS } from '../../domain/setup-roles';
import type { TSetupField } from '../../domain/setup-text';
import type { TSetupModalView } from './view-models/setup';
import { context, section } from './format';
import { fitView } from './limits';

export const SETUP_VIEW = 'workspace_setup';
/** Every field's input has this action id; its block id is `setupBlockId(field)`. */
export const SETUP_INPUT = 'value';

/** The block that holds a field's input (and gets its error). */
export function setupBlockId(field: TSetupField): string {
  return `setup_${field}`;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });
const dayOptions = DAYS.map((day, i) => option(day, String(i + 1)));

/**
 * The `/coach setup` modal (admins): the selling system (stages with their CRM names, won and lost, the type →
 * stage map), tiers and thresholds, time and the default working week, quota kind and leaderboard, and who is an admin. Text fields
 * take the same formats as `setup set`'s flags, so what an admin learns in one works in the other.
 */
export function renderSetupModal(view: TSetupModalView): ModalView {
  const f = view.form;
  const blocks: KnownBlock[] = [
    section('*Selling system*'),
    text('stages', 'Open stages, in order', f.stages, {
      multiline: true,
      hint: 'One a line: key: Name | CRM name | CRM name. Rename freely (the key stays, so deals stay). To remove a stage deals use, write old_key -> other_key.',
    }),
    text('won', 'Won stage (name | CRM names)', f.won, { hint: 'Like: Won | Closed Won' }),
    text('lost', 'Lost stage (name | CRM names)', f.lost, { hint: 'Like: Lost | Closed Lost' }),
    text('activityStages', 'Which stage each activity type feeds', f.activityStages, { multiline: true, hint: 'type=stage, comma-separated; none for no stage. Used when activity is logged without a deal.' }),
    section('*Tiers and thresholds*'),
    text('autonomousAttainment', 'Autonomous from (% of goal pace)', f.autonomousAttainment, { hint: 'At or above this pace a rep gets outcome goals only, no activity targets or nudges.' }),
    text('focusedAttainment', 'Focused below (% of goal pace)', f.focusedAttainment, { hint: 'Below this pace a rep gets daily expectations and check-ins; between the two: guided.' }),
    text('rampingDays', 'Ramping (days of data)', f.rampingDays, { hint: 'New reps are ramping, with no tier judgement, for this many days.' }),
    text('topShare', 'No goal or quota: top % autonomous', f.topShare, { hint: 'Only for reps with neither goal nor quota (placed by the team, shown to managers only).' }),
    text('bottomShare', 'No goal or quota: bottom % focused', f.bottomShare),
    text('staleDays', 'Stalled after (idle days, per stage)', f.staleDays, { hint: 'stage=days, comma-separated.' }),
    text('dormantDays', 'Dormant after (idle days)', f.dormantDays, { hint: 'Longer idle: close it or revive it? — never nudged about.' }),
    section('*Time and the working week*'),
    text('timezone', 'Workspace time zone', f.timezone, { hint: 'An IANA zone like Europe/Berlin; the nightly recompute runs at 02:00 there.' }),
    {
      type: 'input',
      block_id: setupBlockId('workingDays'),
      label: plain('Default working days'),
      hint: plain('For people who have not set their own (`/coach settings`).'),
      element: { type: 'checkboxes', action_id: SETUP_INPUT, options: dayOptions, ...initialDays(view.workingDays) },
    },
    time('workStart', 'Default working day starts', f.workStart),
    time('workEnd', 'Default working day ends', f.workEnd),
    text('holidayCountry', 'Default public holidays — country', f.holidayCountry, { optional: true, hint: 'A two-letter code like US, GB, DE. Empty: none.' }),
    text('holidayRegion', 'Default public holidays — state or region', f.holidayRegion, { optional: true, hint: 'Like CA, BY, SCT. Empty: national holidays only.' }),
    section('*Quota and leaderboard*'),
    radio('quotaKind', 'Quota is', [option('Deals won per quarter', 'deals'), option('Revenue per quarter', 'revenue')], f.quotaKind, "Each person's quota (people import): deals won a quarter, or for revenue the amount a quarter in whole currency units (120000 or $120,000)."),
    radio('leaderboard', "Team leaderboard (reps see their team's won deals this quarter by name)", [option('Off', 'off'), option('On', 'on')], f.leaderboard, 'On: the Home tab of each rep and manager lists the deals their team won this quarter and who won them — no amounts, no ranks.'),
    section('*Roles*'),
    adminsInput(view),
    context('Every change is recorded with who made it; a change to stages, tiers or thresholds recomputes coaching right away.'),
  ];
  return { type: 'modal', callback_id: SETUP_VIEW, title: plain('Canopy setup'), submit: plain('Save'), close: plain('Cancel'), blocks: fitView(blocks) };
}

/** Canopy admins, picked by name; Slack's own admins are named in the hint, since they stay admins whatever is picked. */
function adminsInput(view: TSetupModalView): KnownBlock {
  const slack = view.admins.slack.map((a) => a.name || a.slackUserId);
  const named = slack.length === 0 ? 'none' : `${slack.slice(0, 5).join(', ')}${slack.length > 5 ? ` and ${slack.length - 5} more` : ''}`;
  return {
    type: 'input',
    block_id: setupBlockId('admins'),
    label: plain('Canopy admins'),
    optional: true,
    hint: plain(truncateHint(`Admins change this setup and see every rep's numbers. Slack workspace admins and owners always are (${named}). Managers are whoever has reps.`)),
    element: { type: 'multi_users_select', action_id: SETUP_INPUT, max_selected_items: MAX_ADMINS, ...(view.admins.canopy.length > 0 ? { initial_users: view.admins.canopy.slice(0, MAX_ADMINS) } : {}) },
  };
}

/** A hint is at most 2000 characters. */
function truncateHint(text: string): string {
  return text.length <= 2000 ? text : `${text.slice(0, 1999)}…`;
}

function text(field: TSetupField, label: string, initial: string, opts: { multiline?: boolean; optional?: boolean; hint?: string } = {}): KnownBlock {
  return {
    type: 'input',
    block_id: setupBlockId(field),
    label: plain(label),
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: SETUP_INPUT,
      ...(opts.multiline ? { multiline: true } : {}),
      max_length: opts.multiline ? 3000 : 150,
      ...(initial ? { initial_value: initial.slice(0, opts.multiline ? 3000 : 150) } : {}),
    },
  };
}

function time(field: TSetupField, label: string, initial: string): KnownBlock {
  return { type: 'input', block_id: setupBlockId(field), label: plain(label), element: { type: 'timepicker', action_id: SETUP_INPUT, initial_time: initial } };
}

function radio(field: TSetupField, label: string, options: PlainTextOption[], initial: string, hint?: string): KnownBlock {
  const initialOption = options.find((o) => o.value === initial);
  return { type: 'input', block_id: setupBlockId(field), label: plain(label), ...(hint ? { hint: plain(hint) } : {}), element: { type: 'radio_buttons', action_id: SETUP_INPUT, options, ...(initialOption ? { initial_option: initialOption } : {}) } };
}

function initialDays(days: readonly number[]): { initial_options?: PlainTextOption[] } {
  const initial = dayOptions.filter((o) => days.includes(Number(o.value)));
  return initial.length > 0 ? { initial_options: initial } : {};
}
