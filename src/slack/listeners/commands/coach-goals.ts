import { parseGoalTarget, type TGoalMetric } from '../../../domain/goal-text';
import { listGoalsForQuarter } from '../../../services/goals/list-goals-for-quarter';
import { listTeamGoals } from '../../../services/goals/list-team-goals';
import { proposeGoal } from '../../../services/goals/propose-goal';
import { getCoachingSettings } from '../../../services/setup/coaching-settings';
import { setGoalForRep } from '../../../services/goals/set-goal-for-rep';
import { canManageTeam, canViewRep } from '../../../services/teams/authorize';
import { escapeText } from '../../blocks/escape';
import { goalPhrase, renderGoalNotice, renderGoalProposal, renderGoalsOverview } from '../../blocks/goals';
import { personFor } from '../../context';
import type { TCoachVerbArgs } from './coach-verb';

type TArgs = TCoachVerbArgs<'goals'>;

const REVENUE_USAGE = 'Try `/coach goals $120k` (or `/coach goals 8 deals`).';
const NOT_YOURS = "I can only show a rep's goals to them, their manager and admins — and you're none of those for this person.";

/**
 * `/coach goals` shows the quarter's goals; `/coach goals 8 deals` proposes one to the manager;
 * `/coach goals @rep 8 deals` (manager or admin) sets a rep's goal.
 */
export async function handleGoals(args: TArgs): Promise<void> {
  const { parsed, me, respond } = args;
  const reply = (text: string) => respond({ response_type: 'ephemeral', text });
  if (parsed.userIds.length > 1) return void (await reply('One person at a time, please: `/coach goals @rep 8 deals`.'));
  if (parsed.args.length === 0) return parsed.userIds[0] ? showRepGoals(args, parsed.userIds[0]) : showGoals(args);
  // In a workspace whose quotas are revenue a bare number ('120000') is an amount too, not a count of deals.
  const revenue = (await getCoachingSettings(args.ctx.db, me.workspaceId)).quotaKind === 'revenue';
  const target = parseGoalTarget(parsed.args, revenue ? { defaultMetric: 'revenue', usage: REVENUE_USAGE } : {});
  if (!target.ok) return void (await reply(target.message));
  const repUserId = parsed.userIds[0];
  if (repUserId && repUserId !== me.slackUserId) return setRepGoal(args, repUserId, target);
  return proposeOwnGoal(args, target);
}

async function showGoals({ ctx, me, respond }: TArgs): Promise<void> {
  const now = ctx.now();
  const own = await listGoalsForQuarter(ctx.db, me, now);
  const team = canManageTeam(me)
    ? (await listTeamGoals(ctx.db, me, now)).map(({ rep, goals }) => ({ slackUserId: rep.slackUserId, name: rep.name, goals }))
    : undefined;
  await respond({ response_type: 'ephemeral', ...renderGoalsOverview({ ...own, ...(team ? { team } : {}) }) });
}

async function showRepGoals({ ctx, me, command, respond, client }: TArgs, repUserId: string): Promise<void> {
  const rep = await personFor(ctx, client, command.team_id, repUserId);
  if (!canViewRep(me, rep)) return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
  const own = await listGoalsForQuarter(ctx.db, rep, ctx.now());
  const ownerName = rep.id === me.id ? {} : { ownerName: rep.name };
  await respond({ response_type: 'ephemeral', ...renderGoalsOverview({ ...own, ...ownerName }) });
}

async function proposeOwnGoal({ ctx, me, respond, client }: TArgs, target: { metric: TGoalMetric; target: number }): Promise<void> {
  const { goal, manager } = await proposeGoal(ctx.db, me, target, ctx.now());
  const what = `*${goalPhrase(goal)}* for ${goal.quarter}`;
  if (!manager) {
    const text = `Saved your proposal of ${what}. You have no manager set in Canopy, so nobody was asked yet — an admin can agree it (or add you to a team).`;
    return void (await respond({ response_type: 'ephemeral', text }));
  }
  const sent = await client.chat
    .postMessage({ channel: manager.slackUserId, ...renderGoalProposal({ goalId: goal.id, repName: me.name, goal }) })
    .then(() => true)
    .catch((error: unknown) => (ctx.logger.warn({ err: error, goalId: goal.id }, 'could not DM the manager a goal proposal'), false));
  const who = escapeText(manager.name || 'your manager');
  const text = sent
    ? `Sent ${what} to ${who} for agreement. You'll get a DM when they agree or adjust it.`
    : `Saved your proposal of ${what}, but I couldn't reach ${who} in Slack just now — mention it at your next 1:1.`;
  await respond({ response_type: 'ephemeral', text });
}

async function setRepGoal(args: TArgs, repUserId: string, target: { metric: TGoalMetric; target: number }): Promise<void> {
  const { ctx, me, command, respond, client } = args;
  const rep = await personFor(ctx, client, command.team_id, repUserId);
  const { goal } = await setGoalForRep(ctx.db, me, rep, target, ctx.now());
  const notice = renderGoalNotice({ kind: 'set', byName: me.name, goal });
  const told = await client.chat
    .postMessage({ channel: rep.slackUserId, ...notice })
    .then(() => true)
    .catch((error: unknown) => (ctx.logger.warn({ err: error, goalId: goal.id }, 'could not DM the rep their goal'), false));
  const who = escapeText(rep.name || 'the rep');
  const text = `Set ${who}'s goal for ${goal.quarter}: *${goalPhrase(goal)}*${told ? ' — they got a DM.' : ", but I couldn't DM them just now."}`;
  await respond({ response_type: 'ephemeral', text });
}
