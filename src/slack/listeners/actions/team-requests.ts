import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerTeamRequest } from '../../../services/teams/answer-team-request';
import {
  renderTeamRequestOutcome,
  TEAM_REQUEST_ACCEPT_ACTION,
  TEAM_REQUEST_DECLINE_ACTION,
  ZTeamRequestButtonValue,
} from '../../blocks/team-consent';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { notifyTeamAnswer, personRef } from '../../team-notices';
import { buttonValue, refuseClick } from './button-values';

type TButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't carry a team request I recognise — nothing was changed.";

/** Accept / Decline on a "join my team?" DM. */
export function registerTeamRequestActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(TEAM_REQUEST_ACCEPT_ACTION, answerTeamRequestAction(ctx, 'accept'));
  app.action<BlockButtonAction>(TEAM_REQUEST_DECLINE_ACTION, answerTeamRequestAction(ctx, 'decline'));
}

/**
 * The rep's answer: the DM is replaced by what happened (buttons gone) and the asker is told. An old request
 * gets a polite note in place of the buttons; anyone but the rep gets a private refusal and the DM stays.
 */
export function answerTeamRequestAction(ctx: TSlackContext, answer: 'accept' | 'decline') {
  return async ({ ack, body, action, respond, client }: TButtonArgs) => {
    await ack();
    try {
      const { requestId } = buttonValue(action.value, ZTeamRequestButtonValue, BAD_BUTTON);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const result = await answerTeamRequest(ctx.db, me, requestId, answer, ctx.now());
      const outcome =
        result.kind === 'closed'
          ? { kind: 'closed' as const, why: result.why }
          : result.kind === 'accepted'
            ? { kind: 'accepted' as const, asker: personRef(result.manager), from: result.from && personRef(result.from) }
            : { kind: 'declined' as const, asker: personRef(result.manager) };
      await respond({ replace_original: true, ...renderTeamRequestOutcome(outcome) });
      await notifyTeamAnswer(ctx, client, result);
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'team request button');
    }
  };
}
