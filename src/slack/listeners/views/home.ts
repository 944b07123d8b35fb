import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { getManagedOneOnOne } from '../../../services/home/get-managed-one-on-one';
import { cancelOneOnOneWith } from '../../../services/one-on-ones/cancel-one-on-one';
import { scheduleOneOnOne } from '../../../services/one-on-ones/schedule-one-on-one';
import { type TScheduleResult } from '../../../services/one-on-ones/one-on-one-summary';
import { saveSettings } from '../../../services/settings/save-settings';
import { type TSettingsField } from '../../../services/settings/settings-fields';
import { renderHomeProblemModal } from '../../blocks/home';
import * as S from '../../blocks/schedule-modal';
import * as P from '../../blocks/settings-modal';
import { personFor, type TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { notifyRepOfCancel, notifyRepOfSchedule } from '../../one-on-one-notices';
import { workspaceOf } from '../../payload';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type TValues = ViewSubmitAction['view']['state']['values'];

const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';
const ZScheduleForm = z.object({
  repSlackUserId: z.string({ error: 'Pick a rep.' }).regex(/^[UW][A-Z0-9]+$/, 'Pick a rep.'),
  cadence: z.enum(['weekly', 'biweekly', 'monthly'], { error: 'Pick how often.' }),
  weekday: z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'Pick a day.' }).transform(Number),
  localTime: z.string({ error: 'Pick a time.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a time.'),
});
const SCHEDULE_BLOCKS: Record<keyof z.infer<typeof ZScheduleForm>, string> = {
  repSlackUserId: S.SCHEDULE_REP_BLOCK, cadence: S.SCHEDULE_CADENCE_BLOCK, weekday: S.SCHEDULE_WEEKDAY_BLOCK, localTime: S.SCHEDULE_TIME_BLOCK,
};
const SETTINGS_BLOCKS: Record<TSettingsField, string> = {
  workingDays: P.SETTINGS_DAYS_BLOCK, workStart: P.SETTINGS_START_BLOCK, workEnd: P.SETTINGS_END_BLOCK, briefLeadMinutes: P.SETTINGS_LEAD_BLOCK,
  digestDay: P.SETTINGS_DIGEST_DAY_BLOCK, digestTime: P.SETTINGS_DIGEST_TIME_BLOCK, checkins: P.SETTINGS_CHECKINS_BLOCK,
  checkinTime: P.SETTINGS_CHECKIN_TIME_BLOCK, holidayCountry: P.SETTINGS_COUNTRY_BLOCK, holidayRegion: P.SETTINGS_REGION_BLOCK,
};

/** The Home tab's modals: schedule (or change) a 1:1, confirm its cancellation, settings. */
export function registerHomeViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(S.SCHEDULE_VIEW, scheduleSubmission(ctx));
  app.view<ViewSubmitAction>(S.CANCEL_ONE_ON_ONE_VIEW, cancelSubmission(ctx));
  app.view<ViewSubmitAction>(P.SETTINGS_VIEW, settingsSubmission(ctx));
}

/** Schedule submitted: problems go on their fields (the modal stays open); else the 1:1 is saved, the rep told, both Home tabs redrawn. */
export function scheduleSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const values = view.state.values;
    const form = ZScheduleForm.safeParse({
      repSlackUserId: input(values, S.SCHEDULE_REP_BLOCK, S.SCHEDULE_REP_INPUT)?.selected_user ?? undefined,
      cadence: input(values, S.SCHEDULE_CADENCE_BLOCK, S.SCHEDULE_CADENCE_INPUT)?.selected_option?.value,
      weekday: input(values, S.SCHEDULE_WEEKDAY_BLOCK, S.SCHEDULE_WEEKDAY_INPUT)?.selected_option?.value,
      localTime: input(values, S.SCHEDULE_TIME_BLOCK, S.SCHEDULE_TIME_INPUT)?.selected_time ?? undefined,
    });
    if (!form.success) return void (await ack({ response_action: 'errors', errors: fieldErrors(form.error.issues, SCHEDULE_BLOCKS) }));
    const { repSlackUserId, ...spec } = form.data;
    const workspaceId = workspaceOf(body);
    let result: TScheduleResult;
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const rep = await personFor(ctx, client, workspaceId, repSlackUserId);
      result = await scheduleOneOnOne(ctx.db, me, rep, spec, ctx.now());
    } catch (error) {
      // Every refusal of the service is about who the rep is (not on your team, yourself, a bot…).
      return void (await ack({ response_action: 'errors', errors: { [S.SCHEDULE_REP_BLOCK]: messageOf(ctx, error) } }));
    }
    await ack();
    await notifyRepOfSchedule(ctx, client, result);
    await Promise.all([publishHome(ctx, client, workspaceId, body.user.id), publishHome(ctx, client, workspaceId, result.rep.slackUserId)]);
  };
}

/** Cancel confirmed: the 1:1 is cancelled, the rep told, both Home tabs redrawn. A refusal replaces the modal. */
export function cancelSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const workspaceId = workspaceOf(body);
    let cancelled: { managerName: string; rep: string; scheduleText: string };
    try {
      const meta = metadataOf(view.private_metadata, S.ZCancelOneOnOneMetadata);
      if (!meta) throw new AppError('bad_input', 'This confirmation has expired — nothing was changed. Open the menu on your Home tab again.');
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const held = await getManagedOneOnOne(ctx.db, me, meta.oneOnOneId);
      await cancelOneOnOneWith(ctx.db, me, held.rep, ctx.now());
      cancelled = { managerName: me.name, rep: held.rep.slackUserId, scheduleText: held.scheduleText };
    } catch (error) {
      await ack({ response_action: 'update', view: renderHomeProblemModal(messageOf(ctx, error)) });
      return void (await publishHome(ctx, client, workspaceId, body.user.id));
    }
    await ack();
    await notifyRepOfCancel(ctx, client, { repSlackUserId: cancelled.rep, managerName: cancelled.managerName, scheduleText: cancelled.scheduleText });
    await Promise.all([publishHome(ctx, client, workspaceId, body.user.id), publishHome(ctx, client, workspaceId, cancelled.rep)]);
  };
}

/** Settings submitted: problems go on their fields; else they are stored and the Home tab redrawn. */
export function settingsSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const form = settingsForm(view.state.values);
    const workspaceId = workspaceOf(body);
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const saved = await saveSettings(ctx.db, me, form, ctx.now());
      if (!saved.ok) return void (await ack({ response_action: 'errors', errors: blockErrors(saved.errors, SETTINGS_BLOCKS) }));
    } catch (error) {
      return void (await ack({ response_action: 'errors', errors: { [P.SETTINGS_DAYS_BLOCK]: messageOf(ctx, error) } }));
    }
    await ack();
    await publishHome(ctx, client, workspaceId, body.user.id);
  };
}

/**
 * The submitted settings. A field whose block is not in the state was not in this person's modal (a rep has
 * no brief lead, a manager no digest) and is left out, so the stored value stays; a block that is there but
 * unanswered is sent as null, so the service puts an error on it.
 */
function settingsForm(values: TValues): Record<string, unknown> {
  type TField = NonNullable<Awaited<ReturnType<typeof input>>>;
  const form: Record<string, unknown> = {
    workingDays: (input(values, P.SETTINGS_DAYS_BLOCK, P.SETTINGS_DAYS_INPUT)?.selected_options ?? []).map((o) => Number(o.value)),
    workStart: input(values, P.SETTINGS_START_BLOCK, P.SETTINGS_START_INPUT)?.selected_time ?? undefined,
    workEnd: input(values, P.SETTINGS_END_BLOCK, P.SETTINGS_END_INPUT)?.selected_time ?? undefined,
  };
  const optional = (key: string, block: string, action: string, read: (field: TField) => unknown) => {
    const field = input(values, block, action);
    if (field) form[key] = read(field);
  };
  const number = (field: TField) => (field.selected_option?.value === undefined ? null : Number(field.selected_option.value));
  optional('briefLeadMinutes', P.SETTINGS_LEAD_BLOCK, P.SETTINGS_LEAD_INPUT, number);
  optional('digestDay', P.SETTINGS_DIGEST_DAY_BLOCK, P.SETTINGS_DIGEST_DAY_INPUT, number);
  optional('digestTime', P.SETTINGS_DIGEST_TIME_BLOCK, P.SETTINGS_DIGEST_TIME_INPUT, (f) => f.selected_time ?? null);
  optional('checkins', P.SETTINGS_CHECKINS_BLOCK, P.SETTINGS_CHECKINS_INPUT, (f) => f.selected_option?.value ?? null);
  optional('checkinTime', P.SETTINGS_CHECKIN_TIME_BLOCK, P.SETTINGS_CHECKIN_TIME_INPUT, (f) => f.selected_time ?? null);
  optional('holidayCountry', P.SETTINGS_COUNTRY_BLOCK, P.SETTINGS_COUNTRY_INPUT, (f) => f.value ?? null);
  optional('holidayRegion', P.SETTINGS_REGION_BLOCK, P.SETTINGS_REGION_INPUT, (f) => f.value ?? null);
  return form;
}

function input(values: TValues, blockId: string, actionId: string) {
  return values[blockId]?.[actionId];
}

function fieldErrors<F extends string>(issues: readonly z.core.$ZodIssue[], blocks: Record<F, string>): Record<string, string> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0] as F;
    if (field in blocks && errors[field] === undefined) errors[field] = issue.message;
  }
  return blockErrors(errors, blocks);
}

function blockErrors<F extends string>(errors: Partial<Record<F, string>>, blocks: Record<F, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [blocks[field as F], String(message)]));
}

/** Field errors are plain text: the service's `code` spans are unwrapped. */
function messageOf(ctx: TSlackContext, error: unknown): string {
  if (error instanceof AppError) return error.message.replace(/`/g, '');
  ctx.logger.error({ err: error }, 'a Home tab modal failed');
  return SORRY;
}
