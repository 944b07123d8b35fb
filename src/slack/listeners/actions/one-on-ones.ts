import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { markActionItem } from '../../../services/one-on-ones/mark-action-item';
import { getAgenda } from '../../../services/one-on-ones/get-agenda';
import { getMeetingNotes } from '../../../services/one-on-ones/get-meeting-notes';
import { renderAgendaModal } from '../../blocks/agenda-modal';
import { BRIEF_LOG_NOTES_ACTION } from '../../blocks/brief';
import { renderMeetingNotesModal, ZMeetingNotesMetadata } from '../../blocks/meeting-notes-modal';
import { ACTION_ITEM_DONE_ACTION, AGENDA_ADD_OPEN_ACTION, renderActionItemsUpdate, ZActionItemButtonValue, ZAgendaButtonValue } from '../../blocks/one-on-ones';
import { personFor, type TSlackContext } from '../../context';
import { buttonValue, refuseClick } from './button-values';
import { publishHome } from '../../home';
import { workspaceOf } from '../../payload';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The buttons around 1:1s: Log notes (brief), Add agenda item (reminder, Home tab), Done / Reopen (action items). */
export function registerOneOnOneActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(BRIEF_LOG_NOTES_ACTION, openNotesAction(ctx));
  app.action<BlockButtonAction>(AGENDA_ADD_OPEN_ACTION, openAgendaAction(ctx));
  app.action<BlockButtonAction>(ACTION_ITEM_DONE_ACTION, actionItemDoneAction(ctx));
}


/** Log notes: opens the notes modal for the meeting the brief was about (its manager only). */
export function openNotesAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { meetingId } = buttonValue(action.value, ZMeetingNotesMetadata);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      await client.views.open({ trigger_id: body.trigger_id, view: renderMeetingNotesModal(await getMeetingNotes(ctx.db, me, meetingId)) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, '1:1 button');
    }
  };
}

/** Add agenda item: opens the agenda modal for that 1:1. */
export function openAgendaAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { oneOnOneId } = buttonValue(action.value, ZAgendaButtonValue);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      await client.views.open({ trigger_id: body.trigger_id, view: renderAgendaModal(await getAgenda(ctx.db, me, { oneOnOneId }, ctx.now())) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, '1:1 button');
    }
  };
}

/** Done / Reopen on an action item: records it, then redraws the message (or the Home tab) it was on. */
export function actionItemDoneAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { itemId, done } = buttonValue(action.value, ZActionItemButtonValue);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const { items } = await markActionItem(ctx.db, me, itemId, done, ctx.now());
      if (body.container.type === 'view' || body.view?.type === 'home') return void (await publishHome(ctx, client, workspaceOf(body), me.slackUserId));
      const first = body.message?.blocks?.[0] as { text?: { text?: string } } | undefined;
      await respond({ replace_original: true, ...renderActionItemsUpdate(first?.text?.text ?? 'Action items from your 1:1:', items) });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, '1:1 button');
    }
  };
}

