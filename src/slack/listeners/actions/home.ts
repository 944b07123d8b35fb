import type { AllMiddlewareArgs, App, BlockAction, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { AppError } from '../../../domain/errors';
import { getManagedOneOnOne } from '../../../services/home/get-managed-one-on-one';
import { getSettings } from '../../../services/settings/get-settings';
import { HOME_ONE_ON_ONE_MENU_ACTION, HOME_SCHEDULE_ACTION, HOME_SETTINGS_ACTION, renderHomeProblemModal, ZOneOnOneMenuValue } from '../../blocks/home';
import { LOG_ACTIVITY_OPEN_ACTION, renderLogActivityModal } from '../../blocks/log-activity-modal';
import { renderCancelOneOnOneModal, renderScheduleModal } from '../../blocks/schedule-modal';
import { renderSettingsModal } from '../../blocks/settings-modal';
import { personFor, type TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { workspaceOf } from '../../payload';

type TArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;

const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';
const BAD_MENU = "That menu doesn't carry a 1:1 I recognise — nothing was changed.";

/** The Home tab's buttons: Log activity (also on messages), Settings, Schedule a 1:1, and each 1:1's Change / Cancel menu. */
export function registerHomeActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(LOG_ACTIVITY_OPEN_ACTION, openLogActivityAction(ctx));
  app.action<BlockButtonAction>(HOME_SETTINGS_ACTION, openSettingsAction(ctx));
  app.action<BlockButtonAction>(HOME_SCHEDULE_ACTION, openScheduleAction(ctx));
  app.action<BlockOverflowAction>(HOME_ONE_ON_ONE_MENU_ACTION, oneOnOneMenuAction(ctx));
}

/**
 * Log activity: the log modal. The same action id is used by buttons on messages (nudges, check-ins),
 * so nothing here depends on the Home tab; the button's value (`{}`) carries nothing to read.
 */
export function openLogActivityAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => renderLogActivityModal());
  };
}

/** Settings: the settings modal, with the person's current settings. */
export function openSettingsAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      return renderSettingsModal(getSettings(ctx.db, me, ctx.now()));
    });
  };
}

/** Schedule a 1:1: the empty schedule modal, in the manager's zone. */
export function openScheduleAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      return renderScheduleModal({ tz: me.tz });
    });
  };
}

/** Change opens the schedule modal prefilled; Cancel asks for confirmation first (views/home.ts cancels). */
export function oneOnOneMenuAction(ctx: TSlackContext) {
  return async ({ ack, body, action, client }: TArgs<BlockOverflowAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => {
      const menu = menuValueOf(action.selected_option.value);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const held = getManagedOneOnOne(ctx.db, me, menu.oneOnOneId);
      if (menu.op === 'cancel') return renderCancelOneOnOneModal({ oneOnOneId: held.id, repName: held.rep.name, scheduleText: held.scheduleText });
      return renderScheduleModal({ tz: me.tz, initial: { ...held.spec, repSlackUserId: held.rep.slackUserId } });
    });
  };
}

/**
 * Opens the modal `build` makes. A Home tab has no thread to answer in, so a refusal is shown in a small
 * modal instead; a 1:1 that has gone also refreshes the tab.
 */
async function openModal(ctx: TSlackContext, client: AllMiddlewareArgs['client'], body: BlockAction, build: () => Promise<ModalView>): Promise<void> {
  let view: ModalView;
  let stale = false;
  try {
    view = await build();
  } catch (error) {
    if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'a Home tab button failed');
    view = renderHomeProblemModal(error instanceof AppError ? error.message : SORRY);
    stale = error instanceof AppError && error.code === 'not_found';
  }
  // The trigger expires 3 seconds after the click: open first, redraw after.
  await client.views
    .open({ trigger_id: body.trigger_id, view })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not open a modal from the Home tab'));
  if (stale) await publishHome(ctx, client, workspaceOf(body), body.user.id);
}

function menuValueOf(value: string | undefined): { op: 'change' | 'cancel'; oneOnOneId: number } {
  try {
    const parsed = ZOneOnOneMenuValue.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: same answer as a wrong shape.
  }
  throw new AppError('bad_input', BAD_MENU);
}
