import type { AllMiddlewareArgs, App, BlockAction, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { AppError } from '../../../domain/errors';
import { getManagedOneOnOne } from '../../../services/home/get-managed-one-on-one';
import { openLogActivityForm } from '../../../services/logging/open-log-activity-form';
import { getSettings } from '../../../services/settings/get-settings';
import { openSetupForm } from '../../../services/setup/open-setup-form';
import { HOME_ONE_ON_ONE_MENU_ACTION, HOME_SCHEDULE_ACTION, HOME_SETTINGS_ACTION, renderHomeProblemModal, ZOneOnOneMenuValue } from '../../blocks/home';
import { LOG_ACTIVITY_DEAL_OPEN_ACTION, LOG_ACTIVITY_OPEN_ACTION, renderLogActivityModal, ZLogDealButtonValue } from '../../blocks/log-activity-modal';
import { renderCancelOneOnOneModal, renderScheduleModal } from '../../blocks/schedule-modal';
import { renderSettingsModal } from '../../blocks/settings-modal';
import { HOME_SETUP_ACTION } from '../../blocks/home-team';
import { renderSetupModal } from '../../blocks/setup-modal';
import { personFor, type TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { workspaceOf } from '../../payload';

type TArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;

const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';
const BAD_MENU = "That menu doesn't carry a 1:1 I recognise — nothing was changed.";

/** The Home tab's buttons: Log activity (also on messages, and a check-in's quick choice of a deal), Settings, Schedule a 1:1, and each 1:1's Change / Cancel menu. */
export function registerHomeActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(LOG_ACTIVITY_OPEN_ACTION, openLogActivityAction(ctx));
  app.action<BlockButtonAction>(LOG_ACTIVITY_DEAL_OPEN_ACTION, openLogActivityForDealAction(ctx));
  app.action<BlockButtonAction>(HOME_SETTINGS_ACTION, openSettingsAction(ctx));
  app.action<BlockButtonAction>(HOME_SCHEDULE_ACTION, openScheduleAction(ctx));
  app.action<BlockButtonAction>(HOME_SETUP_ACTION, openSetupAction(ctx));
  app.action<BlockOverflowAction>(HOME_ONE_ON_ONE_MENU_ACTION, oneOnOneMenuAction(ctx));
}

/**
 * Log activity: the log modal, with the workspace's stages to pick from. The same action id is used by buttons
 * on messages (nudges, check-ins), so nothing here depends on the Home tab; the button's value (`{}`) carries
 * nothing to read.
 */
export function openLogActivityAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () =>
      renderLogActivityModal(await openLogActivityForm(ctx.db, { workspaceId: workspaceOf(body), slackUserId: body.user.id })),
    );
  };
}

/**
 * A check-in's quick choice: the log modal with that deal picked. The message may be old (the deal closed
 * since) or not the clicker's: the modal opens all the same, with no deal picked and a word why.
 */
export function openLogActivityForDealAction(ctx: TSlackContext) {
  return async ({ ack, body, action, client }: TArgs<BlockButtonAction>) => {
    await ack();
    const dealId = dealIdOf(action.value);
    await openModal(ctx, client, body, async () =>
      renderLogActivityModal(await openLogActivityForm(ctx.db, { workspaceId: workspaceOf(body), slackUserId: body.user.id, dealId })),
    );
  };
}

/** Settings: the settings modal, with the person's current settings. */
export function openSettingsAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      return renderSettingsModal(await getSettings(ctx.db, me, ctx.now()));
    });
  };
}

/** Edit setup (admins): the `/coach setup` modal; anyone else is told who can. */
export function openSetupAction(ctx: TSlackContext) {
  return async ({ ack, body, client }: TArgs<BlockButtonAction>) => {
    await ack();
    await openModal(ctx, client, body, async () => {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      return renderSetupModal(await openSetupForm(ctx.db, me));
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
      const held = await getManagedOneOnOne(ctx.db, me, menu.oneOnOneId);
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

/** The deal a quick choice names; a value we cannot read opens the modal with no deal rather than refusing. */
function dealIdOf(value: string | undefined): number | undefined {
  try {
    const parsed = ZLogDealButtonValue.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data.dealId : undefined;
  } catch {
    return undefined;
  }
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
