import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCoachCommand } from '../../../domain/command-text';
import { canManageTeam, isAdmin } from '../../../services/teams/authorize';
import { renderHelp } from '../../blocks/help';
import { personFor, type TSlackContext } from '../../context';
import { respondError } from '../../respond-error';
import { cancelFromCommand, listFromCommand, scheduleFromCommand } from './coach-1on1';
import { handleAgenda } from './coach-agenda';
import { addExemplar } from './coach-exemplar';
import { showFocus } from './coach-focus';
import { handleGoals } from './coach-goals';
import { handleTargets } from './coach-targets';
import { pauseFromCommand, resumeFromCommand } from './coach-pause';
import { openSettings } from './coach-settings';
import { exportFromCommand, forgetMeFromCommand } from './coach-privacy';
import { openSetup } from './coach-setup';
import { cancelRequestFromCommand, requestFromCommand, reviewFromCommand } from './coach-review';
import { changeTeam, showTeam } from './coach-team';

/** `/coach <verb>`: routes each verb to its handler; an empty or unknown verb gets help. */
export function coachCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const parsed = parseCoachCommand(command.text);
      if (parsed.verb === 'invalid') return void (await respond({ response_type: 'ephemeral', text: parsed.message }));
      const me = await personFor(ctx, client, command.team_id, command.user_id);
      const base = { ctx, me, command, respond, client, ...(context.botUserId !== undefined && { botUserId: context.botUserId }) };
      switch (parsed.verb) {
        case 'help': {
          const help = renderHelp({ isManager: canManageTeam(me), isAdmin: isAdmin(me), ...(parsed.unknownVerb ? { unknownVerb: parsed.unknownVerb } : {}) });
          return void (await respond({ response_type: 'ephemeral', ...help }));
        }
        case 'team':
          return await showTeam({ ...base, parsed });
        case 'team add':
        case 'team remove':
          return await changeTeam({ ...base, parsed });
        case 'goals':
          return await handleGoals({ ...base, parsed });
        case 'targets':
          return await handleTargets({ ...base, parsed });
        case 'focus':
          return await showFocus({ ...base, parsed });
        case 'exemplar add':
          return await addExemplar({ ...base, parsed });
        case 'review':
          return await reviewFromCommand({ ...base, parsed });
        case 'review request':
          return await requestFromCommand({ ...base, parsed });
        case 'review request cancel':
          return await cancelRequestFromCommand({ ...base, parsed });
        case '1on1':
          return await scheduleFromCommand({ ...base, parsed });
        case '1on1 cancel':
          return await cancelFromCommand({ ...base, parsed });
        case '1on1 list':
          return await listFromCommand({ ...base, parsed });
        case 'agenda':
          return await handleAgenda({ ...base, parsed });
        case 'settings':
          return await openSettings(base);
        case 'setup':
          return await openSetup(base);
        case 'pause':
          return await pauseFromCommand({ ...base, parsed });
        case 'resume':
          return await resumeFromCommand({ ...base, parsed });
        case 'export':
          return await exportFromCommand(base);
        case 'forget-me':
          return await forgetMeFromCommand(base);
      }
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
