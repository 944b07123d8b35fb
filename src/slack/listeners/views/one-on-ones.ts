import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { ACTION_ITEM_TEXT_MAX, NOTES_MAX } from '../../../domain/limits';
import { addAgendaItem } from '../../../services/one-on-ones/add-agenda-item';
import { saveMeetingNotes } from '../../../services/one-on-ones/save-meeting-notes';
import { type TNewActionItem } from '../../../services/one-on-ones/meeting-notes-rules';
import { AGENDA_ADD_VIEW, AGENDA_TEXT_BLOCK, AGENDA_TEXT_INPUT, renderAgendaAddedModal, ZAgendaModalMetadata } from '../../blocks/agenda-modal';
import {
  ACTION_ROWS,
  ITEM_INPUT,
  itemDueBlock,
  itemOwnerBlock,
  itemTextBlock,
  MEETING_NOTES_VIEW,
  NOTES_BLOCK,
  NOTES_INPUT,
  ZMeetingNotesMetadata,
} from '../../blocks/meeting-notes-modal';
import { personFor, type TSlackContext } from '../../context';
import { publishHome } from '../../home';
import { notifyRepOfActionItems } from '../../one-on-one-notices';
import { workspaceOf } from '../../payload';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type TValues = ViewSubmitAction['view']['state']['values'];

const EXPIRED = 'This form has expired — close it and press the button again.';
const SORRY = 'Something went wrong on my side — nothing was saved. Please try again in a minute.';

/** The notes and agenda modals. */
export function registerOneOnOneViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(MEETING_NOTES_VIEW, meetingNotesSubmission(ctx));
  app.view<ViewSubmitAction>(AGENDA_ADD_VIEW, agendaSubmission(ctx));
}

const ZRow = z.object({ text: z.string(), owner: z.enum(['rep', 'manager']).catch('rep'), due: z.string().nullable() });

/**
 * Reads the form: notes, and each action item row that has text. A row with a due date but no text is
 * a mistake worth pointing at; a due date before the manager's today is too.
 */
export function readNotesForm(values: TValues, today: string): { ok: true; notes: string; items: TNewActionItem[] } | { ok: false; errors: Record<string, string> } {
  const notes = values[NOTES_BLOCK]?.[NOTES_INPUT]?.value ?? '';
  const errors: Record<string, string> = {};
  if (notes.length > NOTES_MAX) errors[NOTES_BLOCK] = `Keep notes under ${NOTES_MAX} characters.`;
  const items: TNewActionItem[] = [];
  for (let row = 1; row <= ACTION_ROWS; row++) {
    const parsed = ZRow.safeParse({
      text: (values[itemTextBlock(row)]?.[ITEM_INPUT]?.value ?? '').trim(),
      owner: values[itemOwnerBlock(row)]?.[ITEM_INPUT]?.selected_option?.value,
      due: values[itemDueBlock(row)]?.[ITEM_INPUT]?.selected_date ?? null,
    });
    if (!parsed.success) continue;
    const { text, owner, due } = parsed.data;
    if (text === '') {
      if (due) errors[itemTextBlock(row)] = 'What is the action item? (Or clear its due date.)';
      continue;
    }
    if (text.length > ACTION_ITEM_TEXT_MAX) errors[itemTextBlock(row)] = `Keep it under ${ACTION_ITEM_TEXT_MAX} characters.`;
    else if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) errors[itemDueBlock(row)] = 'Pick a date.';
    else if (due && due < today) errors[itemDueBlock(row)] = 'Pick today or a later date.';
    else items.push({ text, owner, dueDate: due });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, notes, items };
}

/** Notes saved: the modal closes, the rep gets the new action items in a DM, both Home tabs refresh. */
export function meetingNotesSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const meta = metadataOf(view.private_metadata, ZMeetingNotesMetadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [NOTES_BLOCK]: EXPIRED } }));
    const workspaceId = workspaceOf(body);
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const form = readNotesForm(view.state.values, DateTime.fromJSDate(ctx.now(), { zone: me.tz }).toISODate()!);
      if (!form.ok) return void (await ack({ response_action: 'errors', errors: form.errors }));
      const saved = await saveMeetingNotes(ctx.db, me, meta.meetingId, form, ctx.now());
      await ack();
      await notifyRepOfActionItems(ctx, client, {
        repSlackUserId: saved.rep.slackUserId,
        managerName: saved.manager.name,
        managerSlackUserId: saved.manager.slackUserId,
        startsText: saved.view.startsText,
        items: saved.created,
      });
      await Promise.all([publishHome(ctx, client, workspaceId, me.slackUserId), publishHome(ctx, client, workspaceId, saved.rep.slackUserId)]);
    } catch (error) {
      await ackError(ack, error, NOTES_BLOCK, ctx);
    }
  };
}

/** Agenda item added: the modal shows the updated agenda; both Home tabs refresh. */
export function agendaSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const meta = metadataOf(view.private_metadata, ZAgendaModalMetadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [AGENDA_TEXT_BLOCK]: EXPIRED } }));
    const workspaceId = workspaceOf(body);
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const text = view.state.values[AGENDA_TEXT_BLOCK]?.[AGENDA_TEXT_INPUT]?.value ?? '';
      const agenda = await addAgendaItem(ctx.db, me, { oneOnOneId: meta.oneOnOneId, text }, ctx.now());
      await ack({ response_action: 'update', view: renderAgendaAddedModal(agenda) });
      await Promise.all([publishHome(ctx, client, workspaceId, me.slackUserId), publishHome(ctx, client, workspaceId, agenda.oneOnOne.other.slackUserId)]);
    } catch (error) {
      await ackError(ack, error, AGENDA_TEXT_BLOCK, ctx);
    }
  };
}

/** Errors show on the form (the modal stays open, nothing is lost); unexpected ones are logged. */
async function ackError(ack: TViewArgs['ack'], error: unknown, block: string, ctx: TSlackContext): Promise<void> {
  if (!(error instanceof AppError)) ctx.logger.error({ err: error }, '1:1 form failed');
  const message = error instanceof AppError ? error.message.replace(/`/g, '') : SORRY;
  await ack({ response_action: 'errors', errors: { [block]: message } }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not answer the form'));
}
