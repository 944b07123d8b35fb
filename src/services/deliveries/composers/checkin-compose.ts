import { DateTime } from 'luxon';
import { listStages } from '../../../../db/repositories/workspaces';
import { checkinCadence } from '../../../domain/nudge-policy';
import { renderCheckin, type TCheckinView } from '../../../slack/blocks/checkin';
import { getRepCoaching } from '../../coaching/get-rep-coaching';
import { policyPersonOf } from '../policy-person';
import { decidePlanned, NO_COUNTS } from '../sources/checkin-nudge-reps';
import type { TComposer } from '../types';

/**
 * A check-in, written at send time, or why it should not go out after all: the rep turned check-ins off or
 * changed their cadence, paused, went away, or the working day it was due on is over.
 */
export const composeCheckin: TComposer = (db, row, recipient, now) => {
  const coaching = getRepCoaching(db, recipient.id, now);
  const tier = coaching?.tier.tier ?? null;
  const policy = policyPersonOf(recipient, tier);
  const cadence = checkinCadence(tier, policy.preferences);
  const planned = /-W\d{2}$/.test(row.periodKey) ? 'weekly' : 'daily';
  if (cadence === 'off') return { action: 'skip', reason: 'skipped: check-ins were turned off since it was planned' };
  if (cadence !== planned) return { action: 'skip', reason: `skipped: check-ins changed to ${cadence} since it was planned` };
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  const decision = decidePlanned(policy, { kind: 'checkin' }, DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' }), at, NO_COUNTS);
  if (decision.status !== 'pending') return { action: 'skip', reason: decision.reason };

  let basis: TCheckinView['basis'] = { kind: 'tier' };
  if (policy.preferences.checkins !== 'auto') basis = { kind: 'setting' };
  else if (tier === 'focused') {
    const stage = coaching?.focus?.stage ?? null;
    basis = { kind: 'focus', stageName: stage === null ? null : (listStages(db, recipient.workspaceId).find((s) => s.key === stage)?.name ?? stage) };
  }
  return { action: 'send', recipient, message: renderCheckin({ deliveryId: row.id, cadence, basis }) };
};
