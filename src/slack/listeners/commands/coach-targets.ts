import { parseTargets, targetsPhrase, type TActivityTarget } from '../../../domain/target-text';
import { getTargets } from '../../../services/targets/get-targets';
import { proposeTargets } from '../../../services/targets/propose-targets';
import { setTargetsForRep } from '../../../services/targets/set-targets-for-rep';
import { canViewRep } from '../../../services/teams/authorize';
import { escapeText } from '../../blocks/escape';
import { renderTargetsNotice, renderTargetsOverview, renderTargetsProposal } from '../../blocks/targets';
import { personFor } from '../../context';
import type { TCoachVerbArgs } from './coach-verb';

type TArgs = TCoachVerbArgs<'targets'>;

const NOT_YOURS = "I can only show a rep's targets to them, their manager and admins — and you're none of those for this person.";
const AUTONOMOUS = "You're in the autonomous tier right now, so Canopy sets you no weekly activity targets — outcome goals only. Once agreed, these are kept for `/stats targets` and count if that changes.";

/**
 * `/coach targets` shows the targets that count and how each was found; `/coach targets 25 calls 10 emails`
 * proposes the rep's own to their manager; `/coach targets @rep 20 calls` (manager or admin) sets a rep's.
 */
export async function handleTargets(args: TArgs): Promise<void> {
  const { parsed, me, respond } = args;
  const reply = (text: string) => respond({ response_type: 'ephemeral', text });
  if (parsed.userIds.length > 1) return void (await reply('One person at a time, please: `/coach targets @rep 20 calls`.'));
  const repUserId = parsed.userIds[0];
  if (parsed.args.length === 0) return showTargets(args, repUserId ?? me.slackUserId);
  const targets = parseTargets(parsed.args);
  if (!targets.ok) return void (await reply(targets.message));
  if (repUserId && repUserId !== me.slackUserId) return setRepTargets(args, repUserId, targets.targets);
  return proposeOwnTargets(args, targets.targets);
}

async function showTargets({ ctx, me, command, respond, client }: TArgs, userId: string): Promise<void> {
  const person = userId === me.slackUserId ? me : await personFor(ctx, client, command.team_id, userId);
  if (!canViewRep(me, person)) return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
  const shown = await getTargets(ctx.db, person, ctx.now());
  const ownerName = person.id === me.id ? {} : { ownerName: person.name };
  await respond({ response_type: 'ephemeral', ...renderTargetsOverview({ ...shown, ...ownerName }) });
}

async function proposeOwnTargets({ ctx, me, respond, client }: TArgs, targets: TActivityTarget[]): Promise<void> {
  const { set, manager, autonomous } = await proposeTargets(ctx.db, me, targets, ctx.now());
  const what = `*${targetsPhrase(set.targets)}*`;
  const tier = autonomous ? `\n${AUTONOMOUS}` : '';
  if (!manager) {
    const text = `Saved your proposal of ${what}. You have no manager set in Canopy, so nobody was asked yet — an admin can agree it (or add you to a team).${tier}`;
    return void (await respond({ response_type: 'ephemeral', text }));
  }
  const sent = await client.chat
    .postMessage({ channel: manager.slackUserId, ...renderTargetsProposal({ targetsId: set.id, repName: me.name, targets: set.targets }) })
    .then(() => true)
    .catch((error: unknown) => (ctx.logger.warn({ err: error, targetsId: set.id }, 'could not DM the manager a targets proposal'), false));
  const who = escapeText(manager.name || 'your manager');
  const text = sent
    ? `Sent ${what} to ${who} for agreement. You'll get a DM when they agree or adjust them; until then your targets stay as they are.${tier}`
    : `Saved your proposal of ${what}, but I couldn't reach ${who} in Slack just now — mention it at your next 1:1.${tier}`;
  await respond({ response_type: 'ephemeral', text });
}

async function setRepTargets(args: TArgs, repUserId: string, targets: TActivityTarget[]): Promise<void> {
  const { ctx, me, command, respond, client } = args;
  const rep = await personFor(ctx, client, command.team_id, repUserId);
  const { set, autonomous } = await setTargetsForRep(ctx.db, me, rep, targets, ctx.now());
  const notice = renderTargetsNotice({ kind: 'set', byName: me.name, set, autonomous });
  const told = await client.chat
    .postMessage({ channel: rep.slackUserId, ...notice })
    .then(() => true)
    .catch((error: unknown) => (ctx.logger.warn({ err: error, targetsId: set.id }, 'could not DM the rep their targets'), false));
  const who = escapeText(rep.name || 'the rep');
  const note = autonomous ? ` They're in the autonomous tier, so these count only once that changes (until then, on request with \`/stats targets\`).` : '';
  const text = `Set ${who}'s activity targets: *${targetsPhrase(set.targets)}*${told ? ' — they got a DM.' : ", but I couldn't DM them just now."}${note}`;
  await respond({ response_type: 'ephemeral', text });
}
