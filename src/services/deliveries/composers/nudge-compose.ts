import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listRepActivities } from '../../../../db/repositories/activities';
import { listOpenDealFacts } from '../../../../db/repositories/brief-facts';
import { findLatestTierSnapshot } from '../../../../db/repositories/coaching-snapshots';
import { findActionItem, findOneOnOneById } from '../../../../db/repositories/one-on-ones';
import { findPersonById, type TPersonRow } from '../../../../db/repositories/people';
import { listStages } from '../../../../db/repositories/workspaces';
import { isoWeek, parseNudgeKey, type TNudgeKey } from '../../../domain/checkin-nudge-schedule';
import { dealAsOf } from '../../../domain/coaching/deal-as-of';
import { getCoachingSettings, type TCoachingSettings } from '../../setup/coaching-settings';
import { expectationProgress } from '../../../domain/coaching/progress';
import type { TPreferences } from '../../../domain/preferences';
import { findStalledDeals } from '../../../domain/coaching/stalled-deals';
import { unsolicitedBudget } from '../../../domain/delivery-rules';
import { renderNudge, type TNudgeDetail } from '../../../slack/blocks/nudge';
import { getRepCoaching } from '../../coaching/get-rep-coaching';
import { policyPersonOf } from '../policy-person';
import { decidePlanned, NO_COUNTS, TOO_LATE } from '../sources/checkin-nudge-reps';
import type { TComposer } from '../types';

/**
 * A nudge, written at send time from the data as it is then, or why it should not go out after all: the
 * expectation was met (or is back on pace), the deal moved or came back to life, the action item was done;
 * or the rep paused, went away, snoozed or turned this kind off since it was planned. The budget was settled
 * when it was planned.
 */
export const composeNudge: TComposer = async (db, row, recipient, now) => {
  const key = parseNudgeKey(row.periodKey);
  if (!key) return { action: 'skip', reason: `skipped: '${row.periodKey}' is not a nudge this version knows` };
  const tier = (await findLatestTierSnapshot(db, recipient.id, now))?.tier ?? null;
  const settings = await getCoachingSettings(db, recipient.workspaceId);
  const policy = policyPersonOf(recipient, tier, settings.preferenceDefaults);
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  const decision = await decidePlanned(policy, { kind: 'nudge', nudge: key.nudge }, DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' }), at, NO_COUNTS);
  if (decision.status !== 'pending') return { action: 'skip', reason: decision.reason };
  const detail = await detailOf(db, key, recipient, policy.preferences, settings, at.setZone(recipient.tz));
  if (typeof detail === 'string') return { action: 'skip', reason: detail };
  return { action: 'send', recipient, message: renderNudge({ deliveryId: row.id, budget: unsolicitedBudget(tier), detail }) };
};

/** The nudge's facts now, or the reason it no longer applies. */
async function detailOf(db: TDb, key: TNudgeKey, rep: TPersonRow, preferences: TPreferences, settings: TCoachingSettings, local: DateTime): Promise<TNudgeDetail | string> {
  if (key.nudge === 'behind_pace') return behindPace(db, key, rep, preferences, local);
  if (key.nudge === 'stalled_deal') return stalledDeal(db, key, rep, settings, local);
  return actionItem(db, key, rep, local);
}

async function behindPace(db: TDb, key: Extract<TNudgeKey, { nudge: 'behind_pace' }>, rep: TPersonRow, preferences: TPreferences, local: DateTime): Promise<TNudgeDetail | string> {
  if ((key.per === 'week' ? isoWeek(local) : local.toISODate()) !== key.period) return TOO_LATE;
  const expectation = (await getRepCoaching(db, rep.id, local.toJSDate()))?.expectations.find((x) => x.type === key.type && x.per === key.per);
  if (!expectation) return 'skipped: the expectation changed since it was planned';
  const activities = await listRepActivities(db, rep.id, local.startOf('week').toJSDate(), new Date(local.toMillis() + 1));
  const [progress] = expectationProgress([expectation], activities, local, preferences);
  if (!progress) return 'skipped: the expectation changed since it was planned';
  if (progress.pace.status === 'met') return `skipped: met since it was planned (${progress.pace.text})`;
  if (progress.done === 0) return 'skipped: nothing logged toward it yet (the check-in asks instead)';
  if (progress.pace.status === 'off') return `skipped: outside ${rep.name || rep.slackUserId}'s working time (${progress.pace.text})`;
  if (progress.pace.status === 'on_pace') return `skipped: back on pace since it was planned (${progress.pace.text})`;
  const whenText = key.per === 'week' ? `${local.toFormat('cccc', { locale: 'en-US' })} ${partOfDay(local)}` : local.toFormat('HH:mm');
  // The pace's gap is whole activities below what is due so far, so due-so-far (rounded down) is gap + done.
  const onPaceNow = progress.pace.gap + progress.done;
  return { nudge: 'behind_pace', type: key.type, per: key.per, amount: progress.amount, done: progress.done, onPaceNow, whenText };
}

async function stalledDeal(db: TDb, key: Extract<TNudgeKey, { nudge: 'stalled_deal' }>, rep: TPersonRow, settings: TCoachingSettings, local: DateTime): Promise<TNudgeDetail | string> {
  const at = local.toMillis();
  const stages = await listStages(db, rep.workspaceId);
  const found = (await listOpenDealFacts(db, rep.id, at)).find((d) => d.id === key.dealId);
  const deal = found && dealAsOf(found, at, stages);
  if (!deal || deal.outcome !== 'open') return 'skipped: the deal closed since it was planned';
  if (deal.stage !== key.stage) return 'skipped: the deal moved on since it was planned';
  const { staleDays, dormantDays } = settings;
  const [stalled] = findStalledDeals([deal], at, staleDays, dormantDays);
  if (!stalled) return 'skipped: there was activity on the deal since it was planned';
  const stageName = stages.find((s) => s.key === stalled.stage)?.name ?? stalled.stage;
  return { nudge: 'stalled_deal', dealName: stalled.name, stageName, idleDays: stalled.idleDays, threshold: stalled.threshold };
}

async function actionItem(db: TDb, key: Extract<TNudgeKey, { nudge: 'action_item_due' }>, rep: TPersonRow, local: DateTime): Promise<TNudgeDetail | string> {
  const item = await findActionItem(db, key.itemId);
  if (!item || item.ownerId !== rep.id) return 'skipped: the action item no longer exists';
  if (item.doneAt) return 'skipped: done since it was planned';
  if (!item.dueDate) return 'skipped: the action item has no due date any more';
  const oneOnOne = await findOneOnOneById(db, item.oneOnOneId);
  const otherId = oneOnOne ? (oneOnOne.managerId === rep.id ? oneOnOne.repId : oneOnOne.managerId) : null;
  const other = otherId === null ? undefined : await findPersonById(db, otherId);
  const due = DateTime.fromISO(item.dueDate, { zone: local.zone });
  const day = due.toFormat('ccc d LLL', { locale: 'en-US' });
  const today = local.startOf('day');
  const dueText = due.hasSame(today, 'day') ? 'today' : due.hasSame(today.plus({ days: 1 }), 'day') ? `tomorrow (${day})` : day;
  const meetingText = DateTime.fromJSDate(item.meetingStartsAt, { zone: local.zone }).toFormat('ccc d LLL', { locale: 'en-US' });
  return { nudge: 'action_item_due', text: item.text, dueText, withName: other?.name || other?.slackUserId || 'your manager', meetingText };
}

function partOfDay(local: DateTime): string {
  if (local.hour < 12) return 'morning';
  return local.hour < 17 ? 'afternoon' : 'evening';
}
