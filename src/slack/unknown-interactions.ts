import type { AnyMiddlewareArgs, Middleware, RespondArguments } from '@slack/bolt';
import type { TMetrics } from '../observability/metrics';
import { renderOlderVersionMessage, renderOlderVersionModal, type TOlderControl } from './blocks/older-version';
import type { TSlackContext } from './context';
import { publishHome } from './home';
import type { TInteractionRegistry } from './interaction-registry';
import { workspaceOf } from './payload';

/** The fields of an interaction body this middleware reads; Slack's shapes vary by type, so all optional. */
type TInteractionBody = {
  type?: string;
  command?: string;
  callback_id?: string;
  trigger_id?: string;
  response_url?: string;
  user?: { id?: string } | null;
  user_id?: string;
  container?: { type?: string };
  view?: { type?: string; callback_id?: string };
  message?: unknown;
  actions?: { action_id?: string }[];
  action_id?: string;
};

/**
 * SPEC §3: every interaction is acknowledged within Slack's 3 s, including ones the app no longer knows (a
 * button on an old message after an upgrade, a form opened before one). Without this, Bolt runs no listener,
 * nobody acks, and after 3 s Slack shows the person an error. Register it after `recordInteractionListeners`
 * has seen every listener; it only acts when none of them will run, so a known interaction is acked once, by
 * its own listener. Where a person waits for an answer they get a polite note; where they don't (a closed
 * modal, a cancelled dialog) the ack is all.
 */
export function answerUnknownInteractions(registry: TInteractionRegistry, ctx: TSlackContext, metrics?: TMetrics): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    // Events are acked by Bolt before any middleware runs; they have no `ack` here.
    if (!('ack' in args) || typeof args.ack !== 'function') return args.next();
    if (await registry.handles(args)) return args.next();
    const body = args.body as TInteractionBody;
    const kind = body.command ? 'command' : (body.type ?? 'unknown');
    metrics?.unknownInteractions.inc({ kind });
    ctx.logger.info({ id: idOf(body) }, 'an interaction no listener handles (from an older version?): acknowledged');
    await answer(args as TAnswerArgs, body, ctx);
  };
}

type TAnswerArgs = AnyMiddlewareArgs & {
  ack: (response?: unknown) => Promise<void>;
  respond?: (message: RespondArguments) => Promise<unknown>;
  client: import('@slack/web-api').WebClient;
};

async function answer(args: TAnswerArgs, body: TInteractionBody, ctx: TSlackContext): Promise<void> {
  const { ack } = args;
  if (body.command) return ack({ response_type: 'ephemeral', ...renderOlderVersionMessage('command', body.command) });
  switch (body.type) {
    case 'view_submission':
      // The form turns into the note; submitting it again is not possible, so nothing half-saves.
      return ack({ response_action: 'update', view: renderOlderVersionModal('form') });
    case 'block_suggestion':
    case 'dialog_suggestion':
      return ack({ options: [] });
    case 'block_actions': {
      await ack();
      if (body.view?.type === 'home') {
        // The current Home tab is the answer: republish it over the old one the button was on.
        const userId = body.user?.id;
        if (userId) await publishHome(ctx, args.client, workspaceOf(args.body as Parameters<typeof workspaceOf>[0]), userId);
        return;
      }
      // A button in an open modal: nobody waits on a message there, and replacing the modal would lose what was typed.
      if (body.view?.type === 'modal' || body.container?.type === 'view') return;
      return note(args, ctx, 'button');
    }
    case 'interactive_message':
      await ack();
      return note(args, ctx, 'button');
    case 'message_action':
      await ack();
      return note(args, ctx, 'shortcut');
    case 'dialog_submission':
      // An empty 200 closes a legacy dialog; a body would be read as field errors.
      await ack();
      return note(args, ctx, 'form');
    case 'shortcut': {
      await ack();
      // A global shortcut has no response_url: the note opens as a modal with its trigger.
      if (!body.trigger_id) return;
      await args.client.views.open({ trigger_id: body.trigger_id, view: renderOlderVersionModal('shortcut') }).catch((error: unknown) => {
        ctx.logger.warn({ err: error }, 'could not open the older-version note');
      });
      return;
    }
    default:
      // view_closed, and anything newer: acknowledged, nothing to say.
      return ack();
  }
}

/** The note as an ephemeral message where Slack gave a response_url; the original message stays as it is. */
async function note(args: TAnswerArgs, ctx: TSlackContext, control: TOlderControl): Promise<void> {
  if (!args.respond) return;
  await args.respond({ response_type: 'ephemeral', replace_original: false, ...renderOlderVersionMessage(control) }).catch((error: unknown) => {
    ctx.logger.warn({ err: error }, 'could not send the older-version note');
  });
}

/** What the unknown interaction was called, for the log line. */
function idOf(body: TInteractionBody): string | undefined {
  return body.command ?? body.actions?.[0]?.action_id ?? body.action_id ?? body.view?.callback_id ?? body.callback_id;
}
