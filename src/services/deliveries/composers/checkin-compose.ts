import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listRepActivities } from '../../../../db/repositories/activities';
import type { TPersonRow } from '../../../../db/repositories/people';
import { listStages } from '../../../../db/repositories/workspaces';
import { expectationProgress } from '../../../domain/coaching/progress';
import type { TPreferences } from '../../../domain/preferences';
import { checkinCadence } from '../../../domain/nudge-policy';
import { renderCheckin, type TCheckinView } from '../../../slack/blocks/checkin';
import { MAX_DEAL_BUTTONS } from '../../../slack/blocks/log-activity-modal';
import { carriedReviews } from '../../call-reviews/carried-reviews';
import { getRepCoaching } from '../../coaching/get-rep-coaching';
import { openDealsInStage } from '../../logging/deal-choices';
import { policyPersonOf } from '../policy-person';
import { getCoachingSettings } from '../../setup/coaching-settings';
import { decidePlanned, NO_COUNTS } from '../sources/checkin-nudge-reps';
import type { TComposer } from '../types';

/**
 * A check-in, written at send time, or why it should not go out after all: the rep turned check-ins off or
 * changed their cadence, paused, went away, or the working day it was due on is over. It carries the pace note:
 * where the rep stands against their targets (so no separate behind-pace nudge goes out that day), and the call
 * reviews whose own DM was held back since the rep's previous check-in or digest (`carriedReviews`).
 */
type TExpectationInput = NonNullable<Awaited<ReturnType<typeof getRepCoaching>>>['expectations'][number];

export const composeCheckin: TComposer = async (db, row, recipient, now) => {
  const coaching = await getRepCoaching(db, recipient.id, now);
  const tier = coaching?.tier.tier ?? null;
  const defaults = (await getCoachingSettings(db, recipient.workspaceId)).preferenceDefaults;
  const policy = policyPersonOf(recipient, tier, defaults);
  const cadence = checkinCadence(tier, policy.preferences);
  const planned = /-W\d{2}$/.test(row.periodKey) ? 'weekly' : 'daily';
  if (cadence === 'off') return { action: 'skip', reason: 'skipped: check-ins were turned off since it was planned' };
  if (cadence !== planned) return { action: 'skip', reason: `skipped: check-ins changed to ${cadence} since it was planned` };
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  const decision = await decidePlanned(policy, { kind: 'checkin' }, DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' }), at, NO_COUNTS);
  if (decision.status !== 'pending') return { action: 'skip', reason: decision.reason };

  const stages = await listStages(db, recipient.workspaceId);
  const focusStage = coaching?.focus?.stage ?? null;
  const stageName = (key: string) => stages.find((s) => s.key === key)?.name ?? key;
  let basis: TCheckinView['basis'] = { kind: 'tier' };
  if (policy.preferences.checkins !== 'auto') basis = { kind: 'setting' };
  else if (tier === 'focused') basis = { kind: 'focus', stageName: focusStage === null ? null : stageName(focusStage) };
  const pace = tier === 'autonomous' || !coaching ? [] : await paceNote(db, recipient, policy.preferences, coaching.expectations, DateTime.fromJSDate(now, { zone: recipient.tz }));
  const focusDeals = focusStage === null ? undefined : await focusStageDeals(db, recipient, focusStage, stageName(focusStage));
  const reviews = await carriedReviews(db, recipient, now);
  return { action: 'send', recipient, message: renderCheckin({ deliveryId: row.id, cadence, basis, pace, focusDeals, reviews }) };
};

/** Quick choices: the rep's open deals in their focus stage, most recently active first (none: no buttons). */
async function focusStageDeals(db: TDb, rep: TPersonRow, stage: string, stageName: string): Promise<TCheckinView['focusDeals']> {
  const deals = await openDealsInStage(db, rep.id, stage, MAX_DEAL_BUTTONS);
  return deals.length === 0 ? undefined : { stageName, deals };
}

/** Where the rep stands against each of their daily and weekly targets now, as `/stats` words it (their working days and hours). */
async function paceNote(db: TDb, rep: TPersonRow, preferences: TPreferences, expectations: readonly TExpectationInput[], local: DateTime): Promise<NonNullable<TCheckinView['pace']>> {
  const own = expectations.flatMap((x) => (x.per === 'day' || x.per === 'week' ? [{ type: x.type, per: x.per, amount: x.amount, derivationText: '' }] : []));
  if (own.length === 0) return [];
  const activities = await listRepActivities(db, rep.id, local.startOf('week').toJSDate(), new Date(local.toMillis() + 1));
  return expectationProgress(own, activities, local, preferences).map((p) => ({ status: p.pace.status, text: p.pace.text }));
}
