import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { TOneOnOneSpec } from '../../domain/schedule';
import { escapeText, truncate } from './escape';
import { context, section } from './format';
import { fitView } from './limits';

export const SCHEDULE_VIEW = 'home_schedule';
export const SCHEDULE_REP_BLOCK = 'schedule_rep';
export const SCHEDULE_REP_INPUT = 'rep';
export const SCHEDULE_CADENCE_BLOCK = 'schedule_cadence';
export const SCHEDULE_CADENCE_INPUT = 'cadence';
export const SCHEDULE_WEEKDAY_BLOCK = 'schedule_weekday';
export const SCHEDULE_WEEKDAY_INPUT = 'weekday';
export const SCHEDULE_TIME_BLOCK = 'schedule_time';
export const SCHEDULE_TIME_INPUT = 'time';

export const CANCEL_ONE_ON_ONE_VIEW = 'home_cancel_one_on_one';
/** The cancel confirmation's `private_metadata`. */
export const ZCancelOneOnOneMetadata = z.object({ oneOnOneId: z.number().int().positive() });
export type TCancelOneOnOneMetadata = z.infer<typeof ZCancelOneOnOneMetadata>;

export type TScheduleModalView = {
  /** The manager's Slack zone: the meeting's times are in it. */
  tz: string;
  /** Set when changing an existing 1:1. */
  initial?: TOneOnOneSpec & { repSlackUserId: string };
};

// A monthly 1:1 chosen here keeps the week of the month it had (else the first); `/coach 1on1` names another.
export const CADENCE_LABELS: Readonly<Record<TOneOnOneSpec['cadence'], string>> = { weekly: 'Every week', biweekly: 'Every other week', monthly: 'Every month' };
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });
const cadenceOptions = (Object.keys(CADENCE_LABELS) as TOneOnOneSpec['cadence'][]).map((c) => option(CADENCE_LABELS[c], c));
const weekdayOptions = WEEKDAYS.map((day, i) => option(day, String(i + 1)));

/** The schedule modal: rep, cadence, weekday and time (in the manager's zone); prefilled when changing a 1:1. */
export function renderScheduleModal(view: TScheduleModalView): ModalView {
  const initial = view.initial;
  const cadence = cadenceOptions.find((o) => o.value === (initial?.cadence ?? 'weekly'));
  const weekday = initial ? weekdayOptions[initial.weekday - 1] : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SCHEDULE_REP_BLOCK,
      label: { type: 'plain_text', text: 'Rep' },
      element: {
        type: 'users_select',
        action_id: SCHEDULE_REP_INPUT,
        placeholder: { type: 'plain_text', text: 'Pick a rep on your team' },
        ...(initial ? { initial_user: initial.repSlackUserId } : {}),
      },
    },
    {
      type: 'input',
      block_id: SCHEDULE_CADENCE_BLOCK,
      label: { type: 'plain_text', text: 'How often' },
      element: { type: 'static_select', action_id: SCHEDULE_CADENCE_INPUT, options: cadenceOptions, ...(cadence ? { initial_option: cadence } : {}) },
    },
    {
      type: 'input',
      block_id: SCHEDULE_WEEKDAY_BLOCK,
      label: { type: 'plain_text', text: 'Day' },
      element: {
        type: 'static_select',
        action_id: SCHEDULE_WEEKDAY_INPUT,
        placeholder: { type: 'plain_text', text: 'Pick a day' },
        options: weekdayOptions,
        ...(weekday ? { initial_option: weekday } : {}),
      },
    },
    {
      type: 'input',
      block_id: SCHEDULE_TIME_BLOCK,
      label: { type: 'plain_text', text: 'Time' },
      element: {
        type: 'timepicker',
        action_id: SCHEDULE_TIME_INPUT,
        placeholder: { type: 'plain_text', text: 'Pick a time' },
        ...(initial ? { initial_time: initial.localTime } : {}),
      },
    },
    context(`Times are in your Slack time zone, *${escapeText(view.tz)}* — change it in your Slack profile. The rep sees the meeting in their own zone and gets a DM.`),
  ];
  return {
    type: 'modal',
    callback_id: SCHEDULE_VIEW,
    title: { type: 'plain_text', text: initial ? 'Change 1:1' : 'Schedule a 1:1' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: fitView(blocks),
  };
}

/** The confirmation before a 1:1 is cancelled. */
export function renderCancelOneOnOneModal(view: { oneOnOneId: number; repName: string; scheduleText: string }): ModalView {
  const repName = truncate(escapeText(view.repName || 'this rep'), 80);
  const metadata: TCancelOneOnOneMetadata = { oneOnOneId: view.oneOnOneId };
  return {
    type: 'modal',
    callback_id: CANCEL_ONE_ON_ONE_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Cancel 1:1' },
    submit: { type: 'plain_text', text: 'Cancel 1:1' },
    close: { type: 'plain_text', text: 'Keep it' },
    blocks: fitView([
      section(`Cancel your recurring 1:1 with *${repName}* (${escapeText(view.scheduleText)})?`),
      context("They get a DM saying so, and you'll get no more briefs for it. You can schedule it again any time."),
    ]),
  };
}
